"""The audit page names each object type in the reader's language; the filter and the CSV keep the codes."""

from __future__ import annotations

import csv
import io

import pytest
from django.apps import apps
from django.utils import translation

from kotacerdas.accounts.audit_objects import NAMES, object_type_choices, object_type_name
from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import record
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def test_every_named_type_is_a_model_and_an_unknown_type_shows_its_code():
    for code in NAMES:
        apps.get_model(code)  # LookupError on a misspelt code
    assert object_type_name("programme.participation") == "Keikutsertaan"
    with translation.override("en"):
        assert object_type_name("programme.participation") == "Participation"
        assert object_type_choices(["regions.region", "accounts.user"]) == [
            ("regions.region", "Region"),
            ("accounts.user", "User"),
        ]
    assert object_type_name("notifications.notification") == "notifications.notification"


def test_the_page_names_the_type_the_filter_shows_names_and_the_csv_keeps_the_code(users, client_for):
    region = f.region("63.71")
    record(actor=SYSTEM, action="demo.note", target=region, summary="x")
    client = client_for("secretariat")
    page = client.get("/audit/", {"target_type": "regions.region"}).content.decode()
    assert f'<td data-type="regions.region">Daerah #{region.pk}</td>' in page
    assert '<option value="regions.region" selected>Daerah</option>' in page
    assert '<option value="accounts.user">Pengguna</option>' in page
    english = client.get(
        "/audit/", {"target_type": "regions.region"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert f"Region #{region.pk}</td>" in english and "Daerah" not in english
    assert '<option value="regions.region" selected>Region</option>' in english
    rows = list(
        csv.DictReader(io.StringIO(client.get("/audit/csv/", HTTP_ACCEPT_LANGUAGE="en").content.decode()))
    )
    assert {r["Object type"] for r in rows} == {"regions.region", "accounts.user"}  # scripts filter on codes
