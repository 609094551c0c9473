"""One assessor per required expertise: constraints hold, the optimum matches brute force and an
independent MILP, and infeasibility is named."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from kotacerdas.engine.review import Labels, assign_by_expertise
from kotacerdas.errors import InfeasibleError, MethodError


def _milp_reference(a, expertise, required, lo, hi, conflicts=(), forced=()):
    """Max total affinity by scipy's MILP over every (submission, field, assessor) triple."""
    n, m = a.shape
    n_fields = required.shape[1]
    usable = required[:, :, None] & expertise.T[None, :, :]
    for i, j in conflicts:
        usable[i, :, j] = False
    size = n * n_fields * m
    index = np.arange(size).reshape(n, n_fields, m)
    rows, lower, upper = [], [], []

    def row(cells, lo_, hi_):
        vector = np.zeros(size)
        vector[cells] = 1.0
        rows.append(vector)
        lower.append(lo_)
        upper.append(hi_)

    for i, f in zip(*np.nonzero(required), strict=True):
        row(index[i, f].ravel(), 1, 1)
    for i in range(n):
        for j in range(m):
            row(index[i, :, j].ravel(), 1 if (i, j) in set(forced) else 0, 1)
    for j in range(m):
        row(index[:, :, j].ravel(), lo, hi)
    cost = -np.repeat(a[:, None, :], n_fields, axis=1).ravel()
    res = milp(
        cost,
        constraints=LinearConstraint(np.array(rows), lower, upper),
        integrality=np.ones(size),
        bounds=Bounds(np.zeros(size), usable.ravel().astype(float)),
    )
    return None if res.x is None else -res.fun


def _brute_force(a, expertise, required, lo, hi, conflicts=(), forced=()):
    """Every way to give each required slot a holder, filtered by the constraints; best total."""
    m = a.shape[1]
    slots = list(zip(*np.nonzero(required), strict=True))
    options = [[j for j in range(m) if expertise[j, f] and (i, j) not in set(conflicts)] for i, f in slots]
    best = None
    for choice in itertools.product(*options):
        pairs = [(int(i), j) for (i, _f), j in zip(slots, choice, strict=True)]
        if len(set(pairs)) < len(pairs) or not set(forced) <= set(pairs):
            continue
        loads = np.bincount([j for _i, j in pairs], minlength=m)
        if (loads < lo).any() or (loads > hi).any():
            continue
        total = sum(a[i, j] for i, j in pairs)
        best = total if best is None else max(best, total)
    return best


