"""Audit summaries are worded in every platform language when recorded, and read in the reader's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import in_each_language, wording
from kotacerdas.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_wording_reads_in_each_language_with_its_number_and_date_formats():
    text = wording(gettext_lazy("%(round)s diterbitkan"), round="Putaran 2026")
    assert in_each_language(text) == {"id": "Putaran 2026 diterbitkan", "en": "Putaran 2026 published"}
    amounts = wording(gettext_lazy("%(name)s tahun %(year)s: %(planned)s / %(realised)s"),
                      name="Jaringan", year="2026", planned=1250000, realised=None)  # fmt: skip
    worded = in_each_language(amounts)
    assert "1.250.000" in worded["id"] and "1,250,000" in worded["en"] and "—" in worded["en"]
    day = in_each_language(wording(gettext_lazy("%(round)s diterbitkan"), round=dt.date(2026, 12, 6)))
    assert day == {"id": "6 Desember 2026 diterbitkan", "en": "Dec. 6, 2026 published"}


def test_a_plain_string_is_data_and_an_already_translated_message_is_refused():
    assert in_each_language("Kota Kediri") == {"id": "Kota Kediri", "en": "Kota Kediri"}
    with pytest.raises(TypeError, match="gettext_lazy"):
        wording("%(round)s diterbitkan", round="x")  # type: ignore[arg-type]


def test_the_log_keeps_both_wordings_and_shows_the_readers(users):
    event = record(
        actor=SYSTEM,
        action="round.publish",
        target=users["assessor"],
        summary=wording(gettext_lazy("%(round)s diterbitkan"), round="Putaran 2026"),
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.summary == "Putaran 2026 diterbitkan"  # the source language, for older readers
    assert stored.summaries == {"id": "Putaran 2026 diterbitkan", "en": "Putaran 2026 published"}
    with translation.override("en"):
        assert stored.summary_text == "Putaran 2026 published"
    with translation.override("id"):
        assert stored.summary_text == "Putaran 2026 diterbitkan"


def test_events_recorded_before_per_language_wording_show_their_stored_text(users):
    event = record(actor=SYSTEM, action="demo.old", target=users["assessor"], summary="x")
    with connection.cursor() as cursor:  # the log is append-only for the app; age one row with SQL
        cursor.execute(
            "UPDATE accounts_auditevent SET summaries = %s, summary = %s WHERE id = %s",
            ["{}", "round published", event.pk],
        )
    with translation.override("id"):
        assert AuditEvent.objects.get(pk=event.pk).summary_text == "round published"


def test_the_audit_page_and_csv_read_in_the_readers_language(users, client_for):
    record(
        actor=users["secretariat"],
        action="round.publish",
        target=users["assessor"],
        summary=wording(gettext_lazy("%(round)s diterbitkan"), round="Putaran 2026"),
    )
    client = client_for("secretariat")
    assert "Putaran 2026 diterbitkan" in client.get("/audit/").content.decode()
    english = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Putaran 2026 published" in english and "diterbitkan" not in english
    rows = client.get("/audit/csv/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Putaran 2026 published" in rows
