"""A reason for every region: selected, excluded, ineligible, crowded out, below the cut-off, or blocked.

"What it would take" is computed honestly from the best plan with the region forced in: if the best plan
containing region r has total weight V_r and the optimum is V*, r enters exactly when its weight rises
above w_r + (V* − V_r). :mod:`.threshold` finds that plan (a certified single swap, else a forced re-solve).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from kotacerdas.engine.selection.diagnose import explain_infeasible
from kotacerdas.engine.selection.eligibility import Failure
from kotacerdas.engine.selection.highs import FloatArray, Solver
from kotacerdas.engine.selection.model import ONCE_GROUP, PHASE_GROUP, Model
from kotacerdas.engine.selection.problem import SelectionProblem
from kotacerdas.engine.selection.result import Decision
from kotacerdas.engine.selection.threshold import ForcedIn

TOL = 1e-9


def fmt(value: float) -> str:
    """A number as people write it: up to 6 significant digits, no trailing zeros."""
    return f"{value:.6g}"


@dataclass
class Outcome:
    """The solved plan that explanations refer to; :func:`decide` sets ``cutoff`` to the typical entry
    weight once thresholds are known."""

    x: FloatArray
    weights: FloatArray
    phase_of: dict[int, int]  # eligible index k → phase
    value: float
    cutoff: float | None
    noun: str = "score"


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


def decide(
    problem: SelectionProblem,
    solver: Solver,
    outcome: Outcome,
    excluded: dict[int, str],
    failed: dict[int, Failure],
    *,
    thresholds: bool,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Decision]:
    """One :class:`Decision` per candidate, in candidate order."""
    model = solver.model
    cands = problem.candidates
    n_phases = model.n_phases
    weights = outcome.weights
    a, counts, at_max, at_min = binding_rows(model, outcome.x)
    forced_in = ForcedIn(solver, outcome.x, weights) if thresholds else None
    min_set = set(at_min)
    max_set = set(at_max)
    k_of = {i: k for k, i in enumerate(model.eligible)}
    order = np.argsort(-weights, kind="stable")
    rank = np.empty(len(weights), dtype=np.int64)
    rank[order] = np.arange(1, len(weights) + 1)
    free_cut = float(weights[order[problem.slots - 1]]) if len(weights) >= problem.slots else None
    entry = _entry_points(forced_in, outcome, progress) if forced_in is not None else None
    if entry:
        outcome.cutoff = typical_threshold(entry)
    seats = OpenSeats(model, outcome, a, at_min)
    decisions: list[Decision] = []
    for i, code in enumerate(cands.codes):
        score = float(cands.scores[i])
        if i in excluded:
            decisions.append(Decision(code, False, None, "excluded", f"excluded: {excluded[i]}", score))
            continue
        if i in failed:
            f = failed[i]
            decisions.append(
                Decision(
                    code,
                    False,
                    None,
                    "ineligible",
                    f"ineligible: {f.text}",
                    score,
                    binding=f.rule.describe(),
                    shortfall=f.shortfall,
                )
            )
            continue
        k = k_of[i]
        w = float(weights[k])
        rows_k = _rows_of(a, k, n_phases)
        if k in outcome.phase_of:
            phase = problem.phases[outcome.phase_of[k]].name
            text = f"selected for phase {phase}: {outcome.noun} {fmt(w)}, rank {rank[k]} of {len(weights)} eligible"
            here = outcome.phase_of[k]
            pulled = [r for r in sorted(rows_k) if r in min_set and model.rows[r].phase in (None, here)]
            if free_cut is not None and w < free_cut - TOL and pulled:
                text += f"; brought in by {row_words(problem, model, pulled[0], counts)}"
            decisions.append(Decision(code, True, phase, "selected", text, score))
            continue
        decisions.append(
            _left_out(
                problem,
                solver,
                outcome,
                k,
                code,
                score,
                rows_k,
                a,
                counts,
                max_set,
                at_min,
                entry=entry,
                seats=seats,
            )
        )
    return decisions


def _entry_points(
    forced_in: ForcedIn, outcome: Outcome, progress: Callable[[str, int, int], None] | None
) -> dict[int, float | None]:
    """For each eligible region left out, the weight above which it would enter (``None``: never)."""
    left_out = [k for k in range(len(outcome.weights)) if k not in outcome.phase_of]
    n_phases = forced_in.model.n_phases
    out: dict[int, float | None] = {}
    for done, k in enumerate(left_out, start=1):
        plan = forced_in.plan(k)
        if plan is None:
            out[k] = None
        else:
            value = float(np.dot(outcome.weights, plan.reshape(-1, n_phases).sum(axis=1)))
            out[k] = float(outcome.weights[k]) + (outcome.value - value)
        if progress is not None:
            progress("explain", done, len(left_out))
    return out


def typical_threshold(entry: dict[int, float | None]) -> float | None:
    """The cut-off when thresholds are known: the entry weight most regions left out face (ties: lowest)."""
    values = [round(v, 9) for v in entry.values() if v is not None]
    if not values:
        return None
    counts: dict[float, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return min(counts, key=lambda v: (-counts[v], v))


def _rows_of(a: sp.csc_array, k: int, n_phases: int) -> set[int]:
    rows: set[int] = set()
    for v in range(k * n_phases, (k + 1) * n_phases):
        rows.update(a.indices[a.indptr[v] : a.indptr[v + 1]].tolist())
    return rows


def _left_out(
    problem: SelectionProblem,
    solver: Solver,
    outcome: Outcome,
    k: int,
    code: str,
    score: float,
    rows_k: set[int],
    a: sp.csc_array,
    counts: FloatArray,
    max_set: set[int],
    at_min: list[int],
    *,
    entry: dict[int, float | None] | None,
    seats: OpenSeats,
) -> Decision:
    model = solver.model
    w = float(outcome.weights[k])
    variables = np.arange(k * model.n_phases, (k + 1) * model.n_phases, dtype=np.int64)
    threshold: float | None = None
    if entry is not None:
        threshold = entry[k]
        if threshold is None:
            why = explain_infeasible(problem, model, extra=[(variables, 1.0, 1.0)])
            return Decision(
                code,
                False,
                None,
                "blocked",
                "blocked: no plan that satisfies the quotas can include it — " + "; ".join(why),
                score,
                binding="; ".join(why),
            )
    full = _crowding(
        model,
        [r for r in sorted(rows_k) if r in max_set and model.rows[r].group not in (PHASE_GROUP, ONCE_GROUP)],
        rows_k,
    )
    cutoff = outcome.cutoff
    take = f"; it would enter with a {outcome.noun} above {fmt(threshold)}" if threshold is not None else ""
    beaten = seats.weakest_outside(full) if full else None
    if full and beaten is not None and w > beaten + TOL:
        words = _full_words(problem, model, full, counts)
        return Decision(
            code,
            False,
            None,
            "crowded_out",
            f"crowded out by {words}: {outcome.noun} {fmt(w)} beats {fmt(beaten)}, the lowest selected "
            f"in an open seat outside its group{take}",
            score,
            threshold=threshold,
            binding=model.group_labels[model.rows[full[0]].group],
        )
    if cutoff is not None and w > cutoff + TOL:
        labels = list(
            dict.fromkeys(model.group_labels[model.rows[r].group] for r in at_min if r not in rows_k)
        )
        label = "; ".join(labels) if labels else "the combined quotas"
        return Decision(
            code,
            False,
            None,
            "crowded_out",
            f"crowded out: the slots it would take are held by minimum quotas ({label}); "
            f"{outcome.noun} {fmt(w)} is above the cut-off {fmt(cutoff)}{take}",
            score,
            threshold=threshold,
            binding=label if labels else None,
        )
    gap = (cutoff - w) if cutoff is not None else None
    if gap is not None and gap <= TOL:
        text = f"below the cut-off: tied at {fmt(w)} with the last selected region; ties go to the lower code{take}"
    else:
        text = f"below the cut-off: {outcome.noun} {fmt(w)} is {fmt(gap or 0.0)} below the cut-off {fmt(cutoff or 0.0)}{take}"
    if threshold is not None and cutoff is not None and threshold < cutoff - TOL:
        text += " (less than the cut-off: it can take a seat reserved for its group by a minimum quota)"
    if threshold is not None and cutoff is not None and threshold > cutoff + TOL:
        because = f"{_full_words(problem, model, full, counts)} is full" if full else "quotas reserve slots"
        text += f" (more than the cut-off because {because})"
    return Decision(
        code,
        False,
        None,
        "below_cutoff",
        text,
        score,
        threshold=threshold,
        shortfall=gap,
        binding=model.group_labels[model.rows[full[0]].group] if full else None,
    )


def _crowding(model: Model, full_rows: list[int], rows_k: set[int]) -> list[int]:
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


def _full_words(problem: SelectionProblem, model: Model, rows: list[int], counts: FloatArray) -> str:
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

    def __init__(self, model: Model, outcome: Outcome, a: sp.csc_array, at_min: list[int]) -> None:
        csr = a.tocsr()
        held: set[int] = set()
        for r in at_min:
            held.update((csr.indices[csr.indptr[r] : csr.indptr[r + 1]] // model.n_phases).tolist())
        weights = outcome.weights
        self.order = sorted(
            (k for k in outcome.phase_of if k not in held), key=lambda k: (float(weights[k]), k)
        )
        self.weights = weights
        self.a = a
        self.n_phases = model.n_phases
        self.rows: dict[int, set[int]] = {}

    def weakest_outside(self, full_rows: list[int]) -> float | None:
        """The lowest weight among open seats whose region is not counted by any of ``full_rows``."""
        full = set(full_rows)
        for k in self.order:
            if k not in self.rows:
                self.rows[k] = _rows_of(self.a, k, self.n_phases)
            if not self.rows[k] & full:
                return float(self.weights[k])
        return None
