"""Infeasible problems are reported with the conflicting constraints in words."""

from __future__ import annotations

import pytest

from kotacerdas.engine.selection import EligibilityRule, Quota, select
from kotacerdas.errors import InfeasibleError

from .factories import problem


def test_province_minimums_exceed_slots():
    p = problem([1, 2, 3, 4, 5], ["A", "B", "C", "D", "E"], sizes=(3,), quotas=[Quota("province", min=1)])
    with pytest.raises(InfeasibleError) as info:
        select(p)
    assert info.value.conflicts == (
        "phase sizes: 3 in phase P1",
        "min 1 per province in each phase: 1 × 5 province groups = 5 > 3 slots in phase P1",
    )
    assert str(info.value).startswith(
        "no selection satisfies all rules and quotas: phase sizes: 3 in phase P1; "
    )
    assert info.value.code == "selection_infeasible"


def test_caps_allow_fewer_than_the_slots():
    p = problem(
        [1, 2, 3, 4, 5, 6], ["A", "A", "A", "B", "B", "B"], sizes=(4,), quotas=[Quota("province", max=1)]
    )
    with pytest.raises(InfeasibleError) as info:
        select(p)
    assert info.value.conflicts == (
        "phase sizes: 4 in phase P1",
        "max 1 per province in each phase: allows at most 2 of 4 slots in phase P1",
    )


def test_eligibility_leaves_too_few_regions():
    p = problem(
        [10, 20, 30],
        ["A", "B", "C"],
        sizes=(2,),
        rules=[EligibilityRule("score", min=25.0)],
        quotas=[Quota("province", max=1)],
    )
    with pytest.raises(InfeasibleError) as info:
        select(p)
    assert info.value.conflicts == ("phase sizes: 2 in phase P1 — 2 in all, but only 1 eligible",)


def test_irrelevant_quotas_are_left_out_of_the_conflict():
    p = problem(
        [1, 2, 3, 4],
        ["A", "B", "C", "D"],
        sizes=(2,),
        quotas=[Quota("province", max=1), Quota("type", value="kota", min=1)],
    )
    with pytest.raises(InfeasibleError) as info:
        select(p)
    assert info.value.conflicts == (
        "min 1 type = kota in each phase: kota needs 1 but has 0 eligible in phase P1",
    )