def _instance(n, m, n_fields, seed, with_forced):
    rng = np.random.default_rng(seed)
    a = np.round(rng.random((n, m)), 2)
    expertise = rng.random((m, n_fields)) < 0.5
    required = rng.random((n, n_fields)) < 0.5
    required[~required.any(axis=1), rng.integers(0, n_fields)] = True
    slots = int(required.sum())
    hi = int(np.ceil(slots / m)) + int(rng.integers(0, 2))
    lo = int(rng.integers(0, slots // m + 1)) if rng.random() < 0.5 else 0
    conflicts = [(int(i), int(j)) for i, j in zip(*np.nonzero(rng.random((n, m)) < 0.15), strict=True)]
    forced = []
    if with_forced:
        usable = required.astype(int) @ expertise.T.astype(int) > 0
        candidates = [(int(i), int(j)) for i, j in np.argwhere(usable) if (i, j) not in set(conflicts)]
        if candidates:
            forced = [candidates[int(rng.integers(0, len(candidates)))]]
    return a, expertise, required, lo, hi, conflicts, forced


def _check_constraints(result, a, expertise, required, lo, hi, conflicts=(), forced=()):
    n = a.shape[0]
    fields = result.fields
    triples = list(zip(result.submission.tolist(), fields.tolist(), result.assessor.tolist(), strict=True))
    # every required slot exactly once, and nothing else
    assert sorted((i, f) for i, f, _j in triples) == sorted(
        (int(i), int(f)) for i, f in zip(*np.nonzero(required), strict=True)
    )
    assert all(expertise[j, f] for _i, f, j in triples)
    pairs = [(i, j) for i, _f, j in triples]
    assert len(set(pairs)) == len(pairs)  # a person fills at most one slot per submission
    assert not set(pairs) & set(conflicts)
    assert set(forced) <= set(pairs)
    assert (result.loads >= lo).all() and (result.loads <= hi).all()
    assert np.array_equal(result.loads, np.bincount(result.assessor, minlength=a.shape[1]))
    assert result.total_affinity == pytest.approx(
        float(a[result.submission, result.assessor].sum()), abs=1e-12
    )
    assert np.bincount(result.submission, minlength=n).tolist() == required.sum(axis=1).tolist()


instances = st.tuples(
    st.integers(1, 5), st.integers(2, 6), st.integers(1, 3), st.integers(0, 100_000), st.booleans()
)


@settings(max_examples=80, deadline=None)
@given(instances)
def test_optimum_matches_independent_milp(inst):
    a, expertise, required, lo, hi, conflicts, forced = _instance(*inst)
    reference = _milp_reference(a, expertise, required, lo, hi, conflicts, forced)
    if reference is None:
        with pytest.raises(InfeasibleError):
            assign_by_expertise(
                a, expertise, required, min_load=lo, max_load=hi, conflicts=conflicts, forced=forced
            )
        return
    result = assign_by_expertise(
        a, expertise, required, min_load=lo, max_load=hi, conflicts=conflicts, forced=forced
    )
    _check_constraints(result, a, expertise, required, lo, hi, conflicts, forced)
    assert result.total_affinity == pytest.approx(reference, abs=1e-9)
    assert result.proven_optimal
    assert result.upper_bound == pytest.approx(reference, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(
    st.tuples(st.integers(1, 3), st.integers(2, 4), st.integers(1, 2), st.integers(0, 100_000), st.booleans())
)
def test_optimum_matches_brute_force(inst):
    a, expertise, required, lo, hi, conflicts, forced = _instance(*inst)
    best = _brute_force(a, expertise, required, lo, hi, conflicts, forced)
    if best is None:
        with pytest.raises(InfeasibleError):
            assign_by_expertise(
                a, expertise, required, min_load=lo, max_load=hi, conflicts=conflicts, forced=forced
            )
        return
    result = assign_by_expertise(
        a, expertise, required, min_load=lo, max_load=hi, conflicts=conflicts, forced=forced
    )
    _check_constraints(result, a, expertise, required, lo, hi, conflicts, forced)
    assert result.total_affinity == pytest.approx(best, abs=1e-9)


def test_a_person_fills_one_slot_even_when_holding_two_fields():
    # assessor 0 is best and holds both fields, but the panel needs two different people
    a = np.array([[0.9, 0.5, 0.4]])
    expertise = np.array([[True, True], [True, False], [False, True]])
    result = assign_by_expertise(a, expertise, np.array([[True, True]]), min_load=0, max_load=1)
    assert result.submission.tolist() == [0, 0]
    assert result.fields.tolist() == [0, 1]
    assert result.assessor.tolist() == [1, 0]  # 0.5 + 0.9 beats 0.9 + 0.4
    assert result.total_affinity == pytest.approx(1.4, abs=1e-12)
    assert result.loads.tolist() == [1, 1, 0]
    assert result.objective == "total"
    assert result.parameters["mode"] == "expertise"
    assert result.parameters["slots"] == 2
    assert result.parameters["solved_as"] == "LP"
    assert result.summary()["proven_optimal"] is True


def test_forced_pair_is_honoured_and_loads_bind():
    a = np.array([[0.9, 0.1], [0.8, 0.7]])
    expertise = np.array([[True], [True]])
    required = np.array([[True], [True]])
    free = assign_by_expertise(a, expertise, required, min_load=0, max_load=2)
    assert free.assessor.tolist() == [0, 0]
    assert free.total_affinity == pytest.approx(1.7, abs=1e-12)
    forced = assign_by_expertise(a, expertise, required, min_load=0, max_load=2, forced=[(0, 1)])
    assert forced.assessor.tolist() == [1, 0]
    assert forced.total_affinity == pytest.approx(0.9, abs=1e-12)
    balanced = assign_by_expertise(a, expertise, required, min_load=1, max_load=1)
    assert balanced.assessor.tolist() == [0, 1]
    assert balanced.total_affinity == pytest.approx(1.6, abs=1e-12)


LABELS = Labels(("S1", "S2", "S3"), ("ana", "budi", "citra"), ("economy", "governance"))


def _infeasible(a, expertise, required, **kwargs):
    with pytest.raises(InfeasibleError) as err:
        assign_by_expertise(a, np.array(expertise), np.array(required), labels=LABELS, **kwargs)
    return err.value


def test_infeasible_expertise_nobody_holds():
    err = _infeasible(
        np.ones((2, 3)), [[True, False]] * 3, [[True, True], [False, True]], min_load=0, max_load=3
    )
    assert err.conflicts == ("expertise 'governance' is required by 2 submissions but no assessor holds it",)


def test_infeasible_every_holder_conflicted():
    err = _infeasible(
        np.ones((1, 3)),
        [[True, False], [False, True], [False, True]],
        [[True, True]],
        min_load=0,
        max_load=1,
        conflicts=[(0, 0)],
    )
    assert err.conflicts == (
        "submission 'S1' needs expertise 'economy' but every assessor holding it is conflicted",
    )
    assert str(err).startswith(
        "no assignment satisfies the constraints: submission 'S1' needs expertise 'economy' but every "
        "assessor holding it is conflicted ("
    )


def test_infeasible_two_fields_one_person():
    err = _infeasible(
        np.ones((1, 3)),
        [[True, True], [False, False], [False, False]],
        [[True, True]],
        min_load=0,
        max_load=1,
    )
    assert err.conflicts == (
        "submission 'S1' needs expertise 'economy', 'governance' from 2 different assessors but only 1 "
        "allowed assessor holds any of them",
    )


def test_infeasible_field_capacity_and_totals():
    err = _infeasible(
        np.ones((3, 3)),
        [[True, False], [False, True], [False, True]],
        [[True, False], [True, False], [True, True]],
        min_load=0,
        max_load=1,
    )
    assert err.conflicts == (
        "4 slots to fill but total max load is 3",
        "expertise 'economy' is required by 3 submissions but its 1 holder can take at most 1",
    )


def test_infeasible_min_load_and_forced_pairs():
    err = _infeasible(
        np.ones((2, 3)),
        [[True, False], [True, False], [False, False]],
        [[True, False], [True, False]],
        min_load=[0, 0, 1],
        max_load=2,
        forced=[(0, 2)],
        conflicts=[(1, 1)],
    )
    assert err.conflicts == (
        "assessor 'citra' has min load 1 but can fill a slot on only 0 submissions",
        "assessor 'citra' is forced onto submission 'S1' but holds none of its required expertise",
    )
    err = _infeasible(
        np.ones((1, 3)), [[True, False]] * 3, [[True, False]], min_load=0, max_load=1, forced=[(0, 0), (0, 1)]
    )
    assert err.conflicts == ("submission 'S1' has 2 forced assessors but requires only 1 fields",)
    err = _infeasible(
        np.ones((1, 3)),
        [[True, False]] * 3,
        [[True, False]],
        min_load=0,
        max_load=1,
        forced=[(0, 0)],
        conflicts=[(0, 0)],
    )
    assert err.conflicts == ("pair (submission 'S1', assessor 'ana') is both forced and a conflict",)


def test_infeasible_found_by_the_solver_reports_demand_against_capacity():
    # each check passes, yet S1 and S2 can only use ana, whose max load is 1
    err = _infeasible(
        np.ones((3, 2)),
        [[True, False], [True, False]],
        [[True, False]] * 3,
        min_load=0,
        max_load=[1, 2],
        conflicts=[(0, 1), (1, 1)],
    )
    assert err.message == (
        "no assignment fills every required expertise with different, allowed assessors within the load "
        "limits: 3 slots, total max load 3, total min load 0; slots per expertise against its holders' "
        "total max load: 'economy': 3 of 3"
    )


def test_indices_name_things_without_labels():
    with pytest.raises(InfeasibleError, match="submission index 0 needs expertise field index 0 but every"):
        assign_by_expertise(np.ones((1, 1)), [[True]], [[True]], min_load=0, max_load=1, conflicts=[(0, 0)])


def test_bad_input_is_a_method_error():
    with pytest.raises(MethodError, match="expertise must be a 2 × \\? matrix, got shape \\(3, 1\\)"):
        assign_by_expertise(np.ones((1, 2)), np.ones((3, 1)), [[True]], min_load=0, max_load=1)
    with pytest.raises(MethodError, match="required must be a 1 × 1 matrix"):
        assign_by_expertise(np.ones((1, 2)), np.ones((2, 1)), [[True, False]], min_load=0, max_load=1)
    with pytest.raises(MethodError, match="only true/false"):
        assign_by_expertise(np.ones((1, 2)), [[2], [1]], [[True]], min_load=0, max_load=1)
    with pytest.raises(MethodError, match="submission index 1 requires no expertise"):
        assign_by_expertise(np.ones((2, 2)), [[1], [1]], [[True], [False]], min_load=0, max_load=1)
    with pytest.raises(MethodError, match="NaN"):
        assign_by_expertise(np.array([[np.nan]]), [[1]], [[1]], min_load=0, max_load=1)


def test_moderate_instance_is_proven_optimal_and_valid():
    rng = np.random.default_rng(3)
    n, m, n_fields = 60, 20, 3
    a = np.round(rng.random((n, m)), 3)
    expertise = rng.random((m, n_fields)) < 0.4
    expertise[np.arange(m), np.arange(m) % n_fields] = True
    required = rng.random((n, n_fields)) < 0.6
    required[np.arange(n), np.arange(n) % n_fields] = True
    conflicts = np.argwhere(rng.random((n, m)) < 0.05)
    result = assign_by_expertise(a, expertise, required, min_load=2, max_load=12, conflicts=conflicts)
    _check_constraints(result, a, expertise, required, 2, 12, [tuple(c) for c in conflicts.tolist()])
    assert result.proven_optimal
    reference = _milp_reference(a, expertise, required, 2, 12, [tuple(c) for c in conflicts.tolist()])
    assert result.total_affinity == pytest.approx(reference, abs=1e-9)
