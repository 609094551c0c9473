"""Optimal conflict-free assessor assignment (b-matching) with HiGHS.

Each submission gets ``k`` assessors, each assessor's load stays within ``[min_load, max_load]``,
conflicting pairs are never used and forced pairs always are. Objectives:

* ``total`` — maximise the total affinity. The constraint matrix is a bipartite incidence matrix
  (totally unimodular), so the LP solved by HiGHS's simplex has an integral basic optimum: the
  answer is the proven optimum of the integer problem (Schrijver, *Combinatorial Optimization*,
  2003, ch. 21 on b-matchings).
* ``fair`` — lexicographic: first maximise the worst-off submission's total affinity, then the total
  subject to that worst case (the fairness rows break total unimodularity, so both stages are MILPs).

Large instances: only candidate arcs (each submission's best ``k + slack`` assessors and each
assessor's best submissions) are columns; column generation prices every other arc from the LP
duals and adds those with a negative reduced cost until none is left, which proves that the optimum
over the candidates is the optimum over all arcs (see :mod:`.highs_arcs`). For the fair MILPs the
certificate is the LP relaxation over all arcs: the result reports that bound and the gap to it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import highspy
import numpy as np
from numpy.typing import ArrayLike, NDArray

from kotacerdas import __version__
from kotacerdas.engine.review.highs_arcs import ArcModel, FairMode
from kotacerdas.errors import InfeasibleError, MethodError

Objective = Literal["total", "fair"]
Progress = Callable[[str], None]

_OPTIMAL = highspy.HighsModelStatus.kOptimal
#: reduced-cost fixing is attempted only if it at most multiplies the model's arcs by this factor
_RC_FIXING_MAX_FACTOR = 2
#: up to this many arcs, a shortfall left by column generation is re-checked on the full arc set
_FULL_CHECK_ARCS = 2_000_000


@dataclass(frozen=True)
class AssignmentResult:
    """An assignment with its objective values, optimality certificate and the method used."""

    submission: NDArray[np.int64]
    assessor: NDArray[np.int64]
    total_affinity: float
    submission_affinity: NDArray[np.float64]
    loads: NDArray[np.int64]
    objective: Objective
    proven_optimal: bool
    upper_bound: float
    worst_bound: float
    candidate_arcs: int
    allowed_arcs: int
    pricing_rounds: int
    seconds: float
    parameters: dict[str, Any] = field(default_factory=dict)
    method: str = "HiGHS LP/MILP with column generation over submission–assessor arcs"
    version: str = __version__
    #: expertise mode only (:func:`~kotacerdas.engine.review.expertise.assign_by_expertise`): the field
    #: index each pair fills, aligned with ``submission`` and ``assessor``; ``None`` for ``assign``
    fields: NDArray[np.int64] | None = None

    @property
    def worst_submission_affinity(self) -> float:
        """Total affinity of the worst-off submission."""
        return float(self.submission_affinity.min()) if self.submission_affinity.size else 0.0

    def summary(self) -> dict[str, Any]:
        """JSON-ready summary: totals, worst case, loads, bounds, time and method."""
        return {
            "objective": self.objective,
            "total_affinity": self.total_affinity,
            "worst_submission_affinity": self.worst_submission_affinity,
            "proven_optimal": self.proven_optimal,
            "upper_bound_total": self.upper_bound,
            "upper_bound_worst": self.worst_bound,
            "pairs": int(self.submission.size),
            "load_min": int(self.loads.min()) if self.loads.size else 0,
            "load_max": int(self.loads.max()) if self.loads.size else 0,
            "load_mean": float(self.loads.mean()) if self.loads.size else 0.0,
            "candidate_arcs": self.candidate_arcs,
            "allowed_arcs": self.allowed_arcs,
            "pricing_rounds": self.pricing_rounds,
            "seconds": self.seconds,
            "parameters": self.parameters,
            "method": self.method,
            "version": self.version,
        }


def _bounds(value: ArrayLike, size: int, name: str) -> NDArray[np.int64]:
    arr = np.broadcast_to(np.asarray(value), (size,)).astype(np.int64)
    if (arr < 0).any():
        raise MethodError(f"{name} must be non-negative", code="bound_negative", params={"name": name})
    return arr


def _pair_mask(pairs: ArrayLike | None, shape: tuple[int, int], name: str) -> NDArray[np.bool_]:
    mask = np.zeros(shape, dtype=bool)
    if pairs is None:
        return mask
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    if arr.size and (arr.min() < 0 or (arr[:, 0] >= shape[0]).any() or (arr[:, 1] >= shape[1]).any()):
        raise MethodError(
            f"{name} pairs refer to a submission or assessor index out of range",
            code="pairs_out_of_range",
            params={"name": name},
        )
    mask[arr[:, 0], arr[:, 1]] = True
    return mask


def _check_feasible(
    allowed: NDArray[np.bool_],
    forced: NDArray[np.bool_],
    demand: NDArray[np.int64],
    min_load: NDArray[np.int64],
    max_load: NDArray[np.int64],
) -> None:
    """Cheap necessary conditions, each named in the error so the user knows what to relax."""
    reasons: list[dict[str, object]] = []  # each: the English, its code and params (error_text words them)

    def reason(message: str, code: str, **params: object) -> None:
        reasons.append({"message": message, "code": code, "params": params})

    if (min_load > max_load).any():
        a = int(np.argmax(min_load > max_load))
        reason(f"min load above max load for assessor index {a}", "min_load_above_max", assessor=a)
    needed, most, least = int(demand.sum()), int(max_load.sum()), int(min_load.sum())
    if needed > most:
        reason(
            f"{needed} assessments needed but total max load is {most}",
            "loads_too_small",
            needed=needed,
            most=most,
        )
    if needed < least:
        reason(
            f"total min load {least} exceeds the {needed} assessments needed",
            "loads_too_large",
            least=least,
            needed=needed,
        )
    short = np.nonzero(allowed.sum(axis=1) < demand)[0]
    if short.size:
        first, count = int(short[0]), int(short.size)
        reason(
            f"submission index {first} has fewer allowed assessors than k ({count} such)",
            "too_few_allowed",
            submission=first,
            count=count,
        )
    if (forced & ~allowed).any():
        i, j = (int(x) for x in np.argwhere(forced & ~allowed)[0])
        reason(f"pair ({i}, {j}) is both forced and a conflict", "forced_conflict", submission=i, assessor=j)
    over = np.nonzero(forced.sum(axis=1) > demand)[0]
    if over.size:
        first = int(over[0])
        reason(
            f"submission index {first} has more forced assessors than k", "too_many_forced", submission=first
        )
    heavy = np.nonzero(forced.sum(axis=0) > max_load)[0]
    if heavy.size:
        first = int(heavy[0])
        reason(
            f"assessor index {first} is forced onto more submissions than max load",
            "forced_over_max_load",
            assessor=first,
        )
    if reasons:
        conflicts = tuple(str(r["message"]) for r in reasons)
        raise InfeasibleError(
            "no assignment satisfies the constraints: " + "; ".join(conflicts),
            hint="raise --max-load, lower --min-load or k, or remove conflicts/forced pairs",
            conflicts=conflicts,
            code="assignment_infeasible",
            params={"reasons": reasons},
        )


def _candidates(
    affinity: NDArray[np.float64],
    allowed: NDArray[np.bool_],
    forced: NDArray[np.bool_],
    per_row: int,
    per_col: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each submission's ``per_row`` best allowed assessors, each assessor's ``per_col`` best, forced."""
    n, m = affinity.shape
    masked = np.where(allowed, affinity, -np.inf)
    rows: list[NDArray[np.int64]] = []
    cols: list[NDArray[np.int64]] = []
    if per_row >= m:
        r, c = np.nonzero(allowed)
        rows.append(r.astype(np.int64))
        cols.append(c.astype(np.int64))
    else:
        top = np.argpartition(-masked, per_row - 1, axis=1)[:, :per_row]
        rows.append(np.repeat(np.arange(n, dtype=np.int64), per_row))
        cols.append(top.ravel().astype(np.int64))
    if 0 < per_col < n:
        top_c = np.argpartition(-masked, per_col - 1, axis=0)[:per_col, :]
        rows.append(top_c.ravel().astype(np.int64))
        cols.append(np.tile(np.arange(m, dtype=np.int64), per_col))
    f_r, f_c = np.nonzero(forced)
    rows.append(f_r.astype(np.int64))
    cols.append(f_c.astype(np.int64))
    r_all, c_all = np.concatenate(rows), np.concatenate(cols)
    keep = allowed[r_all, c_all]
    flat = np.unique(r_all[keep] * m + c_all[keep])
    return flat // m, flat % m


