"""The best plan that contains a given region — the basis of "what it would take" — cheaply but exactly.

For a region r left out, the answer is the optimum of the model with r forced in. Most of the time that
optimum is a single swap: r takes the place of the cheapest selected region whose removal keeps every
quota satisfied; or, failing that, a rearrangement of the selected regions plus r (which may move regions
between phases). Either is a feasible plan, so a lower bound. One LP relaxation of the whole model gives
every region's upper bound at once: its duals price each region's entry (a Lagrangian bound, valid by
weak duality for any multipliers). When the bounds meet — within 10⁻² of the 10⁶-scaled objective, i.e. 10⁻⁸ of the score
range — the swap is optimal and no MILP is needed. Otherwise the forced MILP is solved.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from kotacerdas.engine.selection.highs import FloatArray, Solver

CERTIFY_TOL = 1e-2


class ForcedIn:
    """Answers "best plan containing region k" for one solved plan ``x`` and objective ``weights``."""

    def __init__(self, solver: Solver, x: FloatArray, weights: FloatArray) -> None:
        self.solver = solver
        self.model = solver.model
        self.costs = solver.costs(weights)
        a, self.lb, self.ub = self.model.matrices()
        self.csc = a.tocsc()
        self.x = x
        self.counts = a @ x
        chosen = np.flatnonzero(x > 0.5)
        self.chosen = chosen[np.argsort(self.costs[chosen], kind="stable")]
        self.upper = self._lagrangian_bounds(a)

    def _lagrangian_bounds(self, a: sp.csr_array) -> FloatArray | None:
        """Per region, an upper bound on the best cost of a plan containing it (``None`` if the LP fails).

        With LP multipliers μ (≤ 0 on ≤ rows) the reduced costs are d = c + Aᵀμ, and for every feasible x
        cᵀx ≤ dᵀx − μᵀb (weak duality, valid for any such μ, however accurate the LP). Forcing region k in
        (Σ_p x[k, p] = 1) bounds dᵀx by Σ_{j ∉ k} max(0, d_j) + max_p d[k, p].
        """
        n_regions, n_phases = len(self.model.eligible), self.model.n_phases
        eq = self.lb == self.ub
        has_ub = ~eq & np.isfinite(self.ub)
        has_lb = ~eq & (self.lb > 0)
        a_ub = sp.vstack([a[has_ub], -a[has_lb]], format="csr")
        b_ub = np.concatenate([self.ub[has_ub], -self.lb[has_lb]])
        a_eq, b_eq = a[eq], self.lb[eq]
        res = linprog(
            -self.costs,
            A_ub=a_ub if a_ub.shape[0] else None,
            b_ub=b_ub if a_ub.shape[0] else None,
            A_eq=a_eq if eq.any() else None,
            b_eq=b_eq if eq.any() else None,
            bounds=(0, 1),
            method="highs",
        )
        if res.status != 0:
            return None
        mu_ub = (
            np.minimum(np.asarray(res.ineqlin.marginals, dtype=np.float64), 0.0)
            if a_ub.shape[0]
            else np.zeros(0)
        )
        mu_eq = np.asarray(res.eqlin.marginals, dtype=np.float64) if eq.any() else np.zeros(0)
        d = self.costs + (a_ub.T @ mu_ub if a_ub.shape[0] else 0.0) + (a_eq.T @ mu_eq if eq.any() else 0.0)
        base = float(np.maximum(d, 0.0).sum() - mu_ub @ b_ub - mu_eq @ b_eq)
        per_region = d.reshape(n_regions, n_phases)
        return np.asarray(
            base - np.maximum(per_region, 0.0).sum(axis=1) + per_region.max(axis=1), dtype=np.float64
        )

    def _rows(self, var: int) -> list[int]:
        return [int(r) for r in self.csc.indices[self.csc.indptr[var] : self.csc.indptr[var + 1]]]

    def best_swap(self, k: int) -> FloatArray | None:
        """The best plan that swaps region k in for one selected region in its phase, if any is feasible."""
        n_phases = self.model.n_phases
        for var_out in self.chosen:
            var_in = k * n_phases + int(var_out) % n_phases
            delta: dict[int, float] = {}
            for r in self._rows(var_in):
                delta[r] = delta.get(r, 0.0) + 1.0
            for r in self._rows(int(var_out)):
                delta[r] = delta.get(r, 0.0) - 1.0
            if all(self.lb[r] - 0.5 <= self.counts[r] + d <= self.ub[r] + 0.5 for r, d in delta.items()):
                plan = self.x.copy()
                plan[var_out] = 0.0
                plan[var_in] = 1.0
                return plan
        return None

    def _certified(self, k: int, plan: FloatArray | None) -> bool:
        if plan is None or self.upper is None:
            return False
        return bool(self.upper[k] <= float(self.costs @ plan) + CERTIFY_TOL)

    def plan(self, k: int) -> FloatArray | None:
        """The optimal plan containing region k, or ``None`` when no feasible plan contains it.

        Tries, in order: the best single swap; the best plan among the selected regions plus k (a small
        MILP that may also move regions between phases); the full forced MILP. The first two are used only
        when the Lagrangian bound certifies them optimal.
        """
        n_phases = self.model.n_phases
        swap = self.best_swap(k)
        if self._certified(k, swap):
            return swap
        forced = [(np.arange(k * n_phases, (k + 1) * n_phases, dtype=np.int64), 1.0, 1.0)]
        allowed = self.x.reshape(-1, n_phases).sum(axis=1) > 0.5
        allowed[k] = True
        local = self.solver.best(
            self.costs, extra=forced, upper=np.repeat(allowed.astype(np.float64), n_phases)
        )
        if self._certified(k, local):
            return local
        return self.solver.best(self.costs, extra=forced)
