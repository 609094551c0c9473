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

from kotacerdas.engine.selection.binding import (
    TOL,
    OpenSeats,
    binding_rows,
    crowding,
    full_data,
    full_words,
    quota_data,
    row_data,
    row_words,
    rows_of,
    typical_threshold,
)
from kotacerdas.engine.selection.diagnose import infeasible_reasons
from kotacerdas.engine.selection.eligibility import Failure
from kotacerdas.engine.selection.highs import FloatArray, Solver
from kotacerdas.engine.selection.model import ONCE_GROUP, PHASE_GROUP
from kotacerdas.engine.selection.problem import SelectionProblem
from kotacerdas.engine.selection.result import Decision, Reason
from kotacerdas.engine.selection.threshold import ForcedIn


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
    seats = OpenSeats(model, outcome.weights, outcome.phase_of, a, at_min)
    decisions: list[Decision] = []
    for i, code in enumerate(cands.codes):
        score = float(cands.scores[i])
        if i in excluded:
            why = Reason("excluded", {"detail": excluded[i]})
            decisions.append(
                Decision(code, False, None, "excluded", f"excluded: {excluded[i]}", score, why=why)
            )
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
                    why=Reason("ineligible", {"rule": f.rule.describe(), "detail": f.text}),
                )
            )
            continue
        k = k_of[i]
        w = float(weights[k])
        rows_k = rows_of(a, k, n_phases)
        if k in outcome.phase_of:
            phase = problem.phases[outcome.phase_of[k]].name
            text = f"selected for phase {phase}: {outcome.noun} {fmt(w)}, rank {rank[k]} of {len(weights)} eligible"
            here = outcome.phase_of[k]
            pulled = [r for r in sorted(rows_k) if r in min_set and model.rows[r].phase in (None, here)]
            params: dict[str, object] = {
                "phase": phase,
                "score": w,
                "rank": int(rank[k]),
                "eligible": len(weights),
            }
            if free_cut is not None and w < free_cut - TOL and pulled:
                text += f"; brought in by {row_words(problem, model, pulled[0], counts)}"
                params["brought_in_by"] = row_data(problem, model, pulled[0], counts)
            decisions.append(
                Decision(code, True, phase, "selected", text, score, why=Reason("selected", params))
            )
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
            reasons = infeasible_reasons(problem, model, extra=[(variables, 1.0, 1.0)])
            why = [str(r["message"]) for r in reasons]
            return Decision(
                code,
                False,
                None,
                "blocked",
                "blocked: no plan that satisfies the quotas can include it — " + "; ".join(why),
                score,
                binding="; ".join(why),
                why=Reason("blocked", {"why": why, "reasons": reasons}),
            )
    full = crowding(
        model,
        [r for r in sorted(rows_k) if r in max_set and model.rows[r].group not in (PHASE_GROUP, ONCE_GROUP)],
        rows_k,
    )
    cutoff = outcome.cutoff
    take = f"; it would enter with a {outcome.noun} above {fmt(threshold)}" if threshold is not None else ""
    beaten = seats.weakest_outside(full) if full else None
    if full and beaten is not None and w > beaten + TOL:
        words = full_words(problem, model, full, counts)
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
            why=Reason(
                "crowded_out_by_cap",
                {
                    "quota": full_data(problem, model, full, counts),
                    "score": w,
                    "beaten": beaten,
                    "threshold": threshold,
                },
            ),
        )
    if cutoff is not None and w > cutoff + TOL:
        groups = list(dict.fromkeys(model.rows[r].group for r in at_min if r not in rows_k))
        labels = list(dict.fromkeys(model.group_labels[g] for g in groups))
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
            why=Reason(
                "crowded_out_by_minimum",
                {
                    "quotas": list(
                        {q["label"]: q for q in map(lambda g: quota_data(model, g), groups)}.values()
                    ),
                    "score": w,
                    "cutoff": cutoff,
                    "threshold": threshold,
                },
            ),
        )
    gap = (cutoff - w) if cutoff is not None else None
    params: dict[str, object] = {"score": w, "gap": gap, "cutoff": cutoff, "threshold": threshold}
    tied = gap is not None and gap <= TOL
    if tied:
        text = f"below the cut-off: tied at {fmt(w)} with the last selected region; ties go to the lower code{take}"
    else:
        text = f"below the cut-off: {outcome.noun} {fmt(w)} is {fmt(gap or 0.0)} below the cut-off {fmt(cutoff or 0.0)}{take}"
    if threshold is not None and cutoff is not None and threshold < cutoff - TOL:
        text += " (less than the cut-off: it can take a seat reserved for its group by a minimum quota)"
        params["seat"] = "reserved"
    if threshold is not None and cutoff is not None and threshold > cutoff + TOL:
        because = f"{full_words(problem, model, full, counts)} is full" if full else "quotas reserve slots"
        text += f" (more than the cut-off because {because})"
        params["seat"] = "full" if full else "quotas_reserve"
        if full:
            params["full"] = full_data(problem, model, full, counts)
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
        why=Reason("below_cutoff_tie" if tied else "below_cutoff", params),
    )
