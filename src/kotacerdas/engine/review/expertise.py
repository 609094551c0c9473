"""Assignment with one assessor per required expertise (a panel of one person per field), with HiGHS.

Each submission ``i`` requires a set of fields (``required[i, f]``); every required field gets exactly
one assessor who holds that expertise (``expertise[j, f]``). A person fills at most one slot of a
submission, even if they hold two of its fields: a panel is one person per field, so a submission
requiring ``r`` fields gets ``r`` different assessors. Loads stay within ``[min_load, max_load]``,
conflicting pairs are never used, forced pairs always are (in one of the submission's fields the
assessor holds), and the total affinity of the (submission, assessor) pairs is maximised.

Model: a binary column ``x_ifj`` per required slot ``(i, f)`` and allowed holder ``j``. Rows: one
equality per slot (it is filled once), one range per assessor (load), and one row ``Σ_f x_ifj ≤ 1``
per (submission, assessor) pair that could fill two slots (``= 1`` for a forced pair). Read as a flow
(slot → pair node of capacity 1 → assessor → sink) the matrix is a network matrix with node
capacities, so the LP relaxation has an integral optimum: HiGHS's simplex solves the LP, and an
integral LP optimum is the proven optimum of the integer problem (the LP is a relaxation). Should
the simplex return a fractional vertex anyway, the columns are declared binary and HiGHS's branch
and bound finishes the job (``parameters["solved_as"]`` says which). All columns are
built up front (no column generation): the model has at most submissions × fields × assessors
columns, which suits rounds of hundreds of submissions and assessors.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np
from numpy.typing import ArrayLike, NDArray

from kotacerdas.engine.review.assignment import AssignmentResult, Progress, _bounds, _pair_mask
from kotacerdas.engine.review.highs_arcs import _new_highs
from kotacerdas.errors import InfeasibleError, MethodError

METHOD = "HiGHS MILP over (slot, assessor) columns: one assessor per required expertise"
#: Hall's condition is checked over every subset of a submission's fields up to this many fields
_HALL_MAX_FIELDS = 8
_HINT = "raise --max-load, lower --min-load, add assessors holding the expertise, or remove conflicts"


@dataclass(frozen=True)
class Labels:
    """Optional names used only in error messages (the engine otherwise works on indices)."""

    submissions: Sequence[str] = ()
    assessors: Sequence[str] = ()
    fields: Sequence[str] = ()

    def submission(self, i: int) -> str:
        """``submission 'S'`` or ``submission index i``."""
        return f"submission {self.submissions[i]!r}" if self.submissions else f"submission index {i}"

    def assessor(self, j: int) -> str:
        """``assessor 'A'`` or ``assessor index j``."""
        return f"assessor {self.assessors[j]!r}" if self.assessors else f"assessor index {j}"

    def field(self, f: int) -> str:
        """``'economy'`` or ``field index f``."""
        return repr(self.fields[f]) if self.fields else f"field index {f}"


def _as_bool_matrix(value: ArrayLike, shape: tuple[int | None, int | None], name: str) -> NDArray[np.bool_]:
    """Check a 0/1 or boolean matrix against ``shape`` (``None`` = any size) and return it as booleans."""
    arr = np.asarray(value)
    if arr.ndim != 2 or any(
        want is not None and got != want for got, want in zip(arr.shape, shape, strict=True)
    ):
        expected = " × ".join("?" if s is None else str(s) for s in shape)
        raise MethodError(f"{name} must be a {expected} matrix, got shape {arr.shape}")
    if arr.dtype != np.bool_:
        if not np.isin(arr, (0, 1)).all():
            raise MethodError(f"{name} must hold only true/false (0/1) values")
        arr = arr.astype(bool)
    return arr


def _count(number: int, noun: str) -> str:
    """``1 submission``, ``2 submissions``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _first(messages: list[str], limit: int = 3) -> list[str]:
    """At most ``limit`` messages of one kind, then how many more there are."""
    if len(messages) <= limit:
        return messages
    return [*messages[:limit], f"and {len(messages) - limit} more like the last"]


