"""Which quotas bind in a plan, and what that means for a region: reserved seats, full caps, the cut-off."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from kotacerdas.engine.selection.highs import FloatArray
from kotacerdas.engine.selection.model import Model
from kotacerdas.engine.selection.problem import SelectionProblem

TOL = 1e-9


def binding_rows(model: Model, x: FloatArray) -> tuple[sp.csc_array, FloatArray, list[int], list[int]]:
    """The constraint matrix (by column), row counts, and the rows at their max / at a positive min."""
    a, lb, ub = model.matrices()
    counts = a @ x
    at_max = [r for r in range(len(lb)) if model.rows[r].group >= 2 and counts[r] >= ub[r] - 0.5]
    at_min = [
        r for r in range(len(lb)) if model.rows[r].group >= 2 and lb[r] > 0 and counts[r] <= lb[r] + 0.5
    ]
    return a.tocsc(), counts, at_max, at_min


def merit_cutoff(model: Model, x: FloatArray, weights: FloatArray) -> float | None:
    """The lowest weight among regions selected in open competition.

    A selected region counted by a minimum quota at its bound sits in a *reserved* seat (e.g. "min 2 per
    island group"): only regions of the same group could take it, and it can score far below everyone
    else, so it does not set the cut-off. (A region of that group may therefore need less than the cut-off;
    its threshold says so.) Falls back to the lowest selected weight when every seat is reserved.
    """
    plan = x.reshape(len(weights), -1).sum(axis=1) > 0.5
    if not plan.any():
        return None
    a, _, _, at_min = binding_rows(model, x)
    held = np.zeros(len(weights), dtype=bool)
    csr = a.tocsr()
    for r in at_min:
        held[csr.indices[csr.indptr[r] : csr.indptr[r + 1]] // model.n_phases] = True
    merit = plan & ~held
    return float(weights[merit].min()) if merit.any() else float(weights[plan].min())


def plain(value: object) -> object:
    """A value as plain JSON data (NumPy scalars become Python ones)."""
    return value.item() if isinstance(value, np.generic) else value


def quota_data(model: Model, group: int) -> dict[str, object]:
    """A quota group as data: its English label, the configured quota's fields, an equity floor."""
    data: dict[str, object] = {"label": model.group_labels[group]}
    quota = model.group_quota[group]
    if quota is not None:
        data.update(
            by=quota.by,
            value=plain(quota.value),
            min=quota.min,
            max=quota.max,
            min_share=quota.min_share,
            max_share=quota.max_share,
            over=quota.over,
        )
    if group in model.floors:
        data["floor"] = model.floors[group]
    return data


def row_data(problem: SelectionProblem, model: Model, r: int, counts: FloatArray) -> dict[str, object]:
    """One quota row as data: the quota, the value and phase it counts, and its use (as :func:`row_words`)."""
    info = model.rows[r]
    full = counts[r] >= info.ub - 0.5
    return {
        "quota": quota_data(model, info.group),
        "value": plain(info.value),
        "phase": problem.phases[info.phase].name
        if info.phase is not None and len(problem.phases) > 1
        else None,
        "count": int(counts[r]),
        "max" if full else "min": int(info.ub) if full else int(info.lb),
    }


def full_data(
    problem: SelectionProblem, model: Model, rows: list[int], counts: FloatArray
) -> dict[str, object]:
    """A full quota as data (as :func:`full_words`): the single row, or the group full in every phase."""
    info = model.rows[rows[0]]
    if info.phase is None or model.n_phases == 1:
        return row_data(problem, model, rows[0], counts)
    return {"quota": quota_data(model, info.group), "value": plain(info.value), "every_phase": True}


def row_words(problem: SelectionProblem, model: Model, r: int, counts: FloatArray) -> str:
    """One quota row in words with its use, e.g. ``max 4 per province in each phase (Jawa Barat, phase 2027: 4 of 4)``."""
    info = model.rows[r]
    where = [str(info.value)] if info.value is not None else []
    if info.phase is not None and len(problem.phases) > 1:
        where.append(f"phase {problem.phases[info.phase].name}")
    used = (
        f"{int(counts[r])} of {int(info.ub)}"
        if counts[r] >= info.ub - 0.5
        else f"{int(counts[r])}, min {int(info.lb)}"
    )
    return f"{model.group_labels[info.group]} ({', '.join([*where, used])})"


def typical_threshold(entry: dict[int, float | None]) -> float | None:
    """The cut-off when thresholds are known: the entry weight most regions left out face (ties: lowest)."""
    values = [round(v, 9) for v in entry.values() if v is not None]
    if not values:
        return None
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda v: (-counts[v], v))


def rows_of(a: sp.csc_array, k: int, n_phases: int) -> set[int]:
    rows: set[int] = set()
    for v in range(k * n_phases, (k + 1) * n_phases):
        rows.update(a.indices[a.indptr[v] : a.indptr[v + 1]].tolist())
    return rows


def crowding(model: Model, full_rows: list[int], rows_k: set[int]) -> list[int]:
    """The full rows of the first quota that leaves the region no phase to go to (else none).

    A per-phase maximum only keeps a region out if its group is full in every phase where the quota can
    bind (a phase smaller than the cap has no row: its size is the limit); an ``over: all`` maximum does so
    on its own.
    """
    by_group: dict[int, list[int]] = {}
    for r in full_rows:
        by_group.setdefault(model.rows[r].group, []).append(r)
    for group, rows in by_group.items():
        phases = {model.rows[r].phase for r in rows}
        open_rows = [r for r in rows_k if model.rows[r].group == group and r not in rows]
        if None in phases or not open_rows:
            return rows
    return []


def full_words(problem: SelectionProblem, model: Model, rows: list[int], counts: FloatArray) -> str:
    """A full quota in words: the single row, or the group and "full in every phase"."""
    info = model.rows[rows[0]]
    if info.phase is None or model.n_phases == 1:
        return row_words(problem, model, rows[0], counts)
    return f"{model.group_labels[info.group]} ({info.value}: full in every phase)"


class OpenSeats:
    """Selected regions not counted by a minimum quota at its bound, lowest weight first.

    Used to decide whether a cap crowds a region out: would it beat a region in an open seat outside its
    own (full) group?
    """

    def __init__(
        self, model: Model, weights: FloatArray, phase_of: dict[int, int], a: sp.csc_array, at_min: list[int]
    ) -> None:
        csr = a.tocsr()
        held: set[int] = set()
        for r in at_min:
            held.update((csr.indices[csr.indptr[r] : csr.indptr[r + 1]] // model.n_phases).tolist())
        self.order = sorted((k for k in phase_of if k not in held), key=lambda k: (float(weights[k]), k))
        self.weights = weights
        self.a = a
        self.n_phases = model.n_phases
        self.rows: dict[int, set[int]] = {}

    def weakest_outside(self, full_rows: list[int]) -> float | None:
        """The lowest weight among open seats whose region is not counted by any of ``full_rows``."""
        full = set(full_rows)
        for k in self.order:
            if k not in self.rows:
                self.rows[k] = rows_of(self.a, k, self.n_phases)
            if not self.rows[k] & full:
                return float(self.weights[k])
        return None
