"""Infeasibility in words: a small set of constraint groups that cannot hold together, with the arithmetic.

A deletion filter over constraint *groups* (phase sizes, one phase per region, each configured quota):
drop a group; if the rest is still infeasible the group is not needed for the conflict, so it stays
dropped. What remains is irreducible at group level — removing any one group makes the problem feasible.
Each remaining group is then described with the counts that clash ("min 1 per province × 38 provinces
= 38 > 25 slots in phase 2027").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kotacerdas.engine.selection.binding import quota_data
from kotacerdas.engine.selection.highs import ExtraRow, run
from kotacerdas.engine.selection.model import ONCE_GROUP, PHASE_GROUP, Model, RowInfo
from kotacerdas.engine.selection.problem import SelectionProblem


def conflicting_groups(model: Model, extra: Sequence[ExtraRow] = ()) -> list[int]:
    """Indices of an irreducible set of infeasible row groups (deletion filter; one LP/MILP per group)."""
    present = sorted({info.group for info in model.rows})
    keep = set(present)
    zero = np.zeros(model.n_vars)
    for g in present:
        trial = keep - {g}
        if run(model, zero, integral=True, extra=extra, groups=trial) is None:
            keep = trial
    return sorted(keep)


#: one fact of an explanation: the English sentence (the CLI's), a code and the params a template fills
Reason = dict[str, object]


def explain_infeasible(problem: SelectionProblem, model: Model, extra: Sequence[ExtraRow] = ()) -> list[str]:
    """Sentences naming the conflicting constraints and the numbers that clash."""
    return [str(r["message"]) for r in infeasible_reasons(problem, model, extra)]


def infeasible_reasons(
    problem: SelectionProblem, model: Model, extra: Sequence[ExtraRow] = ()
) -> list[Reason]:
    """:func:`explain_infeasible` as reasons ``{message, code, params}``, so the web words each by its code."""
    groups = conflicting_groups(model, extra)
    if not groups and extra:
        return [_reason("forcing this region in is impossible on its own", "selection_forced_impossible")]
    return [_describe(problem, model, g) for g in groups]


def _reason(message: str, code: str, **params: object) -> Reason:
    return {"message": message, "code": code, "params": params}


def _where(problem: SelectionProblem, scope: int | None) -> Reason:
    """The scope of a fact: the whole plan or one phase."""
    if scope is None:
        return _reason("in the whole plan", "selection_whole_plan")
    name = problem.phases[scope].name
    return _reason(f"in phase {name}", "selection_in_phase", phase=name)


def _describe(problem: SelectionProblem, model: Model, group: int) -> Reason:
    label = model.group_labels[group]
    eligible = len(model.eligible)
    if group == PHASE_GROUP:
        sizes = [
            _reason(f"{p.size} in phase {p.name}", "selection_phase_size", size=p.size, phase=p.name)
            for p in problem.phases
        ]
        text = "phase sizes: " + ", ".join(str(s["message"]) for s in sizes)
        if eligible < problem.slots:
            return _reason(
                f"{text} — {problem.slots} in all, but only {eligible} eligible",
                "selection_phase_sizes_short",
                sizes=sizes,
                slots=problem.slots,
                eligible=eligible,
            )
        return _reason(text, "selection_phase_sizes", sizes=sizes)
    if group == ONCE_GROUP:
        return _reason("each region may join at most one phase", "selection_once")
    rows = [(r, info) for r, info in enumerate(model.rows) if info.group == group]
    scopes = sorted({info.phase for _, info in rows}, key=lambda p: -1 if p is None else p)
    facts: list[Reason] = []
    for scope in scopes:
        in_scope = [(r, info) for r, info in rows if info.phase == scope]
        slots = problem.slots if scope is None else problem.phases[scope].size
        where = _where(problem, scope)
        at = where["message"]
        need = sum(int(info.lb) for _, info in in_scope)
        mins = [info for _, info in in_scope if info.lb > 0]
        if need > slots:
            lbs = {int(info.lb) for info in mins}
            column = quota_column(model, group)
            if len(lbs) == 1:
                least = lbs.pop()
                facts.append(
                    _reason(
                        f"{least} × {len(mins)} {column} groups = {need} > {slots} slots {at}",
                        "selection_minimums_exceed_slots",
                        min=least,
                        groups=len(mins),
                        quota_column=column,
                        need=need,
                        slots=slots,
                        where=where,
                    )
                )
            else:
                facts.append(
                    _reason(
                        f"the minimums add up to {need} > {slots} slots {at}",
                        "selection_minimums_sum_exceed_slots",
                        need=need,
                        slots=slots,
                        where=where,
                    )
                )
        short = [
            (info, len(model.members[r]) // (problem_phases(problem) if scope is None else 1))
            for r, info in in_scope
            if info.lb > len(model.members[r]) // (problem_phases(problem) if scope is None else 1)
        ]
        for info, have in short[:3]:
            facts.append(
                _reason(
                    f"{info.value} needs {int(info.lb)} but has {have} eligible {at}",
                    "selection_value_short",
                    value=str(info.value),
                    need=int(info.lb),
                    have=have,
                    where=where,
                )
            )
        facts += [
            _reason(
                f"{info.value} allows none {at}", "selection_value_none", value=str(info.value), where=where
            )
            for _, info in in_scope
            if info.ub == 0
        ][:3]
        quota = model.group_quota[group]
        if (
            quota is not None
            and quota.value is None
            and (quota.max is not None or quota.max_share is not None)
        ):
            cap = _capacity(model, in_scope, problem, scope)
            if cap < slots:
                facts.append(
                    _reason(
                        f"allows at most {cap} of {slots} slots {at}",
                        "selection_capacity",
                        cap=cap,
                        slots=slots,
                        where=where,
                    )
                )
    facts += _across_phases(problem, model, rows)
    facts = facts[:4] or [_reason("cannot hold together with the others", "selection_holds_not")]
    detail = "; ".join(str(f["message"]) for f in facts)
    return _reason(
        f"{label}: {detail}",
        "selection_group_conflict",
        label=label,
        quota=quota_data(model, group),
        reasons=facts,
    )


def problem_phases(problem: SelectionProblem) -> int:
    """Number of phases (at least 1)."""
    return max(1, len(problem.phases))


def _capacity(
    model: Model, in_scope: list[tuple[int, RowInfo]], problem: SelectionProblem, scope: int | None
) -> int:
    """Most regions the capped groups plus every uncapped eligible region could supply in this scope."""
    per_region = problem_phases(problem) if scope is None else 1
    capped = set()
    cap = 0
    for r, info in in_scope:
        members = model.members[r] // model.n_phases
        capped.update(members.tolist())
        cap += min(int(info.ub), len(model.members[r]) // per_region)
    return cap + (len(model.eligible) - len(capped))


def quota_column(model: Model, group: int) -> str:
    """The attribute a quota group counts by (``"region"`` for the built-in groups)."""
    quota = model.group_quota[group]
    return quota.by if quota is not None else "region"


def _across_phases(problem: SelectionProblem, model: Model, rows: list[tuple[int, RowInfo]]) -> list[Reason]:
    """Per-phase minimums that together need more regions of a value than are eligible."""
    need: dict[str, int] = {}
    have: dict[str, int] = {}
    for r, info in rows:
        if info.phase is None or info.lb <= 0:
            continue
        key = str(info.value)
        need[key] = need.get(key, 0) + int(info.lb)
        have[key] = len(model.members[r])
    n = len(problem.phases)
    return [
        _reason(
            f"{value} needs {need[value] // n} × {n} phases = {need[value]} but has {have[value]} eligible",
            "selection_across_phases",
            value=value,
            per_phase=need[value] // n,
            phases=n,
            need=need[value],
            have=have[value],
        )
        if need[value] % n == 0
        else _reason(
            f"{value} needs {need[value]} over the phases = {need[value]} but has {have[value]} eligible",
            "selection_across_phases_sum",
            value=value,
            need=need[value],
            have=have[value],
        )
        for value in need
        if n > 1 and need[value] > have[value]
    ][:3]
