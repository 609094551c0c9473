"""The assignment model as a HiGHS LP/MILP over a growing set of submission–assessor arcs.

A column ``x_ij`` (0 ≤ x ≤ 1) is one arc. Rows: one equality per submission (it gets its demand),
one range per assessor (its load between min and max) and, in fair mode, one row per submission
``Σ_j a_ij x_ij − t ≥ 0`` (with a free column ``t``) or ``Σ_j a_ij x_ij ≥ floor``. Without the
fairness rows the matrix is the incidence matrix of a bipartite graph, which is totally unimodular,
so a basic optimal solution of the LP is integral.

Column generation keeps the model small: only candidate arcs are columns; after each LP solve the
reduced cost of *every* other allowed arc is computed from the row duals in chunks, and arcs that
could improve the objective are added. When no arc prices out, the LP optimum over the candidates
is the LP optimum over all arcs (LP duality), so nothing was lost by leaving arcs out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import highspy
import numpy as np
from numpy.typing import NDArray

FairMode = Literal["none", "maximin", "floor"]

_CHUNK_ROWS = 1024


def _new_highs() -> Any:
    """A HiGHS instance from the raw binding: ``highspy.Highs()`` prints a banner on stdout."""
    return highspy._Highs()  # type: ignore[attr-defined]


@dataclass
class ArcModel:
    """A live HiGHS model over candidate arcs, with the data to price every other arc."""

    affinity: NDArray[np.float64]
    allowed: NDArray[np.bool_]
    demand: NDArray[np.int64]
    min_load: NDArray[np.int64]
    max_load: NDArray[np.int64]
    forced: NDArray[np.bool_]
    fair: FairMode = "none"
    floor: float = 0.0
    arc_i: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    arc_j: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    in_model: NDArray[np.bool_] = field(default_factory=lambda: np.zeros((0, 0), bool))
    highs: Any = field(default_factory=lambda: _new_highs())
    pricing_rounds: int = 0
    use_artificial: bool = True
    integer: bool = False
    lp_duals: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))
    lp_objective: float = 0.0

    @property
    def n(self) -> int:
        """Number of submissions."""
        return int(self.affinity.shape[0])

    @property
    def m(self) -> int:
        """Number of assessors."""
        return int(self.affinity.shape[1])

    @property
    def tolerance(self) -> float:
        """Reduced-cost tolerance, relative to the size of the affinities."""
        scale = float(np.abs(self.affinity).max()) if self.affinity.size else 1.0
        return 1e-9 * max(1.0, scale)

    def build(self, arc_i: NDArray[np.int64], arc_j: NDArray[np.int64], time_limit: float) -> None:
        """Load rows and the first candidate arcs into HiGHS."""
        n, m = self.n, self.m
        h = self.highs
        h.setOptionValue("output_flag", False)
        h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("mip_rel_gap", 1e-6)
        h.setOptionValue("mip_abs_gap", 1e-6)
        self.in_model = np.zeros((n, m), dtype=bool)
        lp = highspy.HighsLp()
        fair_rows = n if self.fair != "none" else 0
        lp.num_row_ = n + m + fair_rows
        row_lower = np.concatenate([self.demand, self.min_load]).astype(np.float64)
        row_upper = np.concatenate([self.demand, self.max_load]).astype(np.float64)
        if fair_rows:
            low = 0.0 if self.fair == "maximin" else self.floor
            row_lower = np.concatenate([row_lower, np.full(n, low)])
            row_upper = np.concatenate([row_upper, np.full(n, highspy.kHighsInf)])
        lp.row_lower_ = row_lower
        lp.row_upper_ = row_upper
        if self.fair == "maximin":
            # the free column t, maximised (HiGHS minimises −t); one −1 in every fairness row
            lp.num_col_ = 1
            lp.col_cost_ = np.array([-1.0])
            lp.col_lower_ = np.array([-highspy.kHighsInf])
            lp.col_upper_ = np.array([highspy.kHighsInf])
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_ = np.array([0, n], dtype=np.int32)
            lp.a_matrix_.index_ = np.arange(n + m, n + m + n, dtype=np.int32)
            lp.a_matrix_.value_ = np.full(n, -1.0)
        else:
            lp.num_col_ = 0
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_ = np.array([0], dtype=np.int32)
        h.passModel(lp)
        # artificial columns: a shortfall per submission row and a filler per assessor row (towards
        # its min load), priced above any gain from rerouting (an augmenting path has at most n + m
        # arcs). They are 0 whenever the full problem is feasible, yet keep a thin candidate set
        # feasible while column generation runs; one left after pricing every arc means infeasible.
        penalty = (n + m + 2) * max(1.0, float(np.abs(self.affinity).max()))
        h.addCols(
            n + m,
            np.full(n + m, penalty),
            np.zeros(n + m),
            np.full(n + m, highspy.kHighsInf if self.use_artificial else 0.0),
            n + m,
            np.arange(n + m, dtype=np.int32),
            np.arange(n + m, dtype=np.int32),
            np.ones(n + m),
        )
        self.add_arcs(arc_i, arc_j)

    @property
    def first_artificial_column(self) -> int:
        """Index of the first artificial column (after ``t`` in maximin mode)."""
        return 1 if self.fair == "maximin" else 0

    @property
    def first_arc_column(self) -> int:
        """Index of the first arc column (after ``t`` and the n + m artificial columns)."""
        return self.first_artificial_column + self.n + self.m

    def artificial(self) -> float:
        """Total of the artificial columns (0 means every submission and min load is met by arcs)."""
        values = self.column_values()
        first = self.first_artificial_column
        return float(values[first : first + self.n + self.m].sum())

    def add_arcs(self, arc_i: NDArray[np.int64], arc_j: NDArray[np.int64]) -> None:
        """Add arcs not yet in the model as columns (forced arcs get lower bound 1)."""
        flat = np.unique(arc_i * self.m + arc_j)
        arc_i, arc_j = flat // self.m, flat % self.m
        new = ~self.in_model[arc_i, arc_j]
        arc_i, arc_j = arc_i[new], arc_j[new]
        if arc_i.size == 0:
            return
        self.in_model[arc_i, arc_j] = True
        a = self.affinity[arc_i, arc_j]
        n, m = self.n, self.m
        per = 3 if self.fair != "none" else 2
        index = np.empty((arc_i.size, per), dtype=np.int32)
        index[:, 0] = arc_i
        index[:, 1] = n + arc_j
        value = np.ones((arc_i.size, per))
        if per == 3:
            index[:, 2] = n + m + arc_i
            value[:, 2] = a
        cost = np.zeros(arc_i.size) if self.fair == "maximin" else -a
        lower = self.forced[arc_i, arc_j].astype(np.float64)
        starts = np.arange(arc_i.size, dtype=np.int32) * per
        self.highs.addCols(
            int(arc_i.size),
            cost,
            lower,
            np.ones(arc_i.size),
            int(index.size),
            starts,
            index.ravel(),
            value.ravel(),
        )
        first_new = self.first_arc_column + self.arc_i.size
        self.arc_i = np.concatenate([self.arc_i, arc_i])
        self.arc_j = np.concatenate([self.arc_j, arc_j])
        if self.integer:
            self._set_integer(first_new, int(arc_i.size))

    def run(self) -> highspy.HighsModelStatus:
        """Solve the current model and return HiGHS's model status."""
        self.highs.run()
        status: highspy.HighsModelStatus = self.highs.getModelStatus()
        return status

    def scan(
        self, duals: NDArray[np.float64], threshold: float, per_row: int
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Allowed arcs outside the model whose reduced cost is below ``−threshold``.

        With the duals ``y`` (submission rows), ``w`` (assessor rows) and ``f`` (fairness rows) the
        reduced cost of arc (i, j) in HiGHS's minimisation form is ``−(a_ij (γ + f_i) + y_i + w_j)``,
        where γ is the arc's weight in the objective (0 in the max–min stage). At most ``per_row`` arcs
        per submission are returned, the most negative first.
        """
        n, m = self.n, self.m
        y, w = duals[:n], duals[n : n + m]
        f = duals[n + m :] if self.fair != "none" else np.zeros(n)
        gamma = 0.0 if self.fair == "maximin" else 1.0
        found_i: list[NDArray[np.int64]] = []
        found_j: list[NDArray[np.int64]] = []
        per_row = min(per_row, m)
        for lo in range(0, n, _CHUNK_ROWS):
            hi = min(n, lo + _CHUNK_ROWS)
            gain = self.affinity[lo:hi] * (gamma + f[lo:hi, None]) + y[lo:hi, None] + w[None, :]
            gain[~self.allowed[lo:hi] | self.in_model[lo:hi]] = -np.inf
            passing_all = gain > threshold
            if per_row < m and int(passing_all.sum(axis=1).max()) > per_row:
                # the per_row best arcs of each row, then those that pass the threshold
                top = np.argpartition(-gain, per_row - 1, axis=1)[:, :per_row]
                passing = np.take_along_axis(gain, top, axis=1) > threshold
                rows = np.nonzero(passing)[0]
                cols = top[passing]
            else:
                rows, cols = np.nonzero(passing_all)
            if rows.size == 0:
                continue
            found_i.append(rows.astype(np.int64) + lo)
            found_j.append(cols.astype(np.int64))
        if not found_i:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(found_i), np.concatenate(found_j)

    def solve_lp(self, per_row: int, max_rounds: int = 200) -> highspy.HighsModelStatus:
        """Column generation to the LP optimum over all allowed arcs; keeps its duals and value."""
        status = self.run()
        while status == highspy.HighsModelStatus.kOptimal and self.pricing_rounds < max_rounds:
            duals = np.asarray(self.highs.getSolution().row_dual, dtype=np.float64)
            add_i, add_j = self.scan(duals, self.tolerance, per_row)
            if add_i.size == 0:
                self.lp_duals = duals
                self.lp_objective = float(self.highs.getInfo().objective_function_value)
                return status
            self.pricing_rounds += 1
            self.add_arcs(add_i, add_j)
            status = self.run()
        return status

    def _set_integer(self, first: int, count: int) -> None:
        cols = np.arange(first, first + count, dtype=np.int32)
        kinds = np.full(count, highspy.HighsVarType.kInteger, dtype=np.uint8)
        self.highs.changeColsIntegrality(int(count), cols, kinds)

    def make_integer(self) -> None:
        """Declare the arc columns binary (for the fairness stages, where integrality is not automatic)."""
        self.integer = True
        first, count = self.first_artificial_column, self.n + self.m
        cols = np.arange(first, first + count, dtype=np.int32)
        self.highs.changeColsBounds(count, cols, np.zeros(count), np.zeros(count))
        self._set_integer(self.first_arc_column, int(self.arc_i.size))

    def selected(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The arcs with value 1 in the current solution."""
        values = np.asarray(self.highs.getSolution().col_value, dtype=np.float64)
        chosen = values[self.first_arc_column :] > 0.5
        return self.arc_i[chosen], self.arc_j[chosen]

    def column_values(self) -> NDArray[np.float64]:
        """Values of all columns of the current solution."""
        return np.asarray(self.highs.getSolution().col_value, dtype=np.float64)
