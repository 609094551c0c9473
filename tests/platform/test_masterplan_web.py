"""Issue 12 §3 through the web forms and the REST API: masterplan editing, KPI actuals inside and
outside the reporting window, budgets in rupiah, quick-win evidence; and the forms' bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.reporting import open_reporting_window
from kotacerdas.monitoring.forms import (
    ActualForm,
    KpiForm,
    MasterplanForm,
    ProgrammeForm,
    QuickWinForm,
    WindowForm,
)
from kotacerdas.monitoring.framework import QUICK_WIN_TRANSITIONS
from kotacerdas.monitoring.models import Kpi, KpiActual, Masterplan, ProgrammeBudget, ReportingWindow
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():  # type: ignore[no-untyped-def]
    """Messages in the source language, whatever an earlier test left active."""
    with translation.override("id"):
        yield


def api(user=None) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def kpi(world):  # type: ignore[no-untyped-def]
    return save_kpi(
        actor=SYSTEM, programme=world.quick_win, name="Layanan daring", unit="%", targets={2025: 40.0}
    )


def _open(year: int = 2025) -> None:
    today = timezone.localdate()
    open_reporting_window(
        actor=SYSTEM, year=year, opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=1)
    )


@pytest.mark.parametrize(
    ("form", "data", "error"),
    [
        (MasterplanForm, {"vision": "V", "start_year": 2024, "end_year": 2040}, "paling lama 10 tahun"),
        (MasterplanForm, {"vision": "", "start_year": 2024, "end_year": 2030}, "Bidang ini harus diisi"),
        (
            MasterplanForm,
            {"vision": "V", "start_year": "dua ribu", "end_year": 2030},
            "Masukkan keseluruhan angka bilangan",
        ),
        (
            ProgrammeForm,
            {
                "name": "P",
                "dimension": "governance",
                "sub_dimension": "waste",
                "horizon": 1,
                "owner_opd": "Bappeda",
                "budget_source": "apbd",
                "budget_amount": 5,
                "start_year": 2025,
            },
            "Subdimensi ini bukan bagian dari dimensi yang dipilih",
        ),
        (KpiForm, {"name": "K", "unit": "%", "targets": "2025 empat puluh"}, "Baris 1: tulis tahun: nilai"),
        (KpiForm, {"name": "K", "unit": "%", "targets": "2025: 1\n2025: 2"}, "Baris 2: tahun 2025 sudah ada"),
        (KpiForm, {"name": "K", "unit": "%", "targets": "2025: inf"}, "Baris 1: tahun atau nilai tidak sah"),
        (
            KpiForm,
            {"name": "K", "unit": "%", "targets": "2025: 1", "baseline": 3},
            "baseline bersama tahunnya",
        ),
        (
            WindowForm,
            {"year": 2025, "opens_on": "2026-03-01", "closes_on": "2026-01-01"},
            "tidak boleh sebelum",
        ),
        (
            WindowForm,
            {"year": 1999, "opens_on": "2026-01-01", "closes_on": "2026-02-01"},
            "lebih besar dari atau sama dengan 2000",
        ),
    ],
)
def test_forms_refuse_bad_input_with_a_sentence(form, data, error):
    with translation.override("id"):  # the source language, whatever an earlier test activated
        bound = form(data)
        assert not bound.is_valid()
        assert error in str(bound.errors)


@translation.override("id")
def test_actual_form_needs_an_open_year_a_number_and_evidence(world, kpi):
    kpis = Kpi.objects.all()
    closed = ActualForm({"kpi": kpi.pk, "value": "30", "evidence_url": "https://x.id/a"}, kpis=kpis, years=[])
    assert not closed.is_valid() and "Tidak ada jendela pelaporan yang terbuka" in str(closed.errors)
    no_proof = ActualForm({"year": 2025, "kpi": kpi.pk, "value": "30"}, kpis=kpis, years=[2025])
    assert not no_proof.is_valid() and "Bukti wajib" in str(no_proof.errors)
    nan = ActualForm(
        {"year": 2025, "kpi": kpi.pk, "value": "nan", "evidence_url": "https://x.id"}, kpis=kpis, years=[2025]
    )
    assert not nan.is_valid()
    other_year = ActualForm(
        {"year": 2024, "kpi": kpi.pk, "value": "1", "evidence_url": "https://x.id"}, kpis=kpis, years=[2025]
    )
    assert not other_year.is_valid() and "year" in other_year.errors


@pytest.mark.parametrize("current", sorted(QUICK_WIN_TRANSITIONS))
def test_quick_win_form_offers_only_legal_next_statuses(current):
    offered = {value for value, _label in QuickWinForm(current=current).fields["status"].choices}
    assert offered == set(QUICK_WIN_TRANSITIONS[current])


def test_region_team_creates_and_edits_its_masterplan_in_the_ui(world, client_for):
    team = client_for("region_team")
    created = team.post(
        "/wilayah/63.71/masterplan/baru/",
        {"vision": "Banjarmasin Baiman Cerdas", "start_year": 2025, "end_year": 2035},
    )
    plan = Masterplan.objects.get(vision="Banjarmasin Baiman Cerdas")
    assert created["Location"] == f"/masterplan/{plan.pk}/" and plan.participation == world.own
    bad = team.post(f"/masterplan/{plan.pk}/ubah/", {"vision": "V", "start_year": 2025, "end_year": 2045})
    assert bad.status_code == 400 and "paling lama 10 tahun" in bad.content.decode()
    programme = {
        "name": "Satu Data Banjarmasin",
        "dimension": "governance",
        "sub_dimension": "policy",
        "horizon": 5,
        "owner_opd": "Diskominfo",
        "budget_source": "apbd",
        "budget_amount": 1_250_000_000,
        "start_year": 2026,
        "quick_win": "on",
    }
    assert team.post(f"/masterplan/{plan.pk}/program/", programme).status_code == 302
    item = plan.programmes.get()
    assert (item.quick_win, item.status) == (True, "planned")
    kpi = team.post(
        f"/program/{item.pk}/kpi/",
        {
            "name": "Dataset terbuka",
            "unit": "dataset",
            "baseline": 4,
            "baseline_year": 2024,
            "targets": "2026: 20\n2030 = 100",
            "higher_is_better": "on",
        },
    )
    assert kpi.status_code == 302
    assert list(Kpi.objects.get(programme=item).targets.values_list("year", "target")) == [
        (2026, 20.0),
        (2030, 100.0),
    ]
    budget = team.post(
        f"/masterplan/{plan.pk}/anggaran/",
        {"programme": item.pk, "year": 2026, "planned": 700000000, "realised": 650000000},
    )
    assert budget.status_code == 302
    page = team.get(f"/masterplan/{plan.pk}/").content.decode()
    assert "Rp 700.000.000" in page and "Rp 650.000.000" in page and "Rp 1.250.000.000" in page
    assert "Belum publik" in page and "Smart Governance / Kebijakan" in page
    english = team.get(f"/masterplan/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Smart Governance / Policy" in english and "Kebijakan" not in english
    region = team.get("/wilayah/63.71/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Policy" in region and "Medium term (5 years)" in region and "63.71 · City ·" in region
    assert "63.71 · Kota ·" in team.get("/wilayah/63.71/").content.decode()
    other = client_for("assessor").post(
        f"/masterplan/{plan.pk}/anggaran/", {"programme": item.pk, "year": 2026, "planned": 1}
    )
    assert other.status_code == 403 and ProgrammeBudget.objects.get().planned == 700_000_000


def test_kpi_actuals_page_refuses_outside_the_window_and_takes_a_pdf_inside(world, client_for, kpi):
    team = client_for("region_team")
    url = f"/masterplan/{world.quick_win.masterplan_id}/capaian/"
    page = team.get(url).content.decode()
    assert 'id="window-closed"' in page
    outside = team.post(url, {"year": "2025", "kpi": kpi.pk, "value": "31", "evidence_url": "https://x.id/l"})
    assert (
        outside.status_code == 400 and "Tidak ada jendela pelaporan yang terbuka" in outside.content.decode()
    )
    _open(2025)
    window = ReportingWindow.objects.get()
    bad = team.post(
        url,
        {
            "year": "2025",
            "kpi": kpi.pk,
            "value": "31",
            "evidence_file": SimpleUploadedFile("b.pdf", b"<html>"),
        },
    )
    assert bad.status_code == 400 and "berkas ini bukan PDF" in bad.content.decode()
    good = team.post(
        url,
        {
            "year": "2025",
            "kpi": kpi.pk,
            "value": "31",
            "evidence_file": SimpleUploadedFile("bukti.pdf", f.PDF),
        },
    )
    assert good.status_code == 302
    actual = KpiActual.objects.get()
    assert (actual.year, actual.value, actual.synthetic) == (2025, 31.0, False)
    download = client_for("assessor").get(f"/bukti/kpi/{actual.pk}/")
    assert b"".join(download.streaming_content) == f.PDF
    window.opens_on = window.closes_on = timezone.localdate() - dt.timedelta(days=3)
    window.save()
    late = team.post(url, {"year": "2025", "kpi": kpi.pk, "value": "35", "evidence_url": "https://x.id/l"})
    assert late.status_code == 400 and KpiActual.objects.get().value == 31.0


def test_secretariat_opens_a_window_in_the_ui(world, client_for):
    client = client_for("secretariat")
    response = client.post(
        "/jendela-pelaporan/", {"year": 2025, "opens_on": "2026-01-05", "closes_on": "2026-03-31"}
    )
    assert response.status_code == 302
    assert list(ReportingWindow.objects.values_list("year", "opens_on")) == [(2025, dt.date(2026, 1, 5))]
    assert "5 Jan 2026" in client.get("/jendela-pelaporan/").content.decode()


def test_api_kpi_actual_window_budget_quick_win_and_comment(world, users, kpi):
    team, secretariat = api(users["region_team"]), api(users["secretariat"])
    body = {"year": 2025, "value": 28.5, "evidence_url": "https://data.banjarmasinkota.go.id/kpi"}
    refused = team.post(f"/api/kpis/{kpi.pk}/actual/", body, format="json")
    assert (refused.status_code, refused.json()["code"]) == (409, "window_closed")
    assert refused.json()["message"] == "Pelaporan capaian tahun 2025 belum dibuka oleh sekretariat."
    today = timezone.localdate()
    window = {"year": 2025, "opens_on": str(today), "closes_on": str(today + dt.timedelta(days=30))}
    assert team.post("/api/reporting-windows/", window, format="json").status_code == 403
    assert secretariat.post("/api/reporting-windows/", window, format="json").status_code == 201
    reported = team.post(f"/api/kpis/{kpi.pk}/actual/", body, format="json")
    assert reported.status_code == 200
    assert reported.json()["actuals"][0] | {"reported_at": None} == {
        "year": 2025,
        "value": 28.5,
        "evidence_url": body["evidence_url"],
        "evidence_file": "",
        "note": "",
        "synthetic": False,
        "reported_at": None,
    }
    assert reported.json()["targets"] == {"2025": 40.0}
    bad_file = team.post(
        f"/api/kpis/{kpi.pk}/actual/",
        {"year": 2025, "value": 1, "evidence_file": SimpleUploadedFile("b.pdf", b"MZ...")},
        format="multipart",
    )
    assert (bad_file.status_code, bad_file.json()["file"]) == (400, "b.pdf")
    budget = team.post(
        f"/api/masterplan-programmes/{world.quick_win.pk}/budget/",
        {"year": 2025, "planned": 5000, "realised": 4000},
        format="json",
    )
    assert budget.json() == [
        {"programme": world.quick_win.pk, "year": 2025, "planned": "5000", "realised": "4000"}
    ]
    step = team.post(
        f"/api/quick-wins/{world.quick_win.pk}/status/",
        {"status": "running", "on": "2025-02-01", "evidence_file": SimpleUploadedFile("foto.pdf", f.PDF)},
        format="multipart",
    )
    assert [h["status"] for h in step.json()["history"]] == ["planned", "running"]
    assert step.json()["history"][1]["evidence_file"].endswith(".pdf")
    plan = world.quick_win.masterplan_id
    comment = api(users["assessor"]).post(
        f"/api/masterplans/{plan}/comment/", {"text": "Bagus"}, format="json"
    )
    assert comment.status_code == 201 and comment.json()["comments"][0]["text"] == "Bagus"
    assert comment.json()["public"] is False
    assert api().get(f"/api/masterplans/{plan}/").status_code == 404


def test_api_creates_and_edits_a_masterplan_programme_and_kpi(world, users):
    team = api(users["region_team"])
    created = team.post(
        "/api/masterplans/",
        {"region": "63.71", "vision": "Kota sungai cerdas", "start_year": 2025, "end_year": 2035},
        format="json",
    )
    assert created.status_code == 201 and created.json()["participation"] == world.own.pk
    plan = created.json()["id"]
    foreign = team.post(
        "/api/masterplans/",
        {"region": "32.73", "vision": "x", "start_year": 2025, "end_year": 2030},
        format="json",
    )
    assert foreign.status_code == 403
    edited = team.post(
        f"/api/masterplans/{plan}/edit/",
        {"vision": "Baru", "start_year": 2025, "end_year": 2030},
        format="json",
    )
    assert (edited.status_code, edited.json()["end_year"]) == (200, 2030)
    too_long = team.post(
        f"/api/masterplans/{plan}/edit/",
        {"vision": "Baru", "start_year": 2025, "end_year": 2040},
        format="json",
    )
    assert (too_long.status_code, too_long.json()["code"]) == (400, "masterplan_period")
    kpi = team.post(
        "/api/kpis/",
        {
            "programme": world.quick_win.pk,
            "name": "Penumpang",
            "unit": "orang",
            "targets": {"2025": 1000},
            "baseline": 10,
            "baseline_year": 2024,
        },
        format="json",
    )
    assert kpi.status_code == 201 and kpi.json()["baseline"] == 10.0
    bad = team.post(
        "/api/kpis/",
        {"programme": world.quick_win.pk, "name": "X", "unit": "%", "targets": {"tahun": 1}},
        format="json",
    )
    assert bad.status_code == 400
    edit = team.post(
        f"/api/masterplan-programmes/{world.quick_win.pk}/edit/",
        {
            "name": "Sungai Digital",
            "dimension": "living",
            "sub_dimension": "health",
            "horizon": 5,
            "owner_opd": "Dinkes",
            "budget_source": "apbd",
            "budget_amount": 10,
            "start_year": 2024,
            "quick_win": True,
        },
        format="json",
    )
    assert (edit.status_code, edit.json()["sub_dimension"], edit.json()["horizon"]) == (200, "health", 5)