def _diagnose(
    usable: NDArray[np.bool_],
    required: NDArray[np.bool_],
    expertise: NDArray[np.bool_],
    allowed: NDArray[np.bool_],
    forced: NDArray[np.bool_],
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    labels: Labels,
) -> None:
    """Necessary conditions, checked before solving; each failure is named so it can be fixed.

    ``usable[i, f, j]`` says assessor ``j`` may fill slot ``(i, f)`` (required, held, not conflicted).
    """
    problems: list[str] = []
    n, n_fields = required.shape
    demand_f = required.sum(axis=0)
    slots = int(demand_f.sum())
    held_by_someone: NDArray[np.bool_] = np.any(expertise, axis=0)
    problems += _first(
        [f"min load above max load for {labels.assessor(j)}" for j in np.nonzero(lo > hi)[0].tolist()]
    )
    problems += _first(
        [
            f"expertise {labels.field(f)} is required by {_count(int(demand_f[f]), 'submission')} but no assessor holds it"
            for f in np.nonzero((demand_f > 0) & ~held_by_someone)[0].tolist()
        ]
    )
    empty = required & held_by_someone[None, :] & ~usable.any(axis=2)
    problems += _first(
        [
            f"{labels.submission(i)} needs expertise {labels.field(f)} but every assessor holding it is conflicted"
            for i, f in np.argwhere(empty).tolist()
        ]
    )
    hall: list[str] = []
    for i in range(n):
        fields = np.nonzero(required[i])[0].tolist()
        if len(fields) < 2 or len(fields) > _HALL_MAX_FIELDS or not usable[i, fields].any(axis=1).all():
            continue
        short = (
            (subset, int(usable[i, list(subset)].any(axis=0).sum()))
            for size in range(2, len(fields) + 1)
            for subset in itertools.combinations(fields, size)
        )
        for subset, count in short:
            if count < len(subset):
                hall.append(
                    f"{labels.submission(i)} needs expertise {', '.join(labels.field(f) for f in subset)} "
                    f"from {len(subset)} different assessors but only {count} allowed "
                    f"assessor{'s hold' if count != 1 else ' holds'} any of them"
                )
                break
    problems += _first(hall)
    if slots > hi.sum():
        problems.append(f"{slots} slots to fill but total max load is {int(hi.sum())}")
    if slots < lo.sum():
        problems.append(f"total min load {int(lo.sum())} exceeds the {slots} slots to fill")
    capacity = np.array([int(hi[expertise[:, f]].sum()) for f in range(n_fields)])
    problems += _first(
        [
            f"expertise {labels.field(f)} is required by {_count(int(demand_f[f]), 'submission')} but its "
            f"{_count(int(expertise[:, f].sum()), 'holder')} can take at most {int(capacity[f])}"
            for f in np.nonzero(held_by_someone & (demand_f > capacity))[0].tolist()
        ]
    )
    reach = usable.any(axis=1).sum(axis=0)
    problems += _first(
        [
            f"{labels.assessor(j)} has min load {int(lo[j])} but can fill a slot on only {_count(int(reach[j]), 'submission')}"
            for j in np.nonzero(reach < lo)[0].tolist()
        ]
    )
    problems += _first(
        [
            f"pair ({labels.submission(i)}, {labels.assessor(j)}) is both forced and a conflict"
            for i, j in np.argwhere(forced & ~allowed).tolist()
        ]
    )
    problems += _first(
        [
            f"{labels.assessor(j)} is forced onto {labels.submission(i)} but holds none of its required expertise"
            for i, j in np.argwhere(forced & allowed & ~usable.any(axis=1)).tolist()
        ]
    )
    problems += _first(
        [
            f"{labels.submission(i)} has {int(forced[i].sum())} forced assessors but requires only "
            f"{int(required[i].sum())} fields"
            for i in np.nonzero(forced.sum(axis=1) > required.sum(axis=1))[0].tolist()
        ]
    )
    problems += _first(
        [
            f"{labels.assessor(j)} is forced onto more submissions than max load"
            for j in np.nonzero(forced.sum(axis=0) > hi)[0].tolist()
        ]
    )
    if problems:
        raise InfeasibleError(
            "no assignment satisfies the constraints: " + "; ".join(problems),
            hint=_HINT,
            conflicts=tuple(problems),
        )


