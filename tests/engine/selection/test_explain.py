"""Exact explanations on hand-checked examples."""

from __future__ import annotations

import json

import pytest

from kotacerdas.engine.selection import EligibilityRule, Quota, select
from kotacerdas.errors import InfeasibleError

from .factories import problem


def test_crowded_out_below_cutoff_and_ineligible_with_exact_thresholds():
    # A: 90, 80, 70 · B: 60, 50 · C: 40; three slots, at most two per province, score ≥ 45.
    p = problem(
        [90, 80, 70, 60, 50, 40],
        ["A", "A", "A", "B", "B", "C"],
        sizes=(3,),
        quotas=[Quota("province", max=2)],
        rules=[EligibilityRule("score", min=45.0)],
    )
    result = select(p)
    assert result.selected == {"11.01": "P1", "11.02": "P1", "11.04": "P1"}
    assert result.objective_value == 230.0
    assert result.cutoff == 60.0
    crowded = result.decision("11.03")
    assert crowded.status == "crowded_out"
    assert crowded.threshold == pytest.approx(80.0)  # must beat the 80 of its own province
    assert crowded.binding == "max 2 per province in each phase"
    assert crowded.reason == (
        "crowded out by max 2 per province in each phase (A, 2 of 2): score 70 beats 60, the lowest selected "
        "in an open seat outside its group; it would enter with a score above 80"
    )
    below = result.decision("11.05")
    assert below.status == "below_cutoff"
    assert below.shortfall == pytest.approx(10.0)
    assert below.threshold == pytest.approx(60.0)
    assert (
        below.reason
        == "below the cut-off: score 50 is 10 below the cut-off 60; it would enter with a score above 60"
    )
    out = result.decision("11.06")
    assert out.status == "ineligible"
    assert out.shortfall == pytest.approx(5.0)
    assert out.reason == "ineligible: score 40 is 5 below the minimum 45"
    assert result.decision("11.01").reason == "selected for phase P1: score 90, rank 1 of 5 eligible"


def test_minimum_quota_brings_a_region_in_and_raises_the_bar_for_others():
    # C's only region (10) must be chosen; the merit cut-off is then 80, not 10.
    p = problem(
        [90, 80, 70, 60, 10],
        ["A", "A", "A", "B", "C"],
        sizes=(3,),
        quotas=[Quota("province", value="C", min=1, over="all")],
    )
    result = select(p)
    assert result.selected == {"11.01": "P1", "11.02": "P1", "11.05": "P1"}
    assert result.cutoff == 80.0
    assert result.decision("11.05").reason == (
        "selected for phase P1: score 10, rank 5 of 5 eligible; "
        "brought in by min 1 province = C over all phases (C, 1, min 1)"
    )
    below = result.decision("11.03")
    assert (below.status, below.threshold, below.shortfall) == (
        "below_cutoff",
        pytest.approx(80.0),
        pytest.approx(10.0),
    )


def test_per_phase_minimum_beyond_supply_is_infeasible_in_words():
    # Y (province C) has one eligible region but needs one in each of two phases.
    p = problem([90, 85, 10], ["A", "A", "C"], sizes=(1, 1), quotas=[Quota("island_group", value="Y", min=1)])
    with pytest.raises(InfeasibleError) as info:
        select(p)
    assert info.value.conflicts == (
        "each region may join at most one phase",
        "min 1 island_group = Y in each phase: Y needs 1 × 2 phases = 2 but has 1 eligible",
    )


def test_blocked_region_names_the_quota():
    p = problem([90, 80, 70], ["A", "B", "B"], sizes=(1,), quotas=[Quota("province", value="A", max=0)])
    result = select(p)
    assert result.selected == {"11.02": "P1"}
    blocked = result.decision("11.01")
    assert blocked.status == "blocked"
    assert blocked.threshold is None
    assert blocked.reason == (
        "blocked: no plan that satisfies the quotas can include it — "
        "max 0 province = A in each phase: A allows none in phase P1"
    )


