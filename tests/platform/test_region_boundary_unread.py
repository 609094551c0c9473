"""A region team's pages name its region on every page (the header's "my region" link): reaching the region
through the user reads its code and name, never its boundary (large GeoJSON); code that does read the
boundary of a region reached that way still gets it, with one more query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotacerdas.accounts.models import User
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}


@pytest.mark.parametrize("route", ["web:profile", "web:inbox"])
def test_a_region_team_page_does_not_read_the_region_boundary(users, client_for, route):
    Region.objects.update(geometry=SQUARE)
    client = client_for("region_team")
    path = reverse(route)
    client.get(path)  # warm: sessions
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)
    assert page.status_code == 200
    assert 'href="/wilayah/63.71/"' in page.content.decode()  # the header's link to the team's region
    region_queries = [q["sql"] for q in queries.captured_queries if '"regions_region"' in q["sql"]]
    assert region_queries, "the page names the team's region"
    assert not [q for q in region_queries if "geometry" in q], region_queries


def test_a_boundary_reached_through_a_relation_is_read_on_demand(users):
    Region.objects.filter(code="63.71").update(geometry=SQUARE)
    user = User.objects.get(username="tim-banjarmasin")
    with CaptureQueriesContext(connection) as queries:
        region = user.region
        assert region is not None and region.code == "63.71"
        assert "geometry" in region.get_deferred_fields()
        assert region.geometry == SQUARE
    assert len(queries.captured_queries) == 2
    assert Region.objects.get(code="63.71").get_deferred_fields() == set()  # the default manager reads it