def _general_infeasibility(
    required: NDArray[np.bool_],
    expertise: NDArray[np.bool_],
    lo: NDArray[np.int64],
    hi: NDArray[np.int64],
    labels: Labels,
) -> InfeasibleError:
    """The solver proved infeasibility that no simple check names: report demand against capacity."""
    demand_f = required.sum(axis=0)
    per_field = ", ".join(
        f"{labels.field(f)}: {int(demand_f[f])} of {int(hi[expertise[:, f]].sum())}"
        for f in range(required.shape[1])
        if demand_f[f]
    )
    message = (
        "no assignment fills every required expertise with different, allowed assessors within the load "
        f"limits: {int(demand_f.sum())} slots, total max load {int(hi.sum())}, total min load "
        f"{int(lo.sum())}; slots per expertise against its holders' total max load: {per_field}"
    )
    return InfeasibleError(message, hint=_HINT, conflicts=(message,))


def assign_by_expertise(
    affinity: ArrayLike,
    expertise: ArrayLike,
    required: ArrayLike,
    *,
    min_load: int | ArrayLike,
    max_load: int | ArrayLike,
    conflicts: ArrayLike | None = None,
    forced: ArrayLike | None = None,
    labels: Labels | None = None,
    time_limit: float = 300.0,
    progress: Progress | None = None,
) -> AssignmentResult:
    """One assessor per required expertise of each submission, maximising total affinity.

    ``affinity`` is submissions × assessors, ``expertise`` a boolean assessors × fields matrix,
    ``required`` a boolean submissions × fields matrix (every submission requires at least one
    field). ``conflicts`` and ``forced`` are ``(submission, assessor)`` index pairs; ``labels`` only
    names things in error messages. A person fills at most one slot per submission. The result's
    ``fields`` gives the field each pair fills; ``objective`` is ``"total"``.

    Raises :class:`InfeasibleError` naming the cause (an expertise nobody holds, a slot whose holders
    are all conflicted, too few different holders for a submission, load or forced-pair clashes, or
    demand against capacity per field) and :class:`MethodError` for malformed input or a time limit
    reached without any assignment.
    """
    started = time.perf_counter()
    report = progress or (lambda _msg: None)
    names = labels or Labels()
    a = np.asarray(affinity, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] == 0 or a.shape[1] == 0:
        raise MethodError("affinity must be a non-empty submissions × assessors matrix")
    if not np.isfinite(a).all():
        raise MethodError("affinity contains NaN or infinite values")
    n, m = a.shape
    held = _as_bool_matrix(expertise, (m, None), "expertise")
    need = _as_bool_matrix(required, (n, held.shape[1]), "required")
    if need.shape[1] == 0:
        raise MethodError("there must be at least one expertise field")
    nothing = np.nonzero(~need.any(axis=1))[0]
    if nothing.size:
        raise MethodError(f"{names.submission(int(nothing[0]))} requires no expertise")
    lo = _bounds(min_load, m, "min_load")
    hi = _bounds(max_load, m, "max_load")
    conflict_mask = _pair_mask(conflicts, (n, m), "conflict")
    forced_mask = _pair_mask(forced, (n, m), "forced")
    allowed = ~conflict_mask
    usable = need[:, :, None] & held.T[None, :, :] & allowed[:, None, :]
    _diagnose(usable, need, held, allowed, forced_mask, lo, hi, names)

    n_fields = need.shape[1]
    var_i, var_f, var_j = (v.astype(np.int64) for v in np.nonzero(usable))
    n_vars = int(var_i.size)
    slot_id = np.full((n, n_fields), -1, dtype=np.int64)
    slot_id[need] = np.arange(int(need.sum()))
    n_slots = int(need.sum())
    pair_vars = np.zeros((n, m), dtype=np.int64)
    np.add.at(pair_vars, (var_i, var_j), 1)
    # a pair row only where the pair could fill two slots, or must be used (forced)
    pair_row_mask = (pair_vars >= 2) | forced_mask
    pair_id = np.full((n, m), -1, dtype=np.int64)
    pair_id[pair_row_mask] = n_slots + m + np.arange(int(pair_row_mask.sum()))
    n_rows = n_slots + m + int(pair_row_mask.sum())
    report(f"expertise: {n_slots} slots, {n_vars} columns, {n_rows} rows")

    from scipy import sparse  # here: slow to import; k-per-submission mode needs none

    cols = np.arange(n_vars)
    in_pair = pair_id[var_i, var_j] >= 0
    rows = np.concatenate([slot_id[var_i, var_f], n_slots + var_j, pair_id[var_i, var_j][in_pair]])
    matrix = sparse.csc_matrix(
        (np.ones(rows.size), (rows, np.concatenate([cols, cols, cols[in_pair]]))), shape=(n_rows, n_vars)
    )
    pair_rows_i, pair_rows_j = np.nonzero(pair_row_mask)
    row_lower = np.concatenate(
        [np.ones(n_slots), lo.astype(np.float64), forced_mask[pair_rows_i, pair_rows_j].astype(np.float64)]
    )
    row_upper = np.concatenate([np.ones(n_slots), hi.astype(np.float64), np.ones(pair_rows_i.size)])

    lp = highspy.HighsLp()
    lp.num_col_ = n_vars
    lp.num_row_ = n_rows
    lp.col_cost_ = -a[var_i, var_j]
    lp.col_lower_ = np.zeros(n_vars)
    lp.col_upper_ = np.ones(n_vars)
    lp.row_lower_ = row_lower
    lp.row_upper_ = row_upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    h = _new_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-9)
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    solved_as = "LP"
    if status == highspy.HighsModelStatus.kOptimal:
        values = np.asarray(h.getSolution().col_value, dtype=np.float64)
        if (np.abs(values - np.round(values)) > 1e-9).any():
            # a basic optimum of this network-with-node-capacities system is integral; should HiGHS
            # return a fractional one anyway, branch and bound settles it
            report("expertise: LP optimum fractional; solving the MILP")
            solved_as = "MILP"
            h.changeColsIntegrality(
                n_vars,
                np.arange(n_vars, dtype=np.int32),
                np.full(n_vars, highspy.HighsVarType.kInteger, dtype=np.uint8),
            )
            h.run()
            status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        raise _general_infeasibility(need, held, lo, hi, names)
    values = np.asarray(h.getSolution().col_value, dtype=np.float64)
    info = h.getInfo()
    has_solution = solved_as == "MILP" and values.size == n_vars and int(info.primal_solution_status) == 2
    if status != highspy.HighsModelStatus.kOptimal and not has_solution:
        raise MethodError(
            f"the solver stopped ({h.modelStatusToString(status)}) without an assignment",
            hint="raise time_limit",
        )
    chosen = values > 0.5
    sel_i, sel_f, sel_j = var_i[chosen], var_f[chosen], var_j[chosen]
    order = np.lexsort((sel_j, sel_f, sel_i))
    sel_i, sel_f, sel_j = sel_i[order], sel_f[order], sel_j[order]
    total = float(a[sel_i, sel_j].sum())
    proven = status == highspy.HighsModelStatus.kOptimal
    upper = total if proven else -float(info.mip_dual_bound)
    params: dict[str, Any] = {
        "mode": "expertise",
        "fields": n_fields,
        "slots": n_slots,
        "min_load": int(lo.min()) if lo.min() == lo.max() else lo.tolist(),
        "max_load": int(hi.max()) if hi.min() == hi.max() else hi.tolist(),
        "conflicts": int(conflict_mask.sum()),
        "forced": int(forced_mask.sum()),
        "time_limit": time_limit,
        "solved_as": solved_as,
    }
    return AssignmentResult(
        submission=sel_i,
        assessor=sel_j,
        total_affinity=total,
        submission_affinity=np.bincount(sel_i, weights=a[sel_i, sel_j], minlength=n).astype(np.float64),
        loads=np.bincount(sel_j, minlength=m).astype(np.int64),
        objective="total",
        proven_optimal=bool(proven),
        upper_bound=upper,
        worst_bound=float("nan"),
        candidate_arcs=n_vars,
        allowed_arcs=n_vars,
        pricing_rounds=0,
        seconds=time.perf_counter() - started,
        parameters=params,
        method=METHOD,
        fields=sel_f,
    )
