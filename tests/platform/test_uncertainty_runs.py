"""Uncertainty analyses of stored index runs (regions.domain.uncertainty_runs)."""

from __future__ import annotations

import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.demo.index import DEMO_FACTORS
from kotacerdas.errors import ConfigError, StateError
from kotacerdas.jobs.domain.runner import run, submit
from kotacerdas.regions.domain.index_build import build_result, meta_frame
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.publication import publish_analysis
from kotacerdas.regions.domain.registry import sync_regions
from kotacerdas.regions.domain.uncertainty_runs import analyse_index_run, run_uncertainty_analysis
from kotacerdas.regions.models import IndexRun, IndexScore

pytestmark = pytest.mark.django_db


def test_the_run_stores_its_imeta_and_rebuilds_to_the_same_scores(index_run):
    assert [r["iCode"] for r in index_run.meta if r["Type"] == "Aggregate"] == [
        "Suprastruktur",
        "Struktur",
        "Infrastruktur",
        "Kapasitas",
        "Kesiapan",
    ]
    rebuilt = build_result(index_run.dataset, meta_frame(index_run.meta), index_run.config).index
    stored = dict(index_run.scores.values_list("region__code", "score"))
    assert {code: float(rebuilt[code]) for code in stored} == stored


def test_stored_intervals_equal_the_engines_for_the_same_seed(index_run):
    expected = {
        row["uCode"]: row
        for row in analyse_index_run(
            run=index_run, factors=DEMO_FACTORS, samples=64, seed=11, top=20
        ).rank_rows()
    }
    analysis = run_uncertainty_analysis(
        actor=SYSTEM, run=index_run, factors=DEMO_FACTORS, samples=64, seed=11, top=20
    )
    assert (analysis.version, analysis.published) == (1, False)
    assert IndexScore.objects.filter(run=index_run, p_top__isnull=False).count() == 0  # a draft
    publish_analysis(actor=SYSTEM, analysis=analysis)
    rows = IndexScore.objects.filter(run=index_run).values_list(
        "region__code", "median_rank", "rank_q05", "rank_q95", "p_top"
    )
    assert len(rows) == 514
    for code, median, q05, q95, p_top in rows:
        row = expected[code]
        assert (median, q05, q95, p_top) == (row["median_rank"], row["q05"], row["q95"], row["p_top"])
    stored = IndexRun.objects.get(pk=index_run.pk)
    assert stored.has_uncertainty is True
    assert {k: stored.uncertainty[k] for k in ("samples", "seed", "top", "failed", "failures")} == {
        "samples": 64,
        "seed": 11,
        "top": 20,
        "failed": 0,
        "failures": {},
    }
    assert stored.uncertainty["factors"] == DEMO_FACTORS
    assert stored.uncertainty["method"]["factors"] == ["weights", "normalise", "aggregate"]


def test_failed_samples_are_counted(index_run):
    factors = {"normalise": [{"method": "minmax", "range": [0, 100]}], "aggregate": [{"method": "geometric"}]}
    result = analyse_index_run(run=index_run, factors=factors, samples=8, seed=0, top=5)
    stored = run_uncertainty_analysis(actor=SYSTEM, run=index_run, factors=factors, samples=8, seed=0, top=5)
    assert (stored.record["failed"], result.failed) == (8, 8)
    assert stored.record["failures"] == {"geometric mean of zero or negative values after minmax(0, 100)": 8}


def test_a_run_without_stored_imeta_is_refused():
    sync_regions()
    plain = record_index_run(actor=SYSTEM, name="x", scores={"63.71": 1.0, "32.73": 2.0}, settings={})
    with pytest.raises(StateError, match="tidak ada set data dan iMeta"):
        run_uncertainty_analysis(actor=SYSTEM, run=plain, factors=DEMO_FACTORS, samples=8, seed=0)
    assert IndexRun.objects.get(pk=plain.pk).has_uncertainty is False


def test_unknown_factors_are_a_config_error(index_run):
    with pytest.raises(ConfigError, match="wieghts"):
        run_uncertainty_analysis(actor=SYSTEM, run=index_run, factors={"wieghts": {}}, samples=8, seed=0)
    assert IndexScore.objects.filter(run=index_run, median_rank__isnull=False).count() == 0


def test_as_a_background_job_with_progress(index_run, users):
    job, _ = submit(
        actor=users["secretariat"],
        kind="uncertainty",
        function="uncertainty",
        arguments={
            "actor_id": users["secretariat"].pk,
            "run_id": index_run.pk,
            "factors": DEMO_FACTORS,
            "samples": 32,
            "seed": 1,
            "top": 10,
        },
        start=False,
    )
    done = run(job.pk)
    analysis = index_run.analyses.get()
    assert (done.status, done.progress, done.result) == (
        "done",
        1.0,
        {"index_run": index_run.pk, "analysis": analysis.pk, "version": 1, "samples": 32, "failed": 0},
    )
    assert analysis.intervals.count() == 514


def test_a_rerun_is_a_new_draft_version_and_never_changes_the_published_one(index_run):
    first = run_uncertainty_analysis(actor=SYSTEM, run=index_run, factors=DEMO_FACTORS, samples=16, seed=1)
    publish_analysis(actor=SYSTEM, analysis=first)
    public = list(
        IndexScore.objects.filter(run=index_run).order_by("pk").values_list("rank_q05", "rank_q95", "p_top")
    )
    second = run_uncertainty_analysis(actor=SYSTEM, run=index_run, factors=DEMO_FACTORS, samples=16, seed=2)
    assert (second.version, second.published) == (2, False)
    again = list(
        IndexScore.objects.filter(run=index_run).order_by("pk").values_list("rank_q05", "rank_q95", "p_top")
    )
    assert again == public  # the public intervals did not move
    assert IndexRun.objects.get(pk=index_run.pk).uncertainty["seed"] == 1
    publish_analysis(actor=SYSTEM, analysis=second)
    first.refresh_from_db()
    assert (first.published, IndexRun.objects.get(pk=index_run.pk).uncertainty["seed"]) == (False, 2)
    assert first.intervals.count() == 514  # the withdrawn version is kept
    publish_analysis(actor=SYSTEM, analysis=second, published=False)
    assert IndexScore.objects.filter(run=index_run, rank_q05__isnull=False).count() == 0
    assert IndexRun.objects.get(pk=index_run.pk).has_uncertainty is False
