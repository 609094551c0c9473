"""The secretariat reads the audit log: filters, pages, and a CSV export safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.utils import timezone

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.users import create_user, update_user
from kotacerdas.accounts.enums import Role

pytestmark = pytest.mark.django_db


UPDATE, OLD = 'data-action="user.update"', 'data-action="demo.old"'


def _csv(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_filters_by_actor_object_type_and_dates(users, client_for):
    member = create_user(actor=users["secretariat"], username="dewi", role=Role.ASSESSOR)
    update_user(actor=users["secretariat"], user=member, name="Dewi")
    old = record(actor=SYSTEM, action="demo.old", target=member, summary="long ago")
    with connection.cursor() as cursor:  # the log is append-only for the app; date one row back with SQL
        cursor.execute(
            "UPDATE accounts_auditevent SET at = %s WHERE id = %s",
            [timezone.make_aware(dt.datetime(2025, 1, 15, 10, 0)), old.pk],
        )
    client = client_for("secretariat")
    mine = client.get("/audit/", {"actor": "sekretariat"}).content.decode()
    assert UPDATE in mine and OLD not in mine  # the rows (the action filter lists every code)
    system = client.get("/audit/", {"actor": "system", "target_type": "accounts.user"}).content.decode()
    assert OLD in system and UPDATE not in system
    dated = client.get("/audit/", {"since": "2025-01-15", "until": "2025-01-15"}).content.decode()
    assert OLD in dated and UPDATE not in dated
    assert OLD not in client.get("/audit/", {"since": "2025-01-16"}).content.decode()
    bad = client.get("/audit/", {"since": "2025-02-01", "until": "2025-01-01"})
    assert bad.status_code == 400
    rows = _csv(client.get("/audit/csv/", {"actor": "sekretariat", "target_type": "accounts.user"}))
    assert [r["Tindakan"] for r in rows] == ["user.update", "user.create"]
    assert rows[0]["Pelaku"] == "sekretariat" and '"name": ["", "Dewi"]' in rows[0]["Data"]
    english = _csv(client.get("/audit/csv/", {"actor": "sekretariat"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert list(english[0]) == ["Time", "Actor", "Action", "Object type", "Object ID", "Summary", "Data"]


ROW = 'data-action="test.%02d"'


def test_pages_of_fifty(users, client_for):
    for i in range(55):
        record(actor=users["secretariat"], action=f"test.{i:02d}", target=users["assessor"], summary="x")
    client = client_for("secretariat")
    first = client.get("/audit/", {"actor": "sekretariat"}).content.decode()
    assert ROW % 54 in first and ROW % 4 not in first and 'id="audit-next"' in first
    second = client.get("/audit/", {"actor": "sekretariat", "page": 2}).content.decode()
    assert ROW % 4 in second and ROW % 54 not in second


def test_csv_export_neutralises_spreadsheet_formulas(users, client_for):
    for summary in ('=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "plain", "-0.5"):
        record(actor=users["secretariat"], action="test.formula", target=users["assessor"], summary=summary)
    rows = _csv(client_for("secretariat").get("/audit/csv/", {"actor": "sekretariat"}))
    assert [r["Ringkasan"] for r in rows if r["Tindakan"] == "test.formula"] == [
        "-0.5",
        "plain",
        "'@SUM(A1)",
        "'-2+3",
        "'+1+1",
        '\'=HYPERLINK("http://evil")',
    ]
