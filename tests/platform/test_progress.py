"""Programme progress: standings, attainment, budget, quick wins, books and late reporting, hand-computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.monitoring.domain.progress import (
    ProgrammeFacts,
    Standing,
    Tally,
    attainment,
    progress,
    standing,
)
from kotacerdas.monitoring.domain.region_progress import region_progress
from kotacerdas.programme.domain.reviews import set_review_status
from kotacerdas.programme.lifecycle import State
from tests.platform import factories as f
from tests.platform import progress_factories as pf

TODAY = dt.date(2024, 6, 1)


def test_attainment_is_direction_aware():
    assert attainment(66, 60, True) == pytest.approx(1.1)
    assert attainment(20, 10, False) == 0.5  # lower is better: twice the target is half way
    assert attainment(0, 10, True) == 0.0
    assert attainment(0, 10, False) == 1.0  # zero waiting time beats a target of ten
    assert attainment(-1, 0, True) == 0.0 and attainment(0, 0, True) == 1.0


def test_standing_rules():
    assert standing("stopped", [2.0]) == Standing.STOPPED
    assert standing("", []) == Standing.NO_REPORT
    assert standing("running", [0.95, 1.3]) == Standing.ON_TRACK  # within the 5 % tolerance
    assert standing("", [1.3, 0.94]) == Standing.BEHIND  # the weakest KPI decides


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "planned", "running", "done", "stopped"]),
            st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), max_size=4),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_shares_sum_to_one(items):
    tally = Tally()
    for status, attainments in items:
        tally.add(
            ProgrammeFacts(
                region_id=1,
                cohort_id=None,
                dimension="living",
                quick_win=bool(status),
                status=status,
                attainments=tuple(attainments),
                planned_due=0,
                realised=0,
            )
        )
    assert sum(share for _k, _l, _c, share in tally.standings) == pytest.approx(1.0)
    assert sum(count for _k, _l, count, _s in tally.standings) == len(items)
    assert tally.attainment is None or 0 <= tally.attainment <= 1


@given(st.floats(min_value=0.001, max_value=1e6), st.floats(min_value=0.001, max_value=1e6), st.booleans())
def test_attainment_reaches_one_exactly_when_the_target_is_met(actual, target, higher):
    assume(actual != target)
    met = actual > target if higher else actual < target
    assert (attainment(actual, target, higher) > 1) == met


@pytest.fixture
def programme_world(db):  # type: ignore[no-untyped-def]
    """Five programmes in two provinces (see the comments for the expected standing of each)."""
    cohort = f.cohort(2019)
    own = f.participation("63.71", State.SELECTED, cohort)
    books = f.participation("63.72", State.BOOKS_SUBMITTED, cohort)
    for doc in books.documents.filter(book__in=(1, 2)):
        set_review_status(actor=SYSTEM, document=doc, status="accepted", reason="lengkap")
    f.participation("11.71", State.INVITED, cohort)  # not expected to deliver books
    a = pf.plan("63.71", own)
    p1 = pf.programme(a, "living", name="P1")  # 66 against 60: on track
    pf.kpi(p1, {2021: 50, 2022: 60}, {2021: 40, 2022: 66})
    p2 = pf.programme(a, "economy", name="P2")  # lower is better, 20 against 10: behind
    pf.kpi(p2, {2022: 10}, {2022: 20}, higher_is_better=False)
    pf.budget(p2, 2022, 100, 80)
    pf.budget(p2, 2023, 200)  # not yet realised: does not dilute
    p3 = pf.programme(a, "living", name="P3", status="stopped")  # stopped
    pf.kpi(p3, {2022: 5}, {2022: 5})
    p4 = pf.programme(a, "society", name="P4", status="done")  # a done quick win with no actual yet
    pf.kpi(p4, {2023: 10})
    b = pf.plan("32.73")  # no participation
    p5 = pf.programme(b, "living", name="P5")  # two KPIs, one at half its target: behind
    pf.kpi(p5, {2022: 100}, {2022: 100}, name="K1")
    pf.kpi(p5, {2022: 4}, {2022: 2}, name="K2")
    pf.budget(p5, 2022, 300, 300)
    pf.window(2022, dt.date(2023, 3, 31))
    pf.window(2023, dt.date(2024, 3, 31))
    pf.window(2024, dt.date(2025, 3, 31))  # still open
    return cohort


def test_national_progress_hand_computed(programme_world):
    report = progress(today=TODAY)
    t = report.overall
    assert t.programmes == 5
    assert t.counts == {"on_track": 1, "behind": 2, "stopped": 1, "no_report": 1}
    assert t.attainment == pytest.approx(4.0 / 5)  # 1 (capped 1.1) + 0.5 + 1 + 1 + 0.5 over 5 KPIs
    assert (t.planned_due, t.realised, t.realisation) == (400, 380, pytest.approx(0.95))
    assert (t.quick_wins, t.quick_wins_done) == (2, 1)
    assert (t.books_expected, t.books_accepted) == (8, 2)
    assert report.closed_years == [2022, 2023]
    banjarmasin = f.region("63.71").pk
    assert report.late == {banjarmasin: [2023]}  # P4's 2023 target, nothing reported for 2023
    cohorts = {g.label: g.tally for g in report.by_cohort}
    assert list(cohorts) == ["GM100 2019", "Tanpa kohort"]
    assert cohorts["GM100 2019"].counts == {"on_track": 1, "behind": 1, "stopped": 1, "no_report": 1}
    assert cohorts["GM100 2019"].late_regions == {banjarmasin}
    assert cohorts["Tanpa kohort"].counts["behind"] == 1 and cohorts["Tanpa kohort"].books_expected == 0
    dims = {g.key: g.tally.counts for g in report.by_dimension}
    assert dims == {
        "economy": {"on_track": 0, "behind": 1, "stopped": 0, "no_report": 0},
        "living": {"on_track": 1, "behind": 1, "stopped": 1, "no_report": 0},
        "society": {"on_track": 0, "behind": 0, "stopped": 0, "no_report": 1},
    }
    areas = {g.key: g.tally for g in report.by_area}
    assert set(areas) == {"32", "63"}
    assert (areas["63"].programmes, areas["63"].books_expected, len(areas["63"].late_regions)) == (4, 8, 1)


def test_province_drill_down_lists_its_regions(programme_world):
    report = progress(today=TODAY, province_code="63")
    areas = {g.key: g.tally for g in report.by_area}
    assert set(areas) == {"63.71", "63.72"}
    assert (areas["63.71"].programmes, areas["63.71"].books_accepted) == (4, 0)
    assert (areas["63.72"].programmes, areas["63.72"].books_expected, areas["63.72"].books_accepted) == (
        0,
        4,
        2,
    )
    assert report.overall.programmes == 4


def test_nothing_is_late_before_the_window_closes(programme_world):
    assert progress(today=dt.date(2024, 4, 1)).late == {f.region("63.71").pk: [2023]}
    assert progress(today=dt.date(2024, 3, 31)).late == {}  # the closing day is still a reporting day


def test_region_plan_against_actual_per_year(programme_world):
    mine = region_progress(f.region("63.71"), today=TODAY)
    assert mine.years == [2021, 2022, 2023]
    p1 = next(r for r in mine.kpis if r.programme == "P1")
    assert [(c.target, c.actual) for c in p1.cells] == [(50, 40), (60, 66), (None, None)]
    assert p1.cells[0].attainment == pytest.approx(0.8)
    assert [(b.year, b.planned, b.realised, b.rate) for b in mine.budget] == [
        (2022, Decimal(100), Decimal(80), pytest.approx(0.8)),
        (2023, Decimal(200), None, None),
    ]
    assert mine.late_years == [2023]
    assert mine.tally.counts == {"on_track": 1, "behind": 1, "stopped": 1, "no_report": 1}


def test_empty_platform_has_no_shares(db):
    report = progress(today=TODAY)
    assert report.overall.programmes == 0
    assert report.overall.share("on_track") is None and report.overall.realisation is None
    assert report.by_cohort == [] and report.late == {}
