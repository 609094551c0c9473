"""Selecting a cohort with the selection engine (programme.domain.selection)."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.error_text import localise
from kotacerdas.demo.index import DEMO_SELECTION
from kotacerdas.engine.selection import select
from kotacerdas.errors import ConfigError, StateError
from kotacerdas.jobs.domain.runner import run, submit
from kotacerdas.programme.domain.score_sources import index_run_source
from kotacerdas.programme.domain.selection import build_cohort_problem, run_selection
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Participation
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.registry import sync_regions
from kotacerdas.regions.models import Region
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def scores_run():
    """Every region scored by a fixed arithmetic rule of its code (no ties)."""
    sync_regions()
    codes = sorted(Region.objects.values_list("code", flat=True))
    scores = {c: round(50 + 40 * math.sin(int(c.replace(".", ""))), 6) for c in codes}
    return record_index_run(actor=SYSTEM, name="scores", scores=scores, settings={}, published=True)


def test_stored_decisions_equal_the_engines(scores_run):
    cohort = f.cohort(2026, target=25)
    config = {"quotas": [{"by": "province", "max": 2}]}
    _config, problem, _plan = build_cohort_problem(
        cohort=cohort, source=index_run_source(scores_run), config=config, include_uninvited=True
    )
    expected = select(problem)
    run_selection(actor=SYSTEM, cohort=cohort, run=scores_run, config=config, include_uninvited=True)
    cohort.refresh_from_db()
    stored = {d["code"]: d for d in cohort.selection["decisions"]}
    assert len(stored) == 514
    for d in expected.decisions:
        row = stored[d.code]
        assert (row["status"], row["reason"], row["threshold"], row["selected"], row["phase"]) == (
            d.status,
            d.reason,
            d.threshold,
            d.selected,
            d.phase,
        )
    assert sum(d["threshold"] is not None for d in stored.values()) > 400
    assert (cohort.selection["method"], cohort.selection["solver"], cohort.selection_run_id) == (
        expected.method,
        expected.solver,
        scores_run.pk,
    )
    chosen = Participation.objects.filter(cohort=cohort).select_related("region")
    assert sorted(p.region.code for p in chosen) == sorted(expected.selected)
    assert {p.state for p in chosen} == {State.SELECTED}
    assert {p.region.code: p.changes.get().reason for p in chosen} == {
        c: expected.decision(c).reason for c in expected.selected
    }


def test_the_quotas_hold(scores_run):
    cohort = f.cohort(2026, target=25)
    run_selection(
        actor=SYSTEM,
        cohort=cohort,
        run=scores_run,
        config=DEMO_SELECTION,
        thresholds=False,
        include_uninvited=True,
    )
    regions = [p.region for p in cohort.participations.select_related("region")]
    assert len(regions) == 25
    assert max(Counter(r.province_code for r in regions).values()) <= 2
    assert min(Counter(r.island_group for r in regions).values()) >= 2
    assert len({r.island_group for r in regions}) == 7
    assert sum(r.type == "kabupaten" for r in regions) >= 8


def test_alumni_are_excluded_with_a_reason(scores_run):
    earlier = f.cohort(2019, target=5)
    best = scores_run.scores.order_by("rank").select_related("region").first().region
    f.participation(best.code, state=State.SELECTED, the_cohort=earlier)
    cohort = f.cohort(2026, target=25)
    run_selection(
        actor=SYSTEM,
        cohort=cohort,
        run=scores_run,
        config=DEMO_SELECTION,
        exclude_alumni=True,
        thresholds=False,
        include_uninvited=True,
    )
    cohort.refresh_from_db()
    row = next(d for d in cohort.selection["decisions"] if d["code"] == best.code)
    assert (row["status"], row["reason"]) == (
        "excluded",
        "excluded: already in an earlier cohort (GM100 2019)",
    )


def test_invited_regions_are_assessed_then_selected_or_not(scores_run):
    cohort = f.cohort(2026, target=25)
    ordered = list(scores_run.scores.order_by("rank").values_list("region__code", flat=True))
    top, bottom = ordered[0], ordered[-1]
    invited = [f.participation(code, state=State.INVITED, the_cohort=cohort) for code in (top, bottom)]
    run_selection(
        actor=SYSTEM,
        cohort=cohort,
        run=scores_run,
        config=DEMO_SELECTION,
        thresholds=False,
        include_uninvited=True,
    )
    states = [list(p.changes.values_list("target", flat=True)) for p in invited]
    assert states == [["invited", "assessed", "selected"], ["invited", "assessed", "not_selected"]]
    assert cohort.participations.filter(state=State.SELECTED).count() == 25


def test_a_full_cohort_is_refused(scores_run):
    cohort = f.cohort(2026, target=25)
    run_selection(
        actor=SYSTEM,
        cohort=cohort,
        run=scores_run,
        config=DEMO_SELECTION,
        thresholds=False,
        include_uninvited=True,
    )
    with pytest.raises(StateError, match=r"GM100 2026 penuh \(25 slot terisi\)"):
        run_selection(
            actor=SYSTEM,
            cohort=cohort,
            run=scores_run,
            config=DEMO_SELECTION,
            thresholds=False,
            include_uninvited=True,
        )


def test_a_bad_config_names_the_key(scores_run):
    cohort = f.cohort(2026, target=25)
    with pytest.raises(ConfigError) as caught:
        run_selection(
            actor=SYSTEM,
            cohort=cohort,
            run=scores_run,
            config={"quotas": [{"by": "province", "max": -1}]},
            include_uninvited=True,
        )
    assert caught.value.to_dict() == {
        "code": "not_a_non_negative_integer",
        "message": "key 'quotas[0].max': -1 is not a non-negative integer",
        "file": "SELECTION.yaml",
        "row": None,
        "column": None,
        "hint": None,
    }
    with translation.override("id"):  # the contract's params survive its renaming to SELECTION.yaml
        assert (
            localise(caught.value)
            == "SELECTION.yaml: kunci 'quotas[0].max': -1 bukan bilangan bulat tak negatif"
        )


def test_as_a_background_job(scores_run, users):
    cohort = f.cohort(2026, target=10)
    job, _ = submit(
        actor=users["secretariat"],
        kind="selection",
        function="selection",
        arguments={
            "actor_id": users["secretariat"].pk,
            "cohort_id": cohort.pk,
            "run_id": scores_run.pk,
            "config": {"quotas": [{"by": "province", "max": 1}]},
            "thresholds": False,
            "include_uninvited": True,
        },
        start=False,
    )
    done = run(job.pk)
    assert (done.status, done.progress, done.result) == ("done", 1.0, {"cohort": cohort.pk, "selected": 10})
    assert cohort.participations.filter(state=State.SELECTED).count() == 10