def test_ties_go_to_the_lower_code():
    p = problem([5, 5, 5, 5], ["A", "B", "C", "D"], sizes=(2,))
    result = select(p)
    assert result.selected == {"11.01": "P1", "11.02": "P1"}
    third = result.decision("11.03")
    assert third.threshold == pytest.approx(5.0)
    assert third.reason == (
        "below the cut-off: tied at 5 with the last selected region; ties go to the lower code; "
        "it would enter with a score above 5"
    )


def test_phases_are_filled_readiest_first():
    p = problem([10, 40, 30, 20, 50], ["A", "B", "C", "D", "E"], sizes=(2, 1))
    result = select(p)
    assert result.selected == {"11.02": "P1", "11.03": "P2", "11.05": "P1"}


def test_per_phase_cap_crowds_out_only_when_full_in_every_phase():
    # A: 90, 85, 84 · B: 50; phases of 2 and 1; at most one region per province in each phase.
    p = problem([90, 85, 84, 50], ["A", "A", "A", "B"], sizes=(2, 1), quotas=[Quota("province", max=1)])
    result = select(p)
    assert result.selected == {"11.01": "P1", "11.02": "P2", "11.04": "P1"}
    assert result.cutoff == 85.0  # the only region left out needs 85
    crowded = result.decision("11.03")
    assert (crowded.status, crowded.threshold) == ("crowded_out", pytest.approx(85.0))
    assert crowded.reason == (
        "crowded out by max 1 per province in each phase (A: full in every phase): score 84 beats 50, the "
        "lowest selected in an open seat outside its group; it would enter with a score above 85"
    )


def test_every_reason_is_also_data_a_code_and_plain_params():
    """The platform words a reason from ``why`` alone: code, the numbers and the quota as plain data."""
    p = problem(
        [90, 80, 70, 60, 50, 40],
        ["A", "A", "A", "B", "B", "C"],
        sizes=(3,),
        quotas=[Quota("province", max=2)],
        rules=[EligibilityRule("score", min=45.0)],
    )
    result = select(p)
    codes = {d.code: d.why.code for d in result.decisions if d.why is not None}
    assert codes == {
        "11.01": "selected",
        "11.02": "selected",
        "11.03": "crowded_out_by_cap",
        "11.04": "selected",
        "11.05": "below_cutoff",
        "11.06": "ineligible",
    }
    crowded = result.decision("11.03").why
    assert crowded is not None
    assert crowded.params == {
        "quota": {
            "quota": {
                "label": "max 2 per province in each phase",
                "by": "province",
                "value": None,
                "min": None,
                "max": 2,
                "min_share": None,
                "max_share": None,
                "over": "phase",
            },
            "value": "A",
            "phase": None,
            "count": 2,
            "max": 2,
        },
        "score": 70.0,
        "beaten": 60.0,
        "threshold": pytest.approx(80.0),
    }
    selected = result.decision("11.01").why
    assert selected is not None and selected.params == {
        "phase": "P1",
        "score": 90.0,
        "rank": 1,
        "eligible": 5,
    }
    below = result.decision("11.05").why
    assert below is not None and below.params["gap"] == pytest.approx(10.0)
    json.dumps([d.why.params for d in result.decisions if d.why is not None])  # plain JSON, no NumPy


def test_a_minimum_quota_and_a_reserved_seat_are_data_too():
    p = problem(
        [90, 80, 70, 60, 10],
        ["A", "A", "A", "B", "C"],
        sizes=(3,),
        quotas=[Quota("province", value="C", min=1, over="all")],
    )
    result = select(p)
    pulled = result.decision("11.05").why
    assert pulled is not None and pulled.code == "selected"
    assert pulled.params["brought_in_by"]["quota"]["value"] == "C"
    assert (pulled.params["brought_in_by"]["count"], pulled.params["brought_in_by"]["min"]) == (1, 1)
