"""The selection problem as linear constraints over binary x[i, p] = "eligible region i joins phase p".

Rows are kept in named *groups* (phase sizes, one-phase-per-region, one group per configured quota) so
that infeasibility can be diagnosed and explained group by group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from kotacerdas.engine.selection.problem import Quota, SelectionProblem, Value

IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class RowInfo:
    """One constraint row: its group, the attribute value and phase it counts, and its bounds."""

    group: int
    value: Value | None
    phase: int | None
    lb: float
    ub: float


@dataclass
class Model:
    """Sparse rows lb ≤ A x ≤ ub over variables ``var = k * n_phases + p`` for eligible index ``k``."""

    eligible: list[int]
    n_phases: int
    group_labels: list[str]
    group_quota: list[Quota | None]
    rows: list[RowInfo] = field(default_factory=list)
    members: list[IntArray] = field(default_factory=list)
    floors: dict[int, float] = field(default_factory=dict)  # group → equity floor (share of eligible regions)

    @property
    def n_vars(self) -> int:
        """Number of binary variables."""
        return len(self.eligible) * self.n_phases

    def add_row(self, info: RowInfo, variables: IntArray) -> None:
        """Append a row counting ``variables``."""
        self.rows.append(info)
        self.members.append(variables)

    def matrices(
        self, groups: set[int] | None = None
    ) -> tuple[sp.csr_array, NDArray[np.float64], NDArray[np.float64]]:
        """A, lb, ub restricted to rows of ``groups`` (all rows when ``None``)."""
        keep = [r for r, info in enumerate(self.rows) if groups is None or info.group in groups]
        indptr = np.zeros(len(keep) + 1, dtype=np.int64)
        for j, r in enumerate(keep):
            indptr[j + 1] = indptr[j] + len(self.members[r])
        indices = np.concatenate([self.members[r] for r in keep]) if keep else np.zeros(0, dtype=np.int64)
        data = np.ones(len(indices))
        a = sp.csr_array((data, indices, indptr), shape=(len(keep), self.n_vars))
        lb = np.array([self.rows[r].lb for r in keep], dtype=np.float64)
        ub = np.array([self.rows[r].ub for r in keep], dtype=np.float64)
        return a, lb, ub


PHASE_GROUP = 0
ONCE_GROUP = 1


def quota_bounds(quota: Quota, slots: int) -> tuple[int, int]:
    """Integer count bounds of a quota in a scope of ``slots`` seats (shares rounded inward)."""
    lo = quota.min or 0
    hi = quota.max if quota.max is not None else slots
    if quota.min_share is not None:
        lo = max(lo, math.ceil(quota.min_share * slots - 1e-9))
    if quota.max_share is not None:
        hi = min(hi, math.floor(quota.max_share * slots + 1e-9))
    return lo, hi


def group_values(problem: SelectionProblem, column: str) -> tuple[list[Value], IntArray]:
    """Distinct values of ``column`` over all candidates (sorted as text) and each candidate's value index."""
    values = problem.candidates.column(column)
    distinct = sorted(set(values), key=str)
    index = {v: j for j, v in enumerate(distinct)}
    return distinct, np.array([index[v] for v in values], dtype=np.int64)


def build_model(problem: SelectionProblem, eligible: list[int], extra: tuple[Quota, ...] = ()) -> Model:
    """Rows for phase sizes, one phase per region and every quota (``extra`` are derived quotas)."""
    n_phases = len(problem.phases)
    quotas = (*problem.quotas, *extra)
    model = Model(
        eligible=eligible,
        n_phases=n_phases,
        group_labels=["phase sizes", "each region at most once", *(q.describe() for q in quotas)],
        group_quota=[None, None, *quotas],
    )
    k = np.arange(len(eligible), dtype=np.int64)
    for p, phase in enumerate(problem.phases):
        model.add_row(RowInfo(PHASE_GROUP, None, p, phase.size, phase.size), k * n_phases + p)
    if n_phases > 1:
        for kk in k:
            model.add_row(RowInfo(ONCE_GROUP, None, None, 0, 1), kk * n_phases + np.arange(n_phases))
    elig = np.asarray(eligible, dtype=np.int64)
    for q_index, quota in enumerate(quotas):
        group = 2 + q_index
        distinct, codes = group_values(problem, quota.by)
        wanted = range(len(distinct)) if quota.value is None else [_value_index(distinct, quota.value)]
        labels = codes[elig] if len(elig) else np.zeros(0, dtype=np.int64)
        order = np.argsort(labels, kind="stable")
        starts = np.searchsorted(labels[order], np.arange(len(distinct) + 1))
        for j in wanted:
            members = k[order[starts[j] : starts[j + 1]]] if j >= 0 else k[:0]
            scopes: list[int | None] = list(range(n_phases)) if quota.over == "phase" else [None]
            for scope in scopes:
                slots = problem.slots if scope is None else problem.phases[scope].size
                lo, hi = quota_bounds(quota, slots)
                if scope is None:
                    variables = (members[:, None] * n_phases + np.arange(n_phases)).ravel()
                else:
                    variables = members * n_phases + scope
                if lo <= 0 and hi >= min(len(members), slots):
                    continue  # never binding
                model.add_row(
                    RowInfo(group, distinct[j] if j >= 0 else quota.value, scope, lo, hi), variables
                )
    return model


def _value_index(distinct: list[Value], value: Value) -> int:
    for j, v in enumerate(distinct):
        if v == value or str(v) == str(value):
            return j
    return -1
