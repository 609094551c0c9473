"""Objective weights and the equity stage of the lexicographic max–min objective.

* ``max_score`` — maximise the total score of the selected regions.
* ``expected_score`` — maximise the total *mean* score over the uncertainty samples.
* ``max_probability`` — maximise the summed probability of being among the top ``slots`` eligible regions
  across the samples (rewards regions that are reliably good, not just good on the nominal run).
* ``maxmin_island_group`` — first maximise the worst-off island group's coverage (selected ÷ eligible
  regions of that group), then maximise total score subject to every group keeping that coverage.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from kotacerdas.engine.selection.highs import FloatArray
from kotacerdas.engine.selection.model import Model, group_values
from kotacerdas.engine.selection.problem import Quota, SelectionProblem
from kotacerdas.errors import ServiceError


def objective_weights(problem: SelectionProblem, eligible: list[int]) -> FloatArray:
    """Per-eligible-region weight that the chosen objective maximises (summed over selected regions)."""
    idx = np.asarray(eligible, dtype=np.int64)
    if problem.objective in ("max_score", "maxmin_island_group"):
        return problem.candidates.scores[idx].astype(np.float64)
    assert problem.samples is not None  # checked by validate_problem
    draws = problem.samples[:, idx]
    if problem.objective == "expected_score":
        return np.asarray(draws.mean(axis=0), dtype=np.float64)
    return top_probability(draws, problem.slots)


def top_probability(draws: FloatArray, slots: int) -> FloatArray:
    """Share of draws (rows) in which each column ranks among the ``slots`` largest (ties: lower column)."""
    n = draws.shape[1]
    if slots >= n:
        return np.ones(n)
    order = np.argsort(-draws, axis=1, kind="stable")[:, :slots]
    counts = np.bincount(order.ravel(), minlength=n)
    return np.asarray(counts / draws.shape[0], dtype=np.float64)


def equity_floor(problem: SelectionProblem, model: Model) -> tuple[float, tuple[Quota, ...]] | None:
    """Stage 1 of max–min: the best worst-group coverage t*, and per-group floors ⌈t*·n_g⌉ as quotas.

    ``None`` when the rules and quotas admit no selection at all.
    """
    column = problem.equity_column
    distinct, labels = group_values(problem, column)
    idx = np.asarray(model.eligible, dtype=np.int64)
    n_phases = model.n_phases
    a, lb, ub = model.matrices()
    n = model.n_vars
    rows = []
    present = []
    for j, value in enumerate(distinct):
        members = np.flatnonzero(labels[idx] == j)
        if len(members) == 0:
            continue
        variables = (members[:, None] * n_phases + np.arange(n_phases)).ravel()
        row = np.zeros(n + 1)
        row[variables] = 1.0
        row[n] = -float(len(members))
        rows.append(row)
        present.append((value, len(members)))
    if not rows:  # no eligible region at all
        return None if bool(np.any(lb > 0)) else (0.0, ())
    a_full = sp.hstack([a, sp.csr_array((a.shape[0], 1))], format="csr")
    a_full = sp.vstack([a_full, sp.csr_array(np.array(rows))], format="csr")
    lo = np.concatenate([lb, np.zeros(len(rows))])
    hi = np.concatenate([ub, np.full(len(rows), np.inf)])
    costs = np.zeros(n + 1)
    costs[n] = -1.0
    res = milp(
        costs,
        integrality=np.concatenate([np.ones(n), [0]]),
        bounds=Bounds(np.zeros(n + 1), np.ones(n + 1)),
        constraints=LinearConstraint(a_full, lo, hi),
        options={"mip_rel_gap": 0.0},
    )
    if res.status == 2:
        return None
    if res.x is None or res.status != 0:
        raise ServiceError(
            f"HiGHS could not solve the equity stage: {res.message}",
            code="equity_solver_failed",
            params={"reason": str(res.message)},
        )
    t = float(res.x[n])
    floors = tuple(
        Quota(by=column, value=value, min=math.ceil(t * size - 1e-6), over="all") for value, size in present
    )
    return t, tuple(q for q in floors if (q.min or 0) > 0)
