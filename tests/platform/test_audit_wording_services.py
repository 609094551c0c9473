"""The programme and monitoring services word their audit summaries in each platform language.

Each summary keeps its facts: states and statuses by their labels, dates spelled out, amounts grouped
with the language's separators; names and what people typed stay as given.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import history
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.monitoring.domain.budgets import set_budget
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.evidence import Evidence
from kotacerdas.monitoring.domain.masterplans import set_quick_win_status
from kotacerdas.monitoring.domain.reporting import open_reporting_window, report_actual
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.domain.participation import substitute
from kotacerdas.programme.domain.reviews import open_thread, reply_to_thread, set_review_status
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def _worded(target, action: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The wordings of the newest event of ``action`` on ``target`` (the summary is the Indonesian)."""
    event = history(target).filter(action=action).order_by("-id").first()
    assert event is not None, action
    assert event.summary == event.summaries["id"]
    return event.summaries


def test_lifecycle_summaries_name_states_by_their_labels_and_spell_dates_out(world):
    assert _worded(world.own.cohort, "cohort.create") == {
        "id": "GM100 2024 (2024), 25 tempat",
        "en": "GM100 2024 (2024), 25 slots",
    }
    assert _worded(world.own, "participation.guidance") == {
        "id": "Kota Banjarmasin (GM100 2024): MoU ditandatangani → Bimbingan teknis",
        "en": "Kota Banjarmasin (GM100 2024): MoU signed → Technical guidance",
    }
    assert _worded(world.own, "participation.bimtek") == {
        "id": "Kota Banjarmasin: bimtek 4 (1 Maret 2024 – 1 Maret 2024)",
        "en": "Kota Banjarmasin: bimtek 4 (March 1, 2024 – March 1, 2024)",
    }
    assert _worded(world.own, "participation.institution") == {
        "id": "Kota Banjarmasin: Tim Pelaksana, SK SK/team/1",
        "en": "Kota Banjarmasin: Implementation Team, decree SK/team/1",
    }
    kediri = f.participation("35.71", the_cohort=world.own.cohort)
    new = substitute(actor=SYSTEM, participation=kediri, by_region=f.region("33.74"), on=dt.date(2024, 4, 2))
    assert _worded(new, "participation.substitute") == {
        "id": "Kota Semarang menggantikan Kota Kediri di GM100 2024",
        "en": "Kota Semarang takes the slot of Kota Kediri in GM100 2024",
    }


def test_book_summaries_read_book_and_status_in_each_language_and_keep_typed_text(world, users):
    doc = world.doc_own
    assert _worded(doc, "document.submit") == {
        "id": "Kota Banjarmasin: Buku 1 v1 (buku1.pdf)",
        "en": "Kota Banjarmasin: Book 1 v1 (buku1.pdf)",
    }
    thread = open_thread(actor=users["secretariat"], document=doc, text="Peta halaman ini buram", page=3)
    assert _worded(doc, "document.comment") == {
        "id": "Kota Banjarmasin: Buku 1 v1 (hlm. 3): Peta halaman ini buram",
        "en": "Kota Banjarmasin: Book 1 v1 (p. 3): Peta halaman ini buram",
    }
    reply_to_thread(actor=users["region_team"], thread=thread, text="Sudah kami ganti")
    assert _worded(doc, "document.reply")["en"] == "Kota Banjarmasin: Book 1 v1: Sudah kami ganti"
    set_review_status(actor=users["secretariat"], document=doc, status="revision", reason="Lengkapi peta")
    assert _worded(doc, "document.review") == {
        "id": "Kota Banjarmasin: Buku 1 v1: menunggu telaah → perlu revisi: Lengkapi peta",
        "en": "Kota Banjarmasin: Book 1 v1: pending review → revision needed: Lengkapi peta",
    }
    submit_book(actor=users["region_team"], participation=world.own, book=1, name="buku1b.pdf", content=f.PDF)
    assert _worded(doc, "document.review") == {
        "id": "Kota Banjarmasin: Buku 1 v2 menjawab permintaan revisi pada v1",
        "en": "Kota Banjarmasin: Book 1 v2 answers the revision request on v1",
    }


def test_monitoring_summaries_group_amounts_and_name_labels_in_each_language(world, users):
    item = world.quick_win
    assert _worded(item, "masterplan.programme") == {
        "id": "Sungai Digital: Smart Living, Jangka pendek (1 tahun)",
        "en": "Sungai Digital: Smart Living, Short term (1 year)",
    }
    set_budget(actor=SYSTEM, programme=item, year=2025, planned=700_000_000)
    assert _worded(item, "programme.budget") == {
        "id": "Sungai Digital 2025: rencana Rp 700.000.000, realisasi belum ada",
        "en": "Sungai Digital 2025: planned Rp 700,000,000, realised not yet known",
    }
    set_budget(actor=SYSTEM, programme=item, year=2025, planned=700_000_000, realised=650_500_000)
    assert _worded(item, "programme.budget") == {
        "id": "Sungai Digital 2025: rencana Rp 700.000.000, realisasi Rp 650.500.000",
        "en": "Sungai Digital 2025: planned Rp 700,000,000, realised Rp 650,500,000",
    }
    set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2024, 3, 1))
    assert _worded(item, "quick_win.running") == {
        "id": "Sungai Digital: Berjalan",
        "en": "Sungai Digital: Running",
    }
    window = open_reporting_window(
        actor=users["secretariat"], year=2025, opens_on=dt.date(2026, 1, 5), closes_on=dt.date(2026, 3, 31)
    )
    assert _worded(window, "reporting_window.open") == {
        "id": "Jendela pelaporan 2025: 5 Januari 2026 – 31 Maret 2026",
        "en": "Reporting window 2025: Jan. 5, 2026 – March 31, 2026",
    }
    kpi = save_kpi(
        actor=SYSTEM, programme=item, name="Perjalanan sungai tercatat", unit="%", targets={2025: 40.0}
    )
    report_actual(
        actor=users["region_team"],
        kpi=kpi,
        year=2025,
        value=30.5,
        evidence=Evidence(url="https://data.example.go.id/laporan-2025"),
        today=dt.date(2026, 1, 6),
    )
    assert _worded(kpi, "kpi.actual") == {
        "id": "Kota Banjarmasin: Perjalanan sungai tercatat 2025 = 30,5 %",
        "en": "Kota Banjarmasin: Perjalanan sungai tercatat 2025 = 30.5 %",
    }


def test_the_log_page_shows_a_service_summary_in_the_readers_language(world, client_for):
    assert AuditEvent.objects.filter(action="masterplan.programme").exists()
    english = client_for("secretariat").get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sungai Digital: Smart Living, Short term (1 year)" in english