def _lp_with_growth(
    model_factory: Callable[[], ArcModel],
    affinity: NDArray[np.float64],
    allowed: NDArray[np.bool_],
    forced: NDArray[np.bool_],
    per_row: int,
    per_col: int,
    time_limit: float,
    extra: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None,
) -> ArcModel:
    """Solve the LP by column generation over the candidates plus ``extra`` arcs.

    A shortfall left after pricing (or an infeasible restricted LP) is settled on the full arc set,
    where it means that no assignment exists.
    """
    n, m = affinity.shape
    while True:
        model = model_factory()
        arc_i, arc_j = _candidates(affinity, allowed, forced, per_row, per_col)
        if extra is not None:
            arc_i, arc_j = np.concatenate([arc_i, extra[0]]), np.concatenate([arc_j, extra[1]])
        model.build(arc_i, arc_j, time_limit)
        status = model.solve_lp(per_row=max(per_row, 4))
        if status == highspy.HighsModelStatus.kTimeLimit:
            raise MethodError(
                f"the solver hit the time limit of {time_limit} s",
                hint="raise time_limit",
                code="solver_time_limit",
                params={"seconds": time_limit},
            )
        if status == _OPTIMAL and model.artificial() <= 1e-9:
            return model
        full = per_row >= m and per_col >= n
        if full or (status == _OPTIMAL and n * m > _FULL_CHECK_ARCS):
            raise InfeasibleError(
                "no assignment satisfies k, the load limits, the conflicts and the forced pairs together",
                hint="raise the max load, lower the min load, or remove conflicts",
                code="assignment_impossible",
            )
        # small instance: settle a leftover shortfall once more on the full arc set
        per_row, per_col = m, n


