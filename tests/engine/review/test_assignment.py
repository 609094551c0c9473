"""Assessor assignment: constraints always hold and the optimum matches an independent MILP."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from kotacerdas.engine.review.assignment import assign
from kotacerdas.errors import InfeasibleError, MethodError


def _milp_reference(a, k, lo, hi, conflicts=(), forced=(), floor=None):
    """Max total affinity by scipy's MILP over every pair (the independent oracle)."""
    n, m = a.shape
    rows_sub = np.kron(np.eye(n), np.ones(m))
    rows_load = np.kron(np.ones(n), np.eye(m))
    lower, upper = np.zeros(n * m), np.ones(n * m)
    for i, j in conflicts:
        upper[i * m + j] = 0
    for i, j in forced:
        lower[i * m + j] = 1
    cons = [LinearConstraint(rows_sub, k, k), LinearConstraint(rows_load, lo, hi)]
    if floor is not None:
        cons.append(LinearConstraint(rows_sub * a.ravel(), floor - 1e-9, np.inf))
    res = milp(-a.ravel(), constraints=cons, integrality=np.ones(n * m), bounds=Bounds(lower, upper))
    return None if res.x is None else -res.fun


def _milp_maximin(a, k, lo, hi):
    n, m = a.shape
    nv = n * m
    rows_sub = np.hstack([np.kron(np.eye(n), np.ones(m)), np.zeros((n, 1))])
    rows_load = np.hstack([np.kron(np.ones(n), np.eye(m)), np.zeros((m, 1))])
    fair = np.hstack([np.kron(np.eye(n), np.ones(m)) * a.ravel(), -np.ones((n, 1))])
    cost = np.r_[np.zeros(nv), -1.0]
    res = milp(
        cost,
        constraints=[
            LinearConstraint(rows_sub, k, k),
            LinearConstraint(rows_load, lo, hi),
            LinearConstraint(fair, 0, np.inf),
        ],
        integrality=np.r_[np.ones(nv), 0],
        bounds=Bounds(np.r_[np.zeros(nv), -1e9], np.r_[np.ones(nv), 1e9]),
    )
    return -res.fun


instances = st.builds(
    lambda n, m, seed: (n, m, seed),
    st.integers(2, 8),
    st.integers(3, 7),
    st.integers(0, 10_000),
)


