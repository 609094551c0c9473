"""Web pages and API actions of uncertainty analyses and cohort selections."""

from __future__ import annotations

import html
import re

import pytest

from kotacerdas.jobs.domain.runner import run
from kotacerdas.jobs.models import Job
from kotacerdas.programme.models import Participation
from kotacerdas.regions.models import IndexScore
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
SMALL = "quotas:\n  - {by: province, max: 1}\n"


def _statuses(html: str) -> list[str]:
    return re.findall(r'<tr data-status="([a-z_]+)">', html)


def _form(cohort, **extra):  # type: ignore[no-untyped-def]
    """The selection form as a browser posts it: source, options, one quota row, no phases."""
    data = {
        "index_run": "",
        "index_weight": "1",
        "round": "",
        "round_weight": "1",
        "eligibility": "invited",
        "exclude_alumni": "on",
        "objective": "max_score",
        "config": "",
        "phases-TOTAL_FORMS": "0",
        "phases-INITIAL_FORMS": "0",
        "quotas-TOTAL_FORMS": "2",
        "quotas-INITIAL_FORMS": "0",
        "quotas-0-by": "province",
        "quotas-0-max": "1",
        "quotas-0-over": "phase",
        "quotas-1-by": "province",
        "quotas-1-over": "phase",
    }
    return {**data, **extra}