def assign(
    affinity: ArrayLike,
    *,
    k: int | ArrayLike,
    min_load: int | ArrayLike,
    max_load: int | ArrayLike,
    conflicts: ArrayLike | None = None,
    forced: ArrayLike | None = None,
    objective: Objective = "total",
    slack: int | None = None,
    time_limit: float = 300.0,
    progress: Progress | None = None,
) -> AssignmentResult:
    """Assign assessors to submissions optimally; the one validating entry point.

    ``affinity`` is a dense submissions × assessors matrix (pairs with no known affinity carry 0, as
    in OpenReview's matcher). ``conflicts`` and ``forced`` are arrays of ``(submission, assessor)``
    index pairs. ``slack`` sets how many candidate arcs per submission beyond ``k`` start in the
    model (default ``2k + 4``); it changes speed only, never the optimum.
    """
    started = time.perf_counter()
    report = progress or (lambda _msg: None)
    a = np.asarray(affinity, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] == 0 or a.shape[1] == 0:
        raise MethodError(
            "affinity must be a non-empty submissions × assessors matrix", code="affinity_shape"
        )
    if not np.isfinite(a).all():
        raise MethodError("affinity contains NaN or infinite values", code="affinity_not_finite")
    if objective not in ("total", "fair"):
        raise MethodError(
            f"unknown objective {objective!r}",
            hint="use 'total' or 'fair'",
            code="assignment_objective_unknown",
            params={"objective": objective},
        )
    n, m = a.shape
    demand = _bounds(k, n, "k")
    lo = _bounds(min_load, m, "min_load")
    hi = _bounds(max_load, m, "max_load")
    conflict_mask = _pair_mask(conflicts, (n, m), "conflict")
    forced_mask = _pair_mask(forced, (n, m), "forced")
    allowed = ~conflict_mask
    _check_feasible(allowed, forced_mask, demand, lo, hi)
    extra_per_row = 2 * int(demand.max()) + 4 if slack is None else int(slack)
    per_row = min(m, int(demand.max()) + max(0, extra_per_row))
    per_col = min(n, int(hi.max()) + int(demand.max()))
    params: dict[str, Any] = {
        "k": int(demand.max()) if demand.min() == demand.max() else demand.tolist(),
        "min_load": int(lo.min()) if lo.min() == lo.max() else lo.tolist(),
        "max_load": int(hi.max()) if hi.min() == hi.max() else hi.tolist(),
        "conflicts": int(conflict_mask.sum()),
        "forced": int(forced_mask.sum()),
        "candidates_per_submission": per_row,
        "time_limit": time_limit,
    }

    def factory(fair: FairMode = "none", floor: float = 0.0) -> Callable[[], ArcModel]:
        # the fairness stages start from a feasible assignment, so they need no artificial columns
        return lambda: ArcModel(
            a,
            allowed,
            demand,
            lo,
            hi,
            forced_mask,
            fair=fair,
            floor=floor,
            use_artificial=fair == "none",
        )

    report("total: solving the LP by column generation")
    total_model = _lp_with_growth(factory(), a, allowed, forced_mask, per_row, per_col, time_limit)
    values = total_model.column_values()
    if (np.abs(values - np.round(values)) > 1e-6).any():
        # a basic solution of a TU system is integral; guard against a non-vertex answer anyway
        total_model.make_integer()
        total_model.run()
    sel_i, sel_j = total_model.selected()
    upper = -float(total_model.highs.getInfo().objective_function_value)
    proven = True
    worst_bound = float("nan")
    rounds = total_model.pricing_rounds
    arcs = int(total_model.arc_i.size)
    if objective == "fair":
        remaining = max(1.0, time_limit - (time.perf_counter() - started))
        sel_i, sel_j, proven, upper, worst_bound, fair_rounds, arcs = _fair(
            factory, a, allowed, forced_mask, per_row, per_col, remaining, (sel_i, sel_j), report
        )
        rounds += fair_rounds
    order = np.lexsort((sel_j, sel_i))
    sel_i, sel_j = sel_i[order], sel_j[order]
    per_submission = np.bincount(sel_i, weights=a[sel_i, sel_j], minlength=n).astype(np.float64)
    return AssignmentResult(
        submission=sel_i,
        assessor=sel_j,
        total_affinity=float(a[sel_i, sel_j].sum()),
        submission_affinity=per_submission,
        loads=np.bincount(sel_j, minlength=m).astype(np.int64),
        objective=objective,
        proven_optimal=proven,
        upper_bound=upper,
        worst_bound=worst_bound if objective == "fair" else float(per_submission.min()),
        candidate_arcs=arcs,
        allowed_arcs=int(allowed.sum()),
        pricing_rounds=rounds,
        seconds=time.perf_counter() - started,
        parameters=params,
    )