def _instance(n, m, seed):
    rng = np.random.default_rng(seed)
    a = np.round(rng.random((n, m)), 2)
    k = int(rng.integers(1, min(3, m - 1) + 1))
    hi = int(np.ceil(n * k / m)) + int(rng.integers(0, 2))
    lo = int(rng.integers(0, max(1, (n * k) // m) + 1)) if rng.random() < 0.5 else 0
    lo = min(lo, hi, (n * k) // m)
    conflicts = [(int(i), int(j)) for i, j in zip(*np.nonzero(rng.random((n, m)) < 0.15), strict=True)]
    return a, k, lo, hi, conflicts


def _check_constraints(result, a, k, lo, hi, conflicts=(), forced=()):
    n = a.shape[0]
    assert np.array_equal(np.bincount(result.submission, minlength=n), np.full(n, k))
    assert (result.loads >= lo).all() and (result.loads <= hi).all()
    pairs = set(zip(result.submission.tolist(), result.assessor.tolist(), strict=True))
    assert len(pairs) == result.submission.size
    assert not pairs & set(conflicts)
    assert set(forced) <= pairs
    assert result.total_affinity == pytest.approx(
        float(a[result.submission, result.assessor].sum()), abs=1e-12
    )


@settings(max_examples=60, deadline=None)
@given(instances)
def test_total_matches_independent_milp(inst):
    a, k, lo, hi, conflicts = _instance(*inst)
    reference = _milp_reference(a, k, lo, hi, conflicts)
    if reference is None:
        with pytest.raises(InfeasibleError):
            assign(a, k=k, min_load=lo, max_load=hi, conflicts=conflicts)
        return
    # slack 0 starts from k candidates per submission, so column generation has to do the work
    result = assign(a, k=k, min_load=lo, max_load=hi, conflicts=conflicts, slack=0)
    _check_constraints(result, a, k, lo, hi, conflicts)
    assert result.total_affinity == pytest.approx(reference, abs=1e-9)
    assert result.proven_optimal


@settings(max_examples=40, deadline=None)
@given(instances)
def test_fair_is_lexicographic_optimum(inst):
    a, k, lo, hi, _ = _instance(*inst)
    assume(_milp_reference(a, k, lo, hi) is not None)  # infeasible instances: test_total_matches_independent_milp
    result = assign(a, k=k, min_load=lo, max_load=hi, objective="fair", slack=0)
    _check_constraints(result, a, k, lo, hi)
    worst = _milp_maximin(a, k, lo, hi)
    # the oracle's continuous t carries HiGHS's 1e-6 feasibility tolerance; affinities have 2 decimals
    assert result.worst_submission_affinity == pytest.approx(worst, abs=1e-6)
    reference_total = _milp_reference(a, k, lo, hi, floor=result.worst_submission_affinity)
    assert result.total_affinity == pytest.approx(reference_total, abs=1e-9)
    assert result.proven_optimal


def test_forced_pairs_are_honoured_even_when_poor():
    a = np.array([[0.9, 0.8, 0.0], [0.9, 0.8, 0.1]])
    result = assign(a, k=1, min_load=0, max_load=2, forced=[(0, 2)])
    assert list(zip(result.submission.tolist(), result.assessor.tolist(), strict=True)) == [(0, 2), (1, 0)]
    assert result.total_affinity == pytest.approx(0.9, abs=1e-12)


def test_fair_trades_total_for_the_worst_submission():
    # total: both strong assessors go to submission 0 (1 + 1) and submission 1 keeps 0.1 + 0.1
    a = np.array([[1.0, 1.0, 0.1, 0.1], [0.2, 0.2, 0.1, 0.1]])
    total = assign(a, k=2, min_load=1, max_load=1)
    fair = assign(a, k=2, min_load=1, max_load=1, objective="fair")
    assert total.total_affinity == pytest.approx(2.2, abs=1e-12)
    assert total.worst_submission_affinity == pytest.approx(0.2, abs=1e-12)
    # fair: each submission gets one strong assessor: 1 + 0.1 and 0.2 + 0.1
    assert fair.worst_submission_affinity == pytest.approx(0.3, abs=1e-12)
    assert fair.total_affinity == pytest.approx(1.4, abs=1e-12)
    assert fair.proven_optimal


def test_infeasible_names_the_reason():
    with pytest.raises(InfeasibleError, match="total max load is 2") as err:
        assign(np.ones((3, 2)), k=1, min_load=0, max_load=1)
    assert err.value.conflicts
    with pytest.raises(InfeasibleError, match="both forced and a conflict"):
        assign(np.ones((2, 2)), k=1, min_load=0, max_load=2, conflicts=[(0, 0)], forced=[(0, 0)])


def test_bad_input_is_a_method_error():
    with pytest.raises(MethodError, match="NaN"):
        assign(np.array([[np.nan, 1.0]]), k=1, min_load=0, max_load=1)
    with pytest.raises(MethodError, match="objective"):
        assign(np.ones((1, 2)), k=1, min_load=0, max_load=1, objective="best")  # type: ignore[arg-type]


def test_column_generation_on_a_larger_instance_matches_full_lp():
    rng = np.random.default_rng(7)
    a = rng.random((200, 40)) ** 3  # skewed: the popular assessors saturate, pricing must add arcs
    sparse = assign(a, k=3, min_load=10, max_load=20, slack=0)
    full = assign(a, k=3, min_load=10, max_load=20, slack=40)
    assert sparse.pricing_rounds >= 1
    assert sparse.total_affinity == pytest.approx(full.total_affinity, abs=1e-9)
    assert sparse.summary()["proven_optimal"] is True
