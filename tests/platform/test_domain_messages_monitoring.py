"""Monitoring, jobs, notifications, the audit log and an imported table's refusals read in the reader's
language (Indonesian by default, English on request) with a stable code (docs/developer/i18n.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.error_text import localise
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.errors import KotaCerdasError
from kotacerdas.io.registry import SOURCE
from kotacerdas.jobs.registry import lookup
from kotacerdas.monitoring.domain.budgets import set_budget
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.evidence import Evidence
from kotacerdas.monitoring.domain.reporting import open_reporting_window, report_actual
from kotacerdas.regions.domain.datasets import import_dataset

pytestmark = pytest.mark.django_db

JAN, MAR = dt.date(2026, 1, 5), dt.date(2026, 3, 31)


def both(call: Callable[[], Any]) -> tuple[str, str, str]:
    """The code and the message of the refusal of ``call``, raised in Indonesian and then in English."""
    texts, codes = [], set()
    for language in ("id", "en"):
        with translation.override(language), pytest.raises(KotaCerdasError) as info:
            call()
        codes.add(info.value.code)
        texts.append(info.value.message)
    (code,) = codes
    return code, texts[0], texts[1]


@pytest.fixture
def kpi(world):  # type: ignore[no-untyped-def]
    return save_kpi(
        actor=SYSTEM, programme=world.quick_win, name="Sungai", unit="%", targets={2025: 40.0}, baseline=None
    )


def test_reporting_windows_and_actuals(world, users, kpi):
    secretariat, team = users["secretariat"], users["region_team"]
    assert both(lambda: open_reporting_window(actor=team, year=2025, opens_on=JAN, closes_on=MAR)) == (
        "secretariat_only",
        "hanya sekretariat yang boleh membuka jendela pelaporan",
        "only the secretariat may open reporting windows",
    )
    assert both(lambda: open_reporting_window(actor=secretariat, year=2025, opens_on=MAR, closes_on=JAN)) == (
        "end_before_start",
        "jendela ditutup 5 Januari 2026, sebelum dibuka 31 Maret 2026",
        "the window closes on 5 January 2026, before it opens on 31 March 2026",
    )
    assert (
        both(lambda: report_actual(actor=team, kpi=kpi, year=2025, value=1.0, today=JAN))[0]
        == "window_closed"
    )
    open_reporting_window(actor=SYSTEM, year=2025, opens_on=JAN, closes_on=MAR)
    assert both(lambda: report_actual(actor=team, kpi=kpi, year=2025, value=1.0, today=JAN)) == (
        "evidence_required",
        "KPI 'Sungai' 2025: bukti belum ada",
        "KPI 'Sungai' 2025: evidence is missing",
    )
    bad = Evidence(url="bukan-tautan")
    assert both(
        lambda: report_actual(actor=team, kpi=kpi, year=2025, value=1.0, evidence=bad, today=JAN)
    ) == (
        "not_a_web_address",
        "KPI 'Sungai' 2025: 'bukan-tautan' bukan alamat web",
        "KPI 'Sungai' 2025: 'bukan-tautan' is not a web address",
    )
    assert both(
        lambda: report_actual(actor=team, kpi=kpi, year=2025, value=1.0, synthetic=True, today=JAN)
    ) == (
        "synthetic_demo_only",
        "hanya pemuat demo platform yang menulis capaian sintetis",
        "only the platform's demo loader writes synthetic actuals",
    )


def test_budgets_and_the_editor_check(world, users):
    programme = world.quick_win
    assert both(
        lambda: set_budget(actor=users["region_team"], programme=programme, year=2025, planned=-1)
    ) == (
        "invalid_amount",
        f"{programme.name} 2025: anggaran rencana -1 harus bilangan bulat rupiah, 0 sampai 16 angka",
        f"{programme.name} 2025: the planned budget -1 must be a whole number of rupiah from 0 to 16 digits",
    )
    code, indonesian, english = both(
        lambda: set_budget(actor=users["assessor"], programme=programme, year=2025, planned=1)
    )
    region = programme.masterplan.region.name
    assert code == "not_the_region_team"
    assert indonesian == f"hanya sekretariat atau tim {region} yang boleh mengubah masterplan daerah itu"
    assert english == f"only the secretariat or the team of {region} may change its masterplan"


def test_jobs_and_the_audit_log():
    assert both(lambda: lookup("os.system")) == (
        "unknown_job_function",
        "'os.system' bukan fungsi pekerjaan yang terdaftar",
        "'os.system' is not a registered job function",
    )
    event = AuditEvent.objects.create(action="x", summary="y")
    assert both(event.save) == (
        "audit_append_only",
        "log audit hanya dapat ditambah",
        "the audit log is append-only",
    )


def test_an_imported_tables_encoding_and_region_codes_are_worded_by_code():
    meta = {"source": "BPS", "year": 2024, "licence": "CC"}
    cases = [
        (
            "ipm,x\n".encode("utf-16-le"),
            "nul_bytes",
            "ipm.csv, baris 1: berkas memuat bita NUL: tampaknya UTF-16 tanpa penanda urutan bita "
            "(simpan sebagai 'CSV UTF-8', atau sebagai UTF-16 dengan penanda urutan bita)",
        ),
        (
            b"code,ipm\n63.71,75\n99.99,1\n",
            "unknown_region_code",
            "ipm.csv, baris 3, kolom 'code': kode kabupaten/kota '99.99' tidak dikenal "
            f"(kode mengikuti {SOURCE}; kode BPS memerlukan jembatan BPS↔Kemendagri)",
        ),
    ]
    for content, code, indonesian in cases:
        with pytest.raises(KotaCerdasError) as info:  # raised in the worker, its English for the CLI
            import_dataset(actor=SYSTEM, name="ipm", file_name="ipm.csv", content=content, **meta)
        assert info.value.code == code
        with translation.override("id"):
            assert localise(info.value) == indonesian


def test_the_api_error_body_carries_the_window_code_in_the_readers_language(world, users, kpi):
    team = APIClient()
    team.force_authenticate(users["region_team"])
    body = {"year": 2025, "value": 28.5, "evidence_url": "https://data.example.go.id/kpi"}
    english = team.post(f"/api/kpis/{kpi.pk}/actual/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 409
    assert english.json()["code"] == "window_closed"
    assert (
        english.json()["message"] == "Reporting of the 2025 actuals has not been opened by the secretariat."
    )