def _fair(
    factory: Callable[..., Callable[[], ArcModel]],
    a: NDArray[np.float64],
    allowed: NDArray[np.bool_],
    forced: NDArray[np.bool_],
    per_row: int,
    per_col: int,
    time_limit: float,
    start: tuple[NDArray[np.int64], NDArray[np.int64]],
    report: Progress,
) -> tuple[NDArray[np.int64], NDArray[np.int64], bool, float, float, int, int]:
    """Lexicographic max–min then max-total; each stage an LP by column generation, then a MILP."""
    deadline = time.perf_counter() + time_limit
    nan = float("nan")
    report("fair stage 1: LP relaxation of the max–min problem over all arcs")
    try:
        stage1 = _lp_with_growth(
            factory("maximin"), a, allowed, forced, per_row, per_col, 0.6 * time_limit, start
        )
    except MethodError:
        # out of time: the total-optimal assignment stands, unproven for the fair objective
        report("fair stage 1: time limit reached; keeping the total-optimal assignment")
        return start[0], start[1], False, nan, nan, 0, 0
    report("fair stage 1: integer max–min")
    budget1 = 0.5 * max(1.0, deadline - time.perf_counter())
    (s1_i, s1_j), proven1, bound1 = _integer_stage(stage1, start, time.perf_counter() + budget1)
    worst = float(np.bincount(s1_i, weights=a[s1_i, s1_j], minlength=a.shape[0]).min())
    report("fair stage 2: maximise the total keeping the worst case")
    floor = worst - 1e-9 * max(1.0, abs(worst))
    try:
        stage2 = _lp_with_growth(
            factory("floor", floor),
            a,
            allowed,
            forced,
            per_row,
            per_col,
            max(1.0, deadline - time.perf_counter()),
            (s1_i, s1_j),
        )
    except MethodError:
        report("fair stage 2: time limit reached; keeping the stage-1 assignment")
        return s1_i, s1_j, False, nan, -bound1, stage1.pricing_rounds, int(stage1.arc_i.size)
    (s2_i, s2_j), proven2, bound2 = _integer_stage(stage2, (s1_i, s1_j), deadline)
    rounds = stage1.pricing_rounds + stage2.pricing_rounds
    return s2_i, s2_j, proven1 and proven2, -bound2, -bound1, rounds, int(stage2.arc_i.size)


Pairs = tuple[NDArray[np.int64], NDArray[np.int64]]


def _stage_value(model: ArcModel, pairs: Pairs) -> float:
    """Objective of an assignment in HiGHS's minimisation form for this stage."""
    weights = model.affinity[pairs[0], pairs[1]]
    if model.fair == "maximin":
        return -float(np.bincount(pairs[0], weights=weights, minlength=model.n).min())
    return -float(weights.sum())


