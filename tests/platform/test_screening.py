"""Screening on the platform: index runs built from an imported dataset with a chosen framework.

Domain service, forms (bad input), the build job, the API, panel datasets (one run per year), the run
page (coherence statistics, uncertainty form) and the region page (trend, strengths by name).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import InputError, PermissionDeniedError
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.worker import run_queued
from kotacerdas.regions.domain.datasets import import_dataset
from kotacerdas.regions.domain.publication import publish_dataset, publish_index_run
from kotacerdas.regions.domain.screening import (
    IndicatorChoice,
    Problem,
    framework_problems,
    queue_index_build,
)
from kotacerdas.regions.forms import IndexBuildForm, IndicatorForm, show_problems
from kotacerdas.regions.models import Dataset, IndexRun, UncertaintyAnalysis
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
CODES = ("63.71", "63.72", "31.71", "32.73", "35.78", "73.71")
# six regions × four indicators; ``area_km2`` is a raw code that must never be shown as a name
TABLE = (
    b"code,ipm,poverty,internet,area_km2\n"
    b"63.71,70,10,60,98\n63.72,80,20,75,330\n31.71,75,5,90,48\n"
    b"32.73,78,8,85,167\n35.78,81,6,88,350\n73.71,72,9,70,176\n"
)
PANEL = (
    b"code,year,ipm,poverty\n"
    b"63.71,2023,70,10\n63.72,2023,80,20\n31.71,2023,75,5\n"
    b"63.71,2024,85,4\n63.72,2024,71,22\n31.71,2024,76,6\n"
)
FRAMEWORK = [
    IndicatorChoice("ipm", "Indeks Pembangunan Manusia", 1, 2.0, "Sosial"),
    IndicatorChoice("poverty", "Penduduk miskin (%)", -1, 1.0, "Sosial"),
    IndicatorChoice("internet", "Rumah tangga berinternet (%)", 1, 1.0, "Digital"),
]


def _dataset(content: bytes = TABLE, name: str = "kesiapan") -> Dataset:
    for code in CODES:
        f.region(code)
    return import_dataset(
        actor=SYSTEM, name=name, file_name=f"{name}.csv", content=content, source="BPS", year=2024,
        licence="CC-BY",
    )  # fmt: skip


def _build(dataset: Dataset, actor=SYSTEM, framework=FRAMEWORK, settings=None) -> list[IndexRun]:  # type: ignore[no-untyped-def]
    job = queue_index_build(actor=actor, dataset=dataset, name="Penyaringan", indicators=framework,
                            settings=settings or {})  # fmt: skip
    assert run_queued() >= 1
    job.refresh_from_db()
    assert job.status == "done", job.error
    return list(IndexRun.objects.filter(pk__in=job.result.get("index_runs", [job.result["index_run"]])))


# --- domain -----------------------------------------------------------------------------------------


def test_the_job_builds_a_draft_run_with_pillars_names_and_coherence():
    [run] = _build(_dataset())
    assert not run.published
    meta = {r["iCode"]: r for r in run.meta}
    assert meta["ipm"]["Parent"] == "P:Sosial" and meta["P:Sosial"]["iName"] == "Sosial"
    assert meta["Index"]["Level"] == 3 and "area_km2" not in meta
    assert run.scores.count() == 6
    # coherence as the engine computes it: Cronbach's alpha per aggregate, r of each node with the index
    assert set(run.coherence["cronbach_alpha"]) == {"P:Sosial", "P:Digital", "Index"}
    assert run.coherence["cronbach_alpha"]["P:Digital"] is None  # one child: no alpha
    assert -1 <= run.coherence["correlations"]["internet"]["3"] <= 1
    assert 0 < run.coherence["pca_variance"]["Index"] <= 1


def test_framework_problems_name_the_row_and_field():
    dataset = _dataset()
    bad = [
        IndicatorChoice("ipm", "", 1, 1.0, "A"),
        IndicatorChoice("nope", "Tidak ada", 1, 1.0, "A"),
        IndicatorChoice("poverty", "Miskin", 2, 0.0, ""),
    ]
    got = {(p.row, p.field) for p in framework_problems(dataset, bad, {"impute": {"method": "magic"}})}
    assert got == {
        (0, "name"),
        (1, "code"),
        (2, "direction"),
        (2, "weight"),
        (2, "pillar"),
        (None, "settings"),
    }
    assert [p.field for p in framework_problems(dataset, FRAMEWORK[:1], {})] == ["indicators"]


def test_a_geometric_mean_needs_positive_normalised_values():
    problems = framework_problems(_dataset(), FRAMEWORK, {"aggregate": "geometric"})
    assert [(p.field, p.row) for p in problems] == [("aggregate", None)]
    ok = {"aggregate": "geometric", "normalise": {"method": "minmax", "range": [1, 100]}}
    assert framework_problems(_dataset(name="b"), FRAMEWORK, ok) == []


def test_only_the_secretariat_may_build(users):
    dataset = _dataset()
    with pytest.raises(PermissionDeniedError):
        queue_index_build(
            actor=users["assessor"], dataset=dataset, name="x", indicators=FRAMEWORK, settings={}
        )
    with pytest.raises(InputError, match=r"indikator 1, nama tampilan: beri nama indikator 'ipm'"):
        queue_index_build(actor=users["secretariat"], dataset=dataset, name="x",
                          indicators=[IndicatorChoice("ipm", ""), *FRAMEWORK[1:]], settings={})  # fmt: skip
    assert Job.objects.count() == 0


# --- panel datasets ---------------------------------------------------------------------------------


def test_a_repeated_region_without_a_year_column_is_still_refused():
    with pytest.raises(InputError, match=r"daerah 63.71 muncul dua kali") as info:
        _dataset(PANEL.replace(b"code,year,", b"code,tahun_x,"))
    assert info.value.location.row == 5


def test_panel_import_then_one_run_per_year():
    dataset = _dataset(PANEL)
    assert dataset.years == [2023, 2024]
    assert dataset.values.filter(year=2024).count() == 6
    runs = _build(
        dataset, framework=[IndicatorChoice("ipm", "IPM"), IndicatorChoice("poverty", "Miskin", -1)]
    )
    assert sorted((r.year, r.name) for r in runs) == [(2023, "Penyaringan 2023"), (2024, "Penyaringan 2024")]
    assert len({r.series for r in runs}) == 1 and all(not r.published for r in runs)
    ranks = {(r.year, s.region.code): s.rank for r in runs for s in r.scores.select_related("region")}
    assert ranks[(2023, "63.71")] == 3 and ranks[(2024, "63.71")] == 1  # 2024: best IPM, fewest poor


def test_a_panel_year_that_is_not_a_year_names_its_cell():
    with pytest.raises(InputError, match="bukan tahun") as info:
        _dataset(PANEL.replace(b"63.72,2024", b"63.72,20x4"))
    assert (info.value.location.row, info.value.location.column) == (6, "year")


def test_region_page_shows_the_trend_over_years(client_for):
    runs = _build(
        _dataset(PANEL), framework=[IndicatorChoice("ipm", "IPM"), IndicatorChoice("poverty", "Miskin", -1)]
    )
    html = client_for("secretariat").get(reverse("web:region", args=["63.71"])).content.decode()
    rows = re.findall(r'<tr data-year="(\d+)">.*?<td class="num">(\d+) / 3</td>', html)
    assert rows == [("2023", "3"), ("2024", "1")]
    assert '<svg id="trend-chart"' in html
    public = client_for("public").get(reverse("web:region", args=["63.71"])).content.decode()
    assert 'id="trend"' not in public  # drafts are not public
    for run in runs:
        publish_index_run(actor=SYSTEM, run=run)
    public = client_for("public").get(reverse("web:region", args=["63.71"])).content.decode()
    assert 'data-year="2023"' in public


# --- web form ---------------------------------------------------------------------------------------


def test_build_form_refuses_bad_settings():
    form = IndexBuildForm({"name": "x", "impute": "magic", "impute_group": "island_group", "treat": "none",
                           "treat_winmax": 5, "treat_skew": 2, "treat_kurtosis": 3.5, "treat_fallback": "log",
                           "normalise": "minmax", "normalise_low": 100, "normalise_high": 0, "weights": "meta",
                           "aggregate": "arithmetic"})  # fmt: skip
    assert not form.is_valid()
    assert set(form.errors) == {"impute", "normalise_high"}


def test_a_settings_problem_lands_on_the_field_of_its_key_not_of_its_wording():
    problems = framework_problems(_dataset(), FRAMEWORK, {"normalise": {"range": [5, 1]}})
    assert [(p.field, p.key) for p in problems] == [("settings", "normalise.range")]
    form = IndexBuildForm({})
    form.is_valid()
    show_problems(form, [], [Problem("settings", "rentang tidak sah", key="normalise.range")])
    assert "rentang tidak sah" in form.errors["normalise"]


def test_indicator_row_needs_a_name_when_used():
    form = IndicatorForm({"code": "ipm", "include": "on", "name": " ", "direction": "1", "weight": "1"})
    assert not form.is_valid() and "name" in form.errors
    assert IndicatorForm({"code": "ipm", "name": "", "direction": "1", "weight": "1"}).is_valid()


def _post_data(dataset: Dataset, **changes: str) -> dict[str, str]:
    data = {
        "name": "Penyaringan web", "impute": "none", "impute_group": "island_group", "treat": "none",
        "treat_winmax": "5", "treat_skew": "2.0", "treat_kurtosis": "3.5", "treat_fallback": "log",
        "normalise": "minmax", "normalise_low": "0", "normalise_high": "100", "weights": "meta",
        "aggregate": "arithmetic", "ind-TOTAL_FORMS": str(len(dataset.indicators)), "ind-INITIAL_FORMS": "0",
    }  # fmt: skip
    names = {"ipm": "IPM", "poverty": "Penduduk miskin", "internet": "Akses internet"}
    for i, code in enumerate(dataset.indicators):
        data |= {f"ind-{i}-code": code, f"ind-{i}-name": names.get(code, ""), f"ind-{i}-direction": "1",
                 f"ind-{i}-weight": "1", f"ind-{i}-pillar": ""}  # fmt: skip
        if code in names:
            data[f"ind-{i}-include"] = "on"
    return data | changes


def test_web_build_form_queues_the_job_and_the_run_is_a_draft(client_for):
    dataset = _dataset()
    client = client_for("secretariat")
    page = client.get(reverse("web:index-build", args=[dataset.pk])).content.decode()
    assert 'name="ind-3-code"' in page and 'value="minmax"' in page
    response = client.post(
        reverse("web:index-build", args=[dataset.pk]), _post_data(dataset, **{"ind-1-direction": "-1"})
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("web:job", args=[job.pk])
    run_queued()
    run = IndexRun.objects.get()
    assert (run.name, run.published, run.created_by.username) == ("Penyaringan web", False, "sekretariat")
    assert {r["iCode"]: r["Direction"] for r in run.meta if r["Type"] == "Indicator"} == {
        "ipm": 1,
        "poverty": -1,
        "internet": 1,
    }


def _row(html: str, code: str) -> str:
    return re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("language", "text"),
    [("id", "treat.skew: -1,0 kurang dari batas bawah 0"), ("en", "treat.skew: -1.0 is below the minimum 0")],
)
def test_web_build_form_shows_a_settings_refusal_in_the_readers_language_on_its_field(
    client_for, language, text
):
    dataset = _dataset()
    response = client_for("secretariat").post(
        reverse("web:index-build", args=[dataset.pk]),
        _post_data(dataset, treat="winsorise", treat_skew="-1"),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"treat": [text]}  # the field that sets treat.*
    assert Job.objects.count() == 0


def test_web_build_form_shows_field_errors(client_for):
    dataset = _dataset()
    client = client_for("secretariat")
    url = reverse("web:index-build", args=[dataset.pk])
    response = client.post(url, _post_data(dataset, **{"ind-2-weight": "-1"}))
    assert response.status_code == 400
    assert 'class="errorlist' in _row(response.content.decode(), "internet")
    assert 'class="errorlist' not in _row(response.content.decode(), "ipm")
    # the domain's checks land on their fields too: a pillar for some indicators only, a geometric mean of 0s
    html = client.post(url, _post_data(dataset, **{"ind-0-pillar": "Sosial"})).content.decode()
    assert "beri setiap indikator sebuah pilar" in _row(html, "poverty")
    assert "beri setiap indikator sebuah pilar" not in _row(html, "ipm")
    html = client.post(url, _post_data(dataset, aggregate="geometric")).content.decode()
    assert "rata-rata geometrik memerlukan nilai positif" in html
    english = client.post(url, _post_data(dataset, aggregate="geometric"), HTTP_ACCEPT_LANGUAGE="en")
    assert "a geometric mean needs positive values" in english.content.decode()
    assert Job.objects.count() == 0


# --- run page ---------------------------------------------------------------------------------------


def test_run_page_shows_coherence_statistics(client_for):
    [run] = _build(_dataset())
    html = client_for("secretariat").get(reverse("web:index-run", args=[run.pk])).content.decode()
    alpha = run.coherence["cronbach_alpha"]["P:Sosial"]
    assert f'<tr data-code="P:Sosial"><td>Sosial</td><td class="num alpha">{alpha:.2f}</td>'.replace(
        ".", ","
    ) in html or (f'<tr data-code="P:Sosial"><td>Sosial</td><td class="num alpha">{alpha:.2f}</td>' in html)
    assert "Rumah tangga berinternet (%)" in html and 'id="coherence-indicators"' in html
    assert client_for("public").get(reverse("web:index-run", args=[run.pk])).status_code == 404  # a draft
    publish_index_run(actor=SYSTEM, run=run)
    assert client_for("public").get(reverse("web:index-run", args=[run.pk])).status_code == 200


def test_uncertainty_from_the_run_page_stores_a_draft_analysis(client_for):
    [run] = _build(_dataset())
    client = client_for("secretariat")
    url = reverse("web:index-run-uncertainty", args=[run.pk])
    bad = client.post(url, {"samples": "0", "factors": "weights: {noise: 0.1}"})
    assert bad.status_code == 400 and 'id="uncertainty-form"' in bad.content.decode()
    assert (
        client.post(
            url, {"samples": "16", "seed": "0", "top": "2", "factors": "weights: {noise: 0.1}"}
        ).status_code
        == 302
    )
    run_queued()
    analysis = UncertaintyAnalysis.objects.get(run=run)
    assert (analysis.published, analysis.record["samples"]) == (False, 16)


def test_region_page_for_a_run_names_strengths_never_codes(client_for):
    [run] = _build(_dataset())
    html = (
        client_for("secretariat")
        .get(reverse("web:region", args=["31.71"]) + f"?run={run.pk}")
        .content.decode()
    )
    strengths = re.search(r'<ul id="strengths">(.*?)</ul>', html, re.S)
    assert strengths and "Penduduk miskin (%)" in strengths.group(1)  # 5 %: the fewest poor
    assert "area_km2" not in html and ">poverty:" not in html
    # the public sees a published run's profile only when its dataset is published too
    publish_index_run(actor=SYSTEM, run=run)
    public = (
        client_for("public").get(reverse("web:region", args=["31.71"]) + f"?run={run.pk}").content.decode()
    )
    assert 'id="strengths"' not in public
    publish_dataset(actor=SYSTEM, dataset=run.dataset)
    public = (
        client_for("public").get(reverse("web:region", args=["31.71"]) + f"?run={run.pk}").content.decode()
    )
    assert "Penduduk miskin (%)" in public


# --- API --------------------------------------------------------------------------------------------


def _api_body() -> dict[str, object]:
    return {
        "name": "Penyaringan API",
        "indicators": [
            {"code": c.code, "name": c.name, "direction": c.direction, "weight": c.weight, "pillar": c.pillar}
            for c in FRAMEWORK
        ],
        "settings": {"normalise": {"method": "minmax", "range": [1, 100]}, "aggregate": "geometric"},
    }


def test_api_build_queues_the_job(client_for):
    dataset = _dataset()
    url = reverse("api:dataset-build", args=[dataset.pk])
    response = client_for("secretariat").post(url, _api_body(), content_type="application/json")
    assert response.status_code == 202
    run_queued()
    run = IndexRun.objects.get()
    assert (run.name, run.published, run.config["aggregate"]["method"]) == (
        "Penyaringan API",
        False,
        "geometric",
    )
    assert client_for("assessor").post(url, _api_body(), content_type="application/json").status_code == 403


def test_api_build_answers_field_level_errors(client_for):
    dataset = _dataset()
    body = _api_body()
    body["indicators"][1] |= {"code": "area", "direction": 5}  # type: ignore[index]
    body["settings"] = {"treat": {"method": "winsorise", "winmax": -1}}
    response = client_for("secretariat").post(
        reverse("api:dataset-build", args=[dataset.pk]), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["column"] == "indicators.1.direction"  # the serializer's own field check
    body["indicators"][1]["direction"] = -1  # type: ignore[index]
    response = client_for("secretariat").post(
        reverse("api:dataset-build", args=[dataset.pk]), body, content_type="application/json"
    )
    error = response.json()
    assert (response.status_code, error["column"]) == (400, "indicators.1.code")  # the domain's check
    assert error["message"] == (  # the settings' refusal in the request's language
        "indicators.1.code: dataset tidak memiliki indikator 'area'; settings: treat.winmax: -1 kurang dari batas bawah 0"
    )
    english = client_for("secretariat").post(
        reverse("api:dataset-build", args=[dataset.pk]), body, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()  # fmt: skip
    assert english["message"] == (
        "indicators.1.code: the dataset has no indicator 'area'; settings: treat.winmax: -1 is below the minimum 0"
    )
    assert Job.objects.count() == 0


def test_api_build_is_in_the_openapi_schema(client_for):
    schema = client_for("public").get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/datasets/{id}/build/"]["post"]
    assert "202" in operation["responses"]
    assert "IndexBuildRequest" in schema["components"]["schemas"]


def test_uncertainty_is_queued_by_the_secretariat_only(users):
    from kotacerdas.regions.domain.uncertainty_runs import queue_uncertainty  # local import: one test

    [run] = _build(_dataset())
    with pytest.raises(PermissionDeniedError):
        queue_uncertainty(
            actor=users["assessor"], run=run, factors={"weights": {"noise": 0.1}}, samples=4, seed=0
        )
    assert not Job.objects.filter(function="uncertainty").exists()


def test_run_page_in_english(client):
    [run] = _build(_dataset())
    publish_index_run(actor=SYSTEM, run=run)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("web:index-run", args=[run.pk])).content.decode()
    assert "Statistical coherence" in html and "Cronbach's alpha" in html
