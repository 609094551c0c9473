"""The main pages run a bounded number of queries: the count does not grow with the number of regions,
participations or scores shown (no query per row)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.programme.lifecycle import State
from kotacerdas.regions.models import Region
from tests.platform import factories as f

pytestmark = pytest.mark.django_db

CODES = ["32.01", "31.71", "35.78", "33.74", "12.71", "73.71", "51.71", "64.72", "34.71", "36.71"]
PAGES = {
    "public": ["/", "/peta/", "/peringkat/", "/wilayah/63.71/", "/api/regions/", "/api/"],
    "secretariat": ["/kohort/{cohort}/", "/data/", "/penilaian/", "/audit/"],
}


def _counts(client_for, cohort_id: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    counts = {}
    for role, paths in PAGES.items():
        client = client_for(role)
        for template in paths:
            path = template.format(cohort=cohort_id)
            client.get(path)  # warm: first-request work (sessions, caches) is not per row
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200, path
            counts[path] = len(queries)
    return counts


def test_the_main_pages_run_as_many_queries_for_ten_regions_as_for_two(world, client_for):
    cohort_id = world.own.cohort_id
    small = _counts(client_for, cohort_id)
    for code in CODES:
        f.participation(code, state=State.GUIDANCE)
    large = _counts(client_for, cohort_id)
    assert large == small
    assert max(small.values()) <= 20, small


def test_the_pipeline_board_reads_neither_boundaries_nor_the_selection_reasons(world, client_for):
    """Both are large JSON (a region's boundary up to ~90 KB, a cohort's selection reasons ~200 KB)."""
    Region.objects.update(geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]})
    cohort = world.own.cohort
    cohort.selection = {"reasons": {"63.71": "x" * 1000}}
    cohort.save()
    client = client_for("secretariat")
    path = f"/kohort/{cohort.pk}/"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    read = [q["sql"] for q in queries.captured_queries]
    selected = re.compile(r'"(regions_region"\."geometry|programme_cohort"\."selection)"(,| FROM)')
    assert not [q for q in read if selected.search(q)], read
    assert 'id="decisions-link"' in page and "Kota Banjarmasin" in page
    cohort.selection = {}
    cohort.save()
    assert 'id="decisions-link"' not in client.get(path).content.decode()
