"""One place that calls HiGHS (through ``scipy.optimize.milp``) on a :class:`Model`.

Objective scaling and tie-breaking are decided here so every solve (nominal, forced-in re-solves, samples)
uses the same rule: weights are rescaled to [0, 10⁶] over the eligible regions and each region adds a
tie-break term in (0, 1] that falls with its code's rank (lower Kemendagri code = larger term). Selections
whose total weights differ by less than ``slots × 10⁻⁶`` of the weight range are therefore treated as tied,
and ties go to the lower codes, deterministically. ``mip_rel_gap = 0`` so HiGHS proves optimality.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, linprog, milp

from kotacerdas.engine.selection.model import IntArray, Model
from kotacerdas.errors import ServiceError

FloatArray = NDArray[np.float64]
SCALE = 1e6
SOLVER = f"HiGHS via scipy {scipy.__version__}"

ExtraRow = tuple[IntArray, float, float]


class NotIntegral(Exception):
    """The LP gave no integral vertex (fractional, or the LP solver failed); the MILP is used instead."""


def region_costs(weights: FloatArray, codes: Sequence[str]) -> FloatArray:
    """Per-region objective coefficients: scaled weight plus the code-order tie-break term."""
    n = len(weights)
    if n == 0:
        return np.zeros(0)
    lo, hi = float(weights.min()), float(weights.max())
    span = hi - lo if hi > lo else 1.0
    tie = np.empty(n)
    tie[np.argsort(np.asarray(codes), kind="stable")] = (n - np.arange(n)) / n
    return (weights - lo) / span * SCALE + tie


def run(
    model: Model,
    costs: FloatArray,
    *,
    integral: bool,
    extra: Sequence[ExtraRow] = (),
    upper: FloatArray | None = None,
    groups: set[int] | None = None,
) -> FloatArray | None:
    """Maximise ``costs · x`` (``costs`` per variable) under the model's rows; ``None`` if infeasible.

    ``integral=False`` solves the LP and raises :class:`NotIntegral` if its vertex is fractional.
    """
    a, lb, ub = _stack(model, extra, groups)
    if model.n_vars == 0:
        return np.zeros(0) if bool(np.all(lb <= 0)) else None
    if not integral:
        return _vertex(a, lb, ub, costs, upper)
    res = milp(
        -costs,
        integrality=np.full(model.n_vars, 1 if integral else 0),
        bounds=Bounds(np.zeros(model.n_vars), np.ones(model.n_vars) if upper is None else upper),
        constraints=LinearConstraint(a, lb, ub) if a.shape[0] else (),
        options={"mip_rel_gap": 0.0, "presolve": True},
    )
    if res.status == 2:
        return None
    if res.x is None or res.status != 0:
        raise ServiceError(
            f"HiGHS could not solve the selection: {res.message}",
            code="selection_solver_failed",
            params={"reason": str(res.message)},
        )
    x: FloatArray = np.asarray(np.round(res.x), dtype=np.float64)
    if not integral and float(np.max(np.abs(res.x - x), initial=0.0)) > 1e-6:
        raise NotIntegral
    return x


def _stack(
    model: Model, extra: Sequence[ExtraRow], groups: set[int] | None = None
) -> tuple[sp.csr_array, FloatArray, FloatArray]:
    """The model's rows (optionally only ``groups``) with the ``extra`` rows appended."""
    a, lb, ub = model.matrices(groups)
    if extra:
        indptr = np.cumsum([0, *(len(v) for v, _, _ in extra)])
        block = sp.csr_array(
            (np.ones(indptr[-1]), np.concatenate([v for v, _, _ in extra]), indptr),
            shape=(len(extra), model.n_vars),
        )
        a = sp.vstack([a, block], format="csr")
        lb = np.concatenate([lb, [r[1] for r in extra]])
        ub = np.concatenate([ub, [r[2] for r in extra]])
    return a, lb, ub


def _lp(
    a: sp.csr_array, lb: FloatArray, ub: FloatArray, costs: FloatArray, upper: FloatArray | None, method: str
) -> OptimizeResult:
    """HiGHS on the LP relaxation (maximising ``costs · x``), rows split into equalities and ≤ rows."""
    eq = lb == ub
    has_ub = ~eq & np.isfinite(ub)
    has_lb = ~eq & (lb > 0)
    a_ub = sp.vstack([a[has_ub], -a[has_lb]], format="csr")
    b_ub = np.concatenate([ub[has_ub], -lb[has_lb]])
    n = a.shape[1]
    return linprog(
        -costs,
        A_ub=a_ub if a_ub.shape[0] else None,
        b_ub=b_ub if a_ub.shape[0] else None,
        A_eq=a[eq] if eq.any() else None,
        b_eq=lb[eq] if eq.any() else None,
        bounds=np.column_stack([np.zeros(n), np.ones(n) if upper is None else upper]),
        method=method,
    )


def _vertex(
    a: sp.csr_array, lb: FloatArray, ub: FloatArray, costs: FloatArray, upper: FloatArray | None
) -> FloatArray | None:
    """Solve the LP by HiGHS' interior point method with crossover, which ends on a vertex (a basic
    solution); on a totally unimodular model that vertex is integral. Measured on 83,000 villages the
    interior point + crossover is several times faster than dual simplex."""
    res = _lp(a, lb, ub, costs, upper, "highs-ipm")
    if res.status not in (0, 2):  # IPM can stall on tiny degenerate LPs: dual simplex also ends on a vertex
        res = _lp(a, lb, ub, costs, upper, "highs-ds")
    if res.status == 2:
        return None
    if res.x is None or res.status != 0:
        raise NotIntegral  # no usable vertex: the caller falls back to the MILP
    x: FloatArray = np.asarray(np.round(res.x), dtype=np.float64)
    if float(np.max(np.abs(res.x - x), initial=0.0)) > 1e-6:
        raise NotIntegral
    return x


class Solver:
    """Solves a model for given weights by the flow LP when the structure allows, else by the MILP.

    If the LP ever returns a fractional vertex (it should not on a network), it falls back to the MILP for
    this and every later solve, so results are always exact.
    """

    def __init__(self, model: Model, codes: Sequence[str], *, flow: bool) -> None:
        self.model = model
        self.codes = list(codes)
        self.flow = flow

    @property
    def method(self) -> str:
        """``flow`` or ``milp``: how the last solve was done."""
        return "flow" if self.flow else "milp"

    def costs(self, weights: FloatArray, phase_factor: FloatArray | None = None) -> FloatArray:
        """Per-variable costs; ``phase_factor`` (one per phase) multiplies them, for the ordering stage."""
        per_region = region_costs(weights, self.codes)
        factor = np.ones(self.model.n_phases) if phase_factor is None else phase_factor
        return (per_region[:, None] * factor[None, :]).ravel()

    def best(
        self, costs: FloatArray, *, extra: Sequence[ExtraRow] = (), upper: FloatArray | None = None
    ) -> FloatArray | None:
        """The optimal x (0/1 per variable), or ``None`` when infeasible."""
        if self.flow:
            try:
                return run(self.model, costs, integral=False, extra=extra, upper=upper)
            except NotIntegral:
                self.flow = False
        return run(self.model, costs, integral=True, extra=extra, upper=upper)
