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


def explain_infeasible(problem: SelectionProblem, model: Model, extra: Sequence[ExtraRow] = ()) -> list[str]:
    """Sentences naming the conflicting constraints and the numbers that clash."""
    groups = conflicting_groups(model, extra)
    if not groups and extra:
        return ["forcing this region in is impossible on its own"]
    return [_describe(problem, model, g) for g in groups]


def _describe(problem: SelectionProblem, model: Model, group: int) -> str:
    label = model.group_labels[group]
    eligible = len(model.eligible)
    if group == PHASE_GROUP:
        sizes = ", ".join(f"{p.size} in phase {p.name}" for p in problem.phases)
        text = f"phase sizes: {sizes}"
        return text + (
            f" — {problem.slots} in all, but only {eligible} eligible" if eligible < problem.slots else ""
        )
    if group == ONCE_GROUP:
        return "each region may join at most one phase"
    rows = [(r, info) for r, info in enumerate(model.rows) if info.group == group]
    scopes = sorted({info.phase for _, info in rows}, key=lambda p: -1 if p is None else p)
    facts: list[str] = []
    for scope in scopes:
        in_scope = [(r, info) for r, info in rows if info.phase == scope]
        slots = problem.slots if scope is None else problem.phases[scope].size
        where = "in the whole plan" if scope is None else f"in phase {problem.phases[scope].name}"
        need = sum(int(info.lb) for _, info in in_scope)
        mins = [info for _, info in in_scope if info.lb > 0]
        if need > slots:
            lbs = {int(info.lb) for info in mins}
            column = quota_column(model, group)
            if len(lbs) == 1:
                facts.append(f"{lbs.pop()} × {len(mins)} {column} groups = {need} > {slots} slots {where}")
            else:
                facts.append(f"the minimums add up to {need} > {slots} slots {where}")
        short = [
            (info, len(model.members[r]) // (problem_phases(problem) if scope is None else 1))
            for r, info in in_scope
            if info.lb > len(model.members[r]) // (problem_phases(problem) if scope is None else 1)
        ]
        for info, have in short[:3]:
            facts.append(f"{info.value} needs {int(info.lb)} but has {have} eligible {where}")
        facts += [f"{info.value} allows none {where}" for _, info in in_scope if info.ub == 0][:3]
        quota = model.group_quota[group]
        if (
            quota is not None
            and quota.value is None
            and (quota.max is not None or quota.max_share is not None)
        ):
            cap = _capacity(model, in_scope, problem, scope)
            if cap < slots:
                facts.append(f"allows at most {cap} of {slots} slots {where}")
    facts += _across_phases(problem, model, rows)
    detail = "; ".join(facts[:4]) if facts else "cannot hold together with the others"
    return f"{label}: {detail}"


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


def _across_phases(problem: SelectionProblem, model: Model, rows: list[tuple[int, RowInfo]]) -> list[str]:
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
        f"{value} needs {need[value] // n if need[value] % n == 0 else need[value]}"
        f"{f' × {n} phases' if need[value] % n == 0 else ' over the phases'} = {need[value]} "
        f"but has {have[value]} eligible"
        for value in need
        if n > 1 and need[value] > have[value]
    ][:3]