def test_secretariat_runs_a_selection_and_reads_every_decision(index_run, client_for, users):
    cohort = f.cohort(2026, target=10)
    client = client_for("secretariat")
    form = client.get(f"/kohort/{cohort.pk}/seleksi/").content.decode()
    assert 'name="quotas-0-max" value="2"' in form  # the default quotas, as form rows
    assert f'<option value="{index_run.pk}" selected>demo</option>' in form
    response = client.post(
        f"/kohort/{cohort.pk}/seleksi/",
        _form(cohort, index_run=index_run.pk, include_uninvited="on"),
    )
    job = Job.objects.get(kind="cohort_selection")
    assert response["Location"] == f"/pekerjaan/{job.pk}/"
    assert job.arguments == {
        "actor_id": users["secretariat"].pk,
        "cohort_id": cohort.pk,
        "spec": {"index_run": index_run.pk, "round": None, "index_weight": 1.0, "round_weight": 1.0},
        "config": {"quotas": [{"by": "province", "max": 1}]},
        "eligibility": "invited",
        "include_uninvited": True,
        "exclude_alumni": True,
        "thresholds": False,
    }
    assert run(job.pk).status == "done"
    page = client.get(f"/kohort/{cohort.pk}/keputusan/").content.decode()
    assert len(_statuses(page)) == 514
    assert "Terpilih untuk tahap 2026: skor" in page
    assert "Tersingkir oleh kuota maks. 1 per provinsi di tiap tahap" in page
    assert "Peluang terpilih tidak dihitung" in page  # the run's analysis kept no draws
    selected = client.get(f"/kohort/{cohort.pk}/keputusan/?status=selected").content.decode()
    assert _statuses(selected) == ["selected"] * 10
    crowded = _statuses(client.get(f"/kohort/{cohort.pk}/keputusan/?status=crowded_out").content.decode())
    assert set(crowded) == {"crowded_out"}
    cohort.refresh_from_db()
    assert len(crowded) == sum(d["status"] == "crowded_out" for d in cohort.selection["decisions"])
    # every stored decision keeps its reason as data, worded on the page in the reader's language
    assert {d["why"]["code"] for d in cohort.selection["decisions"]} >= {"selected", "crowded_out_by_cap"}
    assert "crowded out by" not in page and "rank 1 of" not in page  # the engine's English stays out
    client.cookies["django_language"] = "en"
    english = client.get(f"/kohort/{cohort.pk}/keputusan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Crowded out by the quota max 1 per province in each phase" in english
    assert "Selected for phase 2026 with score" in english
    board = client.get(f"/kohort/{cohort.pk}/").content.decode()
    assert 'id="decisions-link"' in board


def test_bad_yaml_and_an_empty_funnel_are_refused_with_the_reason(index_run, client_for):
    cohort = f.cohort(2026, target=10)
    client = client_for("secretariat")
    bad = client.post(
        f"/kohort/{cohort.pk}/seleksi/",
        _form(cohort, index_run=index_run.pk, advanced="on", config="quotas: ["),
    )
    assert bad.status_code == 400
    assert "SELECTION.yaml bukan YAML yang sah" in bad.content.decode()
    nobody = client.post(f"/kohort/{cohort.pk}/seleksi/", _form(cohort, index_run=index_run.pk))
    assert nobody.status_code == 400
    assert (
        "GM100 2026 tidak memiliki daerah yang belum diputuskan dan berskor di demo"
        in nobody.content.decode()
    )
    assert Job.objects.filter(kind="cohort_selection").count() == 0


def test_the_form_and_the_yaml_fill_each_other(index_run, client_for):
    cohort = f.cohort(2026, target=10)
    client = client_for("secretariat")
    to_yaml = client.post(f"/kohort/{cohort.pk}/seleksi/", _form(cohort, to_yaml="1")).content.decode()
    assert "quotas:\n- by: province\n  max: 1\n</textarea>" in to_yaml
    text = "phases:\n- name: A\n  size: 6\n- name: B\n  size: 4\nquotas:\n- by: island_group\n  min: 1\n"
    back = client.post(
        f"/kohort/{cohort.pk}/seleksi/", _form(cohort, from_yaml="1", config=text)
    ).content.decode()
    assert 'name="phases-1-name" value="B"' in back and 'name="quotas-0-min" value="1"' in back
    refused = client.post(
        f"/kohort/{cohort.pk}/seleksi/", _form(cohort, from_yaml="1", config="exclude: [63.71]")
    )
    assert refused.status_code == 400
    assert "exclude hanya dapat diatur di teks lanjutan" in refused.content.decode()


def test_the_ranking_runs_an_uncertainty_analysis_and_shows_p_top(index_run, client_for):
    client = client_for("secretariat")
    before = client.get(f"/peringkat/?run={index_run.pk}").content.decode()
    assert 'id="run-uncertainty"' in before
    assert "p_top" not in before
    response = client.post(
        f"/peringkat/{index_run.pk}/ketidakpastian/",
        {"samples": "32", "seed": "4", "top": "5", "factors": ""},
    )
    job = Job.objects.get(kind="uncertainty")
    assert response["Location"] == f"/pekerjaan/{job.pk}/"
    assert (job.arguments["samples"], job.arguments["seed"], job.arguments["top"]) == (32, 4, 5)
    assert job.arguments["factors"]["weights"] == {"noise": 0.25}
    assert run(job.pk).status == "done"
    draft = client_for("public").get(f"/peringkat/?run={index_run.pk}").content.decode()
    assert "p_top" not in draft  # a new analysis is a draft: the public sees nothing of it yet
    staff = client.get(f"/peringkat/?run={index_run.pk}").content.decode()
    assert 'id="analyses"' in staff and 'class="button publish-analysis"' in staff
    analysis = index_run.analyses.get()
    confirm = client.get(f"/peringkat/analisis/{analysis.pk}/terbitkan/").content.decode()
    assert "32 sampel, 0 gagal, seed 4" in confirm
    client.post(f"/peringkat/analisis/{analysis.pk}/terbitkan/", {"confirm": "on", "published": "1"})
    first = IndexScore.objects.filter(run=index_run).order_by("rank").first()
    after = client_for("public").get(f"/peringkat/?run={index_run.pk}").content.decode()
    assert first.p_top == 1.0
    assert '<td class="num p-top">1,00</td>' in after  # Indonesian decimal comma
    assert "32 sampel (0 gagal), seed 4" in after
    assert 'id="run-uncertainty"' not in after  # the public cannot start one


def test_api_actions(index_run, client_for):
    cohort = f.cohort(2026, target=10)
    client = client_for("secretariat")
    queued = client.post(
        f"/api/index-runs/{index_run.pk}/uncertainty/",
        {"factors": {"weights": {"noise": 0.1}}, "samples": 16, "seed": 2},
        content_type="application/json",
    )
    assert (queued.status_code, queued.json()["kind"], queued.json()["status"]) == (
        202,
        "uncertainty",
        "queued",
    )
    assert run(queued.json()["id"]).status == "done"
    scores = client.get(f"/api/index-runs/{index_run.pk}/scores/").json()
    assert all(row["p_top"] is None for row in scores)  # a draft analysis until published
    versions = client.get(f"/api/index-runs/{index_run.pk}/analyses/").json()
    assert [(v["version"], v["published"], v["record"]["samples"]) for v in versions] == [(1, False, 16)]
    assert client_for("public").get(f"/api/index-runs/{index_run.pk}/analyses/").json() == []
    unconfirmed = client.post(f"/api/index-runs/{index_run.pk}/analyses/1/publish/")
    assert (unconfirmed.status_code, unconfirmed.json()["code"]) == (400, "confirmation_required")
    published = client.post(
        f"/api/index-runs/{index_run.pk}/analyses/1/publish/",
        {"confirm": True},
        content_type="application/json",
    )
    assert (published.status_code, published.json()["published"]) == (200, True)
    scores = client_for("public").get(f"/api/index-runs/{index_run.pk}/scores/").json()
    assert all(row["p_top"] is not None for row in scores)
    assert client.get(f"/api/cohorts/{cohort.pk}/decisions/").json() == {
        "code": "not_selected",
        "message": "GM100 2026 belum diseleksi oleh mesin seleksi",
        "file": None,
        "row": None,
        "column": None,
        "hint": None,
    }
    selecting = client.post(
        f"/api/cohorts/{cohort.pk}/select/",
        {
            "index_run": index_run.pk,
            "config": {"quotas": [{"by": "province", "max": 1}]},
            "thresholds": False,
            "eligibility": "invited",
            "include_uninvited": True,
        },
        content_type="application/json",
    )
    assert (selecting.status_code, selecting.json()["kind"]) == (202, "cohort_selection")
    assert run(selecting.json()["id"]).result == {"cohort": cohort.pk, "selected": 10}
    decisions = client.get(f"/api/cohorts/{cohort.pk}/decisions/").json()
    cohort.refresh_from_db()
    assert [{k: v for k, v in d.items() if k != "text"} for d in decisions["decisions"]] == cohort.selection[
        "decisions"
    ]
    assert decisions["decisions"][0]["text"].startswith(("Terpilih", "Tersingkir", "Di bawah"))
    assert sum(d["selected"] for d in decisions["decisions"]) == 10
    again = client.post(
        f"/api/cohorts/{cohort.pk}/select/",
        {"index_run": index_run.pk, "eligibility": "invited", "include_uninvited": True},
        content_type="application/json",
    )
    assert (again.status_code, again.json()["code"]) == (409, "cohort_full")
    assert Participation.objects.filter(cohort=cohort).count() == 10


def test_the_selection_pages_speak_english(index_run, client_for):
    cohort = f.cohort(2026, target=10)
    client = client_for("secretariat")
    client.cookies["django_language"] = "en"
    form = client.get(f"/kohort/{cohort.pk}/seleksi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Run the selection: GM100 2026</h1>" in form
    page = client.get(f"/kohort/{cohort.pk}/keputusan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<p id="no-selection">This cohort has not been selected by the selection engine.</p>' in page


def test_an_infeasible_selection_fails_with_its_conflicts_in_the_readers_language(index_run, client_for):
    cohort = f.cohort(2026, target=10)
    client = client_for("secretariat")
    client.post(
        f"/kohort/{cohort.pk}/seleksi/",
        _form(
            cohort,
            index_run=index_run.pk,
            include_uninvited="on",
            **{"quotas-0-max": "", "quotas-0-min": "1"},
        ),
    )
    job = Job.objects.get(kind="cohort_selection")
    assert run(job.pk).status == "failed"
    job.refresh_from_db()
    assert job.error["code"] == "selection_infeasible"
    page = html.unescape(client.get(f"/pekerjaan/{job.pk}/").content.decode())
    assert "tidak ada seleksi yang memenuhi semua aturan dan kuota: ukuran tahap: 10 di tahap 2026; " in page
    assert "min. 1 per provinsi di tiap tahap: 1 × 38 kelompok provinsi = 38 > 10 kursi di tahap 2026" in page
    assert "longgarkan salah satu batasan yang berkonflik" in page
    assert "no selection satisfies" not in page and "slots in phase" not in page
    english = html.unescape(client.get(f"/pekerjaan/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "no selection satisfies all rules and quotas: phase sizes: 10 in phase 2026; " in english
    assert "min 1 per province in each phase: 1 × 38 province groups = 38 > 10 slots in phase 2026" in english
    assert "relax one of the conflicting constraints" in english
    api = client.get(f"/api/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert api["error"]["message"].startswith("no selection satisfies all rules and quotas: phase sizes: ")
    indonesian = client.get(f"/api/jobs/{job.pk}/").json()
    assert indonesian["error"]["message"].startswith(
        "tidak ada seleksi yang memenuhi semua aturan dan kuota: "
    )
