"""Hypothesis properties of :func:`select`: feasibility, optimality vs brute force, no improving swap."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kotacerdas.engine.selection import EligibilityRule, Quota, select
from kotacerdas.errors import InfeasibleError

from .factories import brute_force, eligible_indices, plan_of, problem, violations

PROVINCES = ["A", "B", "C", "D"]


@st.composite
def small_problems(draw: st.DrawFn, max_n: int = 7):
    n = draw(st.integers(3, max_n))
    scores = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    provinces = draw(st.lists(st.sampled_from(PROVINCES), min_size=n, max_size=n))
    types = draw(st.lists(st.sampled_from(["kota", "kabupaten"]), min_size=n, max_size=n))
    n_phases = draw(st.integers(1, 2))
    sizes = tuple(draw(st.lists(st.integers(1, 2), min_size=n_phases, max_size=n_phases)))
    quotas = []
    if draw(st.booleans()):
        quotas.append(
            Quota("province", max=draw(st.integers(0, 2)), over=draw(st.sampled_from(["phase", "all"])))
        )
    if draw(st.booleans()):
        quotas.append(
            Quota("island_group", min=draw(st.integers(0, 2)), over=draw(st.sampled_from(["phase", "all"])))
        )
    if draw(st.booleans()):
        quotas.append(Quota("type", value="kota", min_share=draw(st.sampled_from([0.0, 0.3, 0.5]))))
    rules = [EligibilityRule("score", min=draw(st.integers(0, 8)))] if draw(st.booleans()) else []
    return problem(scores, provinces, sizes=sizes, quotas=quotas, rules=rules, types=types)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(small_problems())
def test_selection_is_feasible_optimal_or_reported_infeasible(p):
    best = brute_force(p)
    if best is None:
        with pytest.raises(InfeasibleError) as info:
            select(p, thresholds=False)
        assert info.value.conflicts
        return
    result = select(p, thresholds=False)
    plan = plan_of(p, result.selected)
    assert violations(p, plan) == []
    assert result.objective_value == pytest.approx(best, abs=1e-9)


@SETTINGS
@given(small_problems())
def test_no_feasible_single_swap_improves_the_objective(p):
    assume(brute_force(p) is not None)  # infeasible problems: test_selection_is_feasible_optimal_or_...
    result = select(p, thresholds=False)
    plan = plan_of(p, result.selected)
    scores = p.candidates.scores
    outside = [j for j in eligible_indices(p) if j not in plan]
    for i, phase in plan.items():
        for j in outside:
            swapped = {k: v for k, v in plan.items() if k != i} | {j: phase}
            if not violations(p, swapped):
                assert scores[j] <= scores[i], (i, j)


@SETTINGS
@given(small_problems(max_n=6))
def test_flow_path_agrees_with_milp_when_quotas_are_nested(p):
    nested = tuple(q for q in p.quotas if q.by != "type")
    p = type(p)(p.candidates, p.phases, p.rules, nested)
    try:
        milp = select(p, method="milp", thresholds=False)
    except InfeasibleError:
        with pytest.raises(InfeasibleError):
            select(p, method="flow", thresholds=False)
        return
    flow = select(p, method="flow", thresholds=False)
    assert flow.method == "flow"
    assert flow.objective_value == pytest.approx(milp.objective_value, abs=1e-9)
    assert violations(p, plan_of(p, flow.selected)) == []


@settings(max_examples=30, deadline=None)
@given(small_problems(max_n=6))
def test_thresholds_are_exact_entry_points(p):
    """Raising a left-out region just above its threshold brings it in; just below keeps it out."""
    assume(brute_force(p) is not None)
    result = select(p)
    for d in result.decisions:
        if d.threshold is None:
            continue
        i = p.candidates.codes.index(d.code)
        for delta, expect in ((0.01, True), (-0.01, False)):
            scores = p.candidates.scores.copy()
            scores[i] = d.threshold + delta
            cands = type(p.candidates)(p.candidates.codes, scores, p.candidates.attributes, "score")
            q = type(p)(cands, p.phases, p.rules, p.quotas, p.excluded)
            assert (d.code in select(q, thresholds=False).selected) is expect, (d, delta)


def brute_force_maxmin(p) -> tuple[float, float] | None:
    """(best worst-island coverage, best score at that coverage) over every feasible plan."""
    import itertools

    elig = eligible_indices(p)
    islands = p.candidates.attributes["island_group"]
    sizes = {g: sum(1 for i in elig if islands[i] == g) for g in set(islands)}
    best: tuple[float, float] | None = None
    for assignment in itertools.product(range(-1, len(p.phases)), repeat=len(elig)):
        plan = {i: ph for i, ph in zip(elig, assignment, strict=True) if ph >= 0}
        if len(plan) != p.slots or violations(p, plan):
            continue
        cover = min(sum(1 for i in plan if islands[i] == g) / n for g, n in sizes.items() if n)
        score = float(sum(p.candidates.scores[i] for i in plan))
        if best is None or cover > best[0] + 1e-9 or (abs(cover - best[0]) <= 1e-9 and score > best[1]):
            best = (cover, score)
    return best


@settings(max_examples=40, deadline=None)
@given(small_problems(max_n=6))
def test_maxmin_matches_brute_force(p):
    p = type(p)(p.candidates, p.phases, p.rules, p.quotas, objective="maxmin_island_group")
    best = brute_force_maxmin(p)
    if best is None:
        with pytest.raises(InfeasibleError):
            select(p, thresholds=False)
        return
    result = select(p, thresholds=False)
    assert result.equity_floor == pytest.approx(best[0], abs=1e-6)
    assert result.objective_value == pytest.approx(best[1], abs=1e-9)
    assert violations(p, plan_of(p, result.selected)) == []


def brute_force_with(p, region: int) -> float | None:
    """Best total score over feasible plans that contain ``region``."""
    import itertools

    elig = eligible_indices(p)
    best: float | None = None
    for assignment in itertools.product(range(-1, len(p.phases)), repeat=len(elig)):
        plan = {i: ph for i, ph in zip(elig, assignment, strict=True) if ph >= 0}
        if region not in plan or len(plan) != p.slots or violations(p, plan):
            continue
        total = float(sum(p.candidates.scores[i] for i in plan))
        best = total if best is None else max(best, total)
    return best


@settings(max_examples=40, deadline=None)
@given(small_problems(max_n=6))
def test_thresholds_and_blocked_match_brute_force(p):
    best = brute_force(p)
    assume(best is not None)
    result = select(p)
    for d in result.decisions:
        if d.selected or d.status in ("excluded", "ineligible"):
            continue
        i = p.candidates.codes.index(d.code)
        with_region = brute_force_with(p, i)
        if with_region is None:
            assert d.status == "blocked" and d.threshold is None
        else:
            assert d.threshold == pytest.approx(p.candidates.scores[i] + best - with_region, abs=1e-6)