def _integer_stage(model: ArcModel, start: Pairs, deadline: float) -> tuple[Pairs, bool, float]:
    """Turn a fairness-stage LP (solved over all arcs) into a proven integer optimum where possible.

    1. Fix-and-solve: arcs at 1 in the LP optimum are fixed and a small MILP settles the rest (may be
       infeasible); then the support MILP: only the arcs used by the LP optimum plus those of the best
       known assignment (so it is feasible). Both are small and usually end at or next to the LP bound.
    2. If that incumbent reaches the LP bound, it is optimal over all arcs. Otherwise reduced-cost
       fixing: an arc whose LP reduced cost exceeds the gap cannot be in any better solution, so the
       MILP over the model plus every arc within the gap is solved; if it finishes, its optimum is the
       global one. When too many arcs lie within the gap for that to be practical, the incumbent is
       returned unproven with the LP bound.

    Returns the best assignment, whether it is proven optimal, and the best known bound (min form).
    """
    lp_bound = model.lp_objective
    duals = model.lp_duals
    first = model.first_arc_column
    lp_values = model.column_values()[first:]
    model.make_integer()
    best, best_value = start, _stage_value(model, start)
    n_arcs = model.arc_i.size
    all_cols = np.arange(first, first + n_arcs, dtype=np.int32)
    forced_lower = model.forced[model.arc_i, model.arc_j].astype(np.float64)

    def attempt(lower: NDArray[np.float64], upper: NDArray[np.float64], share: float) -> None:
        nonlocal best, best_value
        model.highs.changeColsBounds(int(n_arcs), all_cols, lower, upper)
        _warm_start(model, best)
        model.highs.setOptionValue("time_limit", max(1.0, share * (deadline - time.perf_counter())))
        model.run()
        candidate = model.selected()
        if _feasible(model, candidate) and _stage_value(model, candidate) < best_value:
            best, best_value = candidate, _stage_value(model, candidate)

    ones = np.ones(n_arcs)
    attempt(np.maximum(forced_lower, (lp_values > 1.0 - 1e-9).astype(np.float64)), ones, 0.25)
    for _ in range(3):  # the support grows with each better assignment; stop when none improves
        before = best_value
        in_best = np.zeros(model.affinity.shape, dtype=bool)
        in_best[best[0], best[1]] = True
        support = (lp_values > 1e-9) | in_best[model.arc_i, model.arc_j]
        attempt(forced_lower, support.astype(np.float64), 0.25)
        if best_value >= before:
            break
    model.highs.changeColsBounds(int(n_arcs), all_cols, forced_lower, ones)
    tol = 1e-7 * max(1.0, abs(lp_bound))
    gap = best_value - lp_bound
    if gap <= tol:
        return best, True, best_value
    add_i, add_j = model.scan(duals, -(gap + tol), model.m)
    if add_i.size > _RC_FIXING_MAX_FACTOR * model.arc_i.size or time.perf_counter() >= deadline - 1.0:
        return best, False, lp_bound
    model.add_arcs(add_i, add_j)
    _warm_start(model, best)
    model.highs.setOptionValue("time_limit", max(1.0, deadline - time.perf_counter()))
    status = model.run()
    candidate = model.selected()
    if _feasible(model, candidate) and _stage_value(model, candidate) < best_value:
        best, best_value = candidate, _stage_value(model, candidate)
    if status == _OPTIMAL:
        return best, True, best_value
    return best, False, lp_bound


def _feasible(model: ArcModel, pairs: Pairs) -> bool:
    """Check an assignment against every constraint of the stage (HiGHS may leave a stale solution)."""
    i, j = pairs
    if not model.allowed[i, j].all() or not np.array_equal(np.bincount(i, minlength=model.n), model.demand):
        return False
    loads = np.bincount(j, minlength=model.m)
    if (loads < model.min_load).any() or (loads > model.max_load).any():
        return False
    chosen = np.zeros(model.affinity.shape, dtype=bool)
    chosen[i, j] = True
    if (model.forced & ~chosen).any():
        return False
    if model.fair == "floor":
        per_sub = np.bincount(i, weights=model.affinity[i, j], minlength=model.n)
        return bool((per_sub >= model.floor - 1e-9 * max(1.0, abs(model.floor))).all())
    return True


def _warm_start(model: ArcModel, pairs: Pairs) -> None:
    """Give the MILP a known feasible assignment as its first incumbent."""
    chosen = np.zeros(model.affinity.shape, dtype=bool)
    chosen[pairs[0], pairs[1]] = True
    values = np.concatenate(
        [np.zeros(model.n + model.m), chosen[model.arc_i, model.arc_j].astype(np.float64)]
    )
    if model.fair == "maximin":
        values = np.concatenate([[-_stage_value(model, pairs)], values])
    solution = highspy.HighsSolution()
    solution.col_value = values.tolist()
    model.highs.setSolution(solution)
