"""Nested quotas are detected and solved exactly by the flow LP."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.selection import Quota, select
from kotacerdas.engine.selection.flow import is_chain, is_network, refines
from kotacerdas.errors import InfeasibleError

from .factories import problem


def test_refinement_and_chains():
    assert refines([0, 0, 1, 2], [0, 0, 0, 1])
    assert not refines([0, 0, 1, 1], [0, 1, 1, 1])
    assert is_chain([np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1]), np.array([0, 0, 0, 0])])
    assert not is_chain([np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])])


def test_province_inside_island_group_is_a_network_but_type_across_province_is_not():
    nested = problem(
        [5, 4, 3, 2, 1],
        ["A", "B", "C", "C", "E"],
        sizes=(2,),
        quotas=[Quota("province", max=1), Quota("island_group", min=1)],
    )
    assert is_network(nested, list(range(5)))
    crossed = problem(
        [5, 4, 3, 2, 1],
        ["A", "A", "C", "C", "E"],
        sizes=(2,),
        types=["kota", "kabupaten", "kota", "kabupaten", "kota"],
        quotas=[Quota("province", max=1), Quota("type", value="kota", min=1)],
    )
    assert not is_network(crossed, list(range(5)))
    assert select(crossed).method == "milp"


def test_flow_and_milp_choose_the_same_regions():
    rng = np.random.default_rng(0)
    provinces = [str(p) for p in rng.integers(0, 6, 60)]
    scores = rng.normal(50, 10, 60)
    p = problem(
        scores,
        provinces,
        sizes=(10, 5),
        quotas=[Quota("province", max=2), Quota("province", min=1, over="all")],
    )
    flow = select(p, thresholds=False)
    milp = select(p, method="milp", thresholds=False)
    assert flow.method == "flow"
    assert flow.selected == milp.selected
    assert flow.objective_value == milp.objective_value


def test_degenerate_flow_lp_falls_back_and_reports_infeasibility():
    # Found by hypothesis: all scores equal made HiGHS' interior point stall ("Solve error"); the solver
    # now retries with dual simplex and then the MILP, so the user gets the diagnosis, not a solver error.
    p = problem(
        [0, 0, 0, 0, 0, 0],
        ["A", "A", "A", "A", "C", "C"],
        sizes=(1, 2),
        quotas=[Quota("province", max=2, over="all"), Quota("island_group", min=2, over="all")],
    )
    with pytest.raises(InfeasibleError) as info:
        select(p)
    assert info.value.conflicts == (
        "phase sizes: 1 in phase P1, 2 in phase P2",
        "min 2 per island_group over all phases: 2 × 2 island_group groups = 4 > 3 slots in the whole plan",
    )
