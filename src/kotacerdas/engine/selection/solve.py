"""The one validating entry point: :func:`select` solves a :class:`SelectionProblem` and explains it.

Stages: screen eligibility → (max–min objective: equity stage) → choose the set maximising the objective
(flow LP when the quotas are nested, else MILP; both exact) → order the set into phases, readiest first
→ explain every region → stability over samples when given.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal, NoReturn

import numpy as np

from kotacerdas import __version__
from kotacerdas.engine.selection.binding import merit_cutoff
from kotacerdas.engine.selection.diagnose import infeasible_reasons
from kotacerdas.engine.selection.eligibility import screen
from kotacerdas.engine.selection.explain import Outcome, decide
from kotacerdas.engine.selection.flow import is_network
from kotacerdas.engine.selection.highs import SOLVER, FloatArray, Solver
from kotacerdas.engine.selection.model import Model, build_model
from kotacerdas.engine.selection.objectives import equity_floor, objective_weights
from kotacerdas.engine.selection.problem import SelectionProblem
from kotacerdas.engine.selection.result import Decision, SelectionResult
from kotacerdas.engine.selection.stability import selection_probability
from kotacerdas.engine.selection.validation import validate_problem
from kotacerdas.errors import ConfigError, InfeasibleError

Method = Literal["auto", "milp", "flow"]
NOUNS = {
    "max_score": "score",
    "maxmin_island_group": "score",
    "expected_score": "expected score",
    "max_probability": "top-probability",
}


def select(
    problem: SelectionProblem,
    *,
    method: Method = "auto",
    thresholds: bool = True,
    marginal: tuple[float, float] = (0.1, 0.9),
    progress: Callable[[str, int, int], None] | None = None,
) -> SelectionResult:
    """Choose each phase's cohort under the problem's rules and quotas, and explain every decision.

    ``method="auto"`` uses the exact flow LP when the quotas are nested and the MILP otherwise; ``"flow"``
    insists on the flow path and raises :class:`ConfigError` when the quotas are not nested.
    ``thresholds`` computes "what it would take" for every eligible region left out (exact: a certified
    single swap, else a forced re-solve). With ``problem.samples``, each region's probability of selection
    is reported and regions with a probability inside ``marginal`` are flagged. ``progress(stage, done,
    total)`` is called during the long stages (``"explain"``, ``"stability"``). Raises
    :class:`InfeasibleError` naming the conflicting constraints when no selection satisfies them.
    """
    start = time.perf_counter()
    validate_problem(problem)
    eligible, excluded, failed = screen(problem)
    model = build_model(problem, eligible)
    floor: float | None = None
    derived_columns: tuple[str, ...] = ()
    if problem.objective == "maxmin_island_group":
        stage = equity_floor(problem, model)
        if stage is None:
            _raise_infeasible(problem, model)
        floor, floors = stage
        model = build_model(problem, eligible, floors)
        for g in range(len(model.group_labels) - len(floors), len(model.group_labels)):
            model.group_labels[g] = (
                f"equity floor ({floor:.4g} of each {problem.equity_column}'s eligible regions)"
            )
            model.floors[g] = floor
        derived_columns = (problem.equity_column,)
    network = is_network(problem, eligible, derived_columns)
    if method == "flow" and not network:
        raise ConfigError(
            "the quotas are not nested, so the flow path does not apply",
            hint="use method='milp'",
            code="flow_not_nested",
        )
    codes = [problem.candidates.codes[i] for i in eligible]
    solver = Solver(model, codes, flow=network and method != "milp")
    weights = objective_weights(problem, eligible)
    x = solver.best(solver.costs(weights))
    if x is None:
        _raise_infeasible(problem, model)
    chosen = x.reshape(len(eligible), -1).sum(axis=1) > 0.5
    phase_of = _order_phases(solver, weights, chosen)
    value = float(weights[chosen].sum())
    plan = _plan_vector(phase_of, model)
    cutoff = merit_cutoff(model, plan, weights)
    outcome = Outcome(plan, weights, phase_of, value, cutoff, NOUNS[problem.objective])
    decisions = decide(problem, solver, outcome, excluded, failed, thresholds=thresholds, progress=progress)
    if problem.samples is not None:
        decisions = _with_stability(problem, solver, eligible, decisions, marginal, progress)
    return SelectionResult(
        decisions=tuple(decisions),
        objective=problem.objective,
        objective_value=value,
        cutoff=outcome.cutoff,  # refined by decide() when thresholds are computed
        method="flow" if solver.flow else "milp",
        solver=SOLVER,
        seconds=time.perf_counter() - start,
        binding_quotas=_binding(model, outcome.x),
        equity_floor=floor,
        version=__version__,
        parameters={
            "method": method,
            "thresholds": thresholds,
            "marginal": marginal,
            "tie_break": "lower code wins ties (weights within slots×1e-6 of their range)",
        },
    )


def _raise_infeasible(problem: SelectionProblem, model: Model) -> NoReturn:
    reasons = infeasible_reasons(problem, model)
    why = tuple(str(r["message"]) for r in reasons)
    raise InfeasibleError(
        "no selection satisfies all rules and quotas: " + "; ".join(why),
        conflicts=why,
        hint="relax one of the conflicting constraints",
        code="selection_infeasible",
        params={"reasons": reasons},
    )


def _order_phases(solver: Solver, weights: FloatArray, chosen: np.ndarray) -> dict[int, int]:
    """Assign the chosen regions to phases, readiest first, respecting per-phase quotas."""
    n_phases = solver.model.n_phases
    if n_phases == 1:
        return {int(k): 0 for k in np.flatnonzero(chosen)}
    upper = np.repeat(chosen.astype(np.float64), n_phases)
    factor = np.arange(n_phases, 0, -1, dtype=np.float64)
    x = solver.best(solver.costs(weights, factor), upper=upper)
    if x is None:  # cannot happen: the chosen set came from a feasible plan
        raise InfeasibleError("the chosen regions cannot be ordered into phases", code="phases_unorderable")
    plan = x.reshape(-1, n_phases)
    return {int(k): int(np.argmax(plan[k])) for k in np.flatnonzero(plan.sum(axis=1) > 0.5)}


def _plan_vector(phase_of: dict[int, int], model: Model) -> FloatArray:
    x = np.zeros(model.n_vars)
    for k, p in phase_of.items():
        x[k * model.n_phases + p] = 1.0
    return x


def _binding(model: Model, x: FloatArray) -> tuple[str, ...]:
    a, lb, ub = model.matrices()
    counts = a @ x
    hits = [
        model.group_labels[info.group]
        for r, info in enumerate(model.rows)
        if info.group >= 2 and (counts[r] >= ub[r] - 0.5 or (lb[r] > 0 and counts[r] <= lb[r] + 0.5))
    ]
    return tuple(dict.fromkeys(hits))


def _with_stability(
    problem: SelectionProblem,
    solver: Solver,
    eligible: list[int],
    decisions: list[Decision],
    marginal: tuple[float, float],
    progress: Callable[[str, int, int], None] | None,
) -> list[Decision]:
    assert problem.samples is not None
    draws = problem.samples[:, np.asarray(eligible, dtype=np.int64)]
    prob = selection_probability(
        solver,
        draws,
        progress=None if progress is None else (lambda done, total: progress("stability", done, total)),
    )
    p_of = {i: float(prob[k]) for k, i in enumerate(eligible)}
    lo, hi = marginal
    out = []
    for i, d in enumerate(decisions):
        p = p_of.get(i)
        if p is None:
            out.append(d)
            continue
        flag = lo < p < hi
        reason = d.reason + (f"; marginal: selected in {p:.0%} of samples" if flag else "")
        out.append(
            Decision(
                d.code,
                d.selected,
                d.phase,
                d.status,
                reason,
                d.score,
                d.threshold,
                d.binding,
                d.shortfall,
                p,
                flag,
                d.why,
            )
        )
    return out
