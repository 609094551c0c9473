"""Small selection problems for tests, and an independent checker of rules and quotas.

The checker re-reads the problem definition directly (not the engine's constraint matrix) so the property
tests compare the optimiser against a second, simple implementation.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from kotacerdas.engine.selection import (
    EligibilityRule,
    Phase,
    Quota,
    SelectionProblem,
    make_candidates,
)
from kotacerdas.engine.selection.eligibility import check_rule


def problem(
    scores: Sequence[float],
    provinces: Sequence[str],
    *,
    sizes: Sequence[int] = (2,),
    quotas: Sequence[Quota] = (),
    rules: Sequence[EligibilityRule] = (),
    islands: Sequence[str] | None = None,
    types: Sequence[str] | None = None,
    objective: str = "max_score",
    samples: object = None,
) -> SelectionProblem:
    """A problem over codes 11.01, 11.02, ... with the given scores and attributes."""
    n = len(scores)
    codes = [f"11.{i + 1:02d}" for i in range(n)]
    attrs = {
        "province": list(provinces),
        "island_group": list(islands) if islands is not None else [_island(p) for p in provinces],
        "type": list(types) if types is not None else ["kabupaten"] * n,
    }
    return SelectionProblem(
        candidates=make_candidates(codes, scores, attrs, "score"),
        phases=tuple(Phase(f"P{j + 1}", s) for j, s in enumerate(sizes)),
        rules=tuple(rules),
        quotas=tuple(quotas),
        objective=objective,  # type: ignore[arg-type]
        samples=samples,  # type: ignore[arg-type]
    )


def _island(province: str) -> str:
    return {"A": "X", "B": "X", "C": "Y", "D": "Y", "E": "Z"}.get(province, "Z")


def eligible_indices(p: SelectionProblem) -> list[int]:
    """Indices that pass every rule and are not excluded."""
    out = []
    for i, code in enumerate(p.candidates.codes):
        if code in p.excluded:
            continue
        if all(check_rule(r, p.candidates.column(r.column)[i]) is None for r in p.rules):
            out.append(i)
    return out


def violations(p: SelectionProblem, plan: dict[int, int]) -> list[str]:
    """Every broken rule or quota of a plan (candidate index → phase index)."""
    bad = []
    elig = set(eligible_indices(p))
    bad += [f"{i} not eligible" for i in plan if i not in elig]
    for j, phase in enumerate(p.phases):
        taken = sum(1 for ph in plan.values() if ph == j)
        if taken != phase.size:
            bad.append(f"phase {phase.name} has {taken}")
    for q in p.quotas:
        values = p.candidates.column(q.by)
        targets = sorted(set(values), key=str) if q.value is None else [q.value]
        scopes = [[j] for j in range(len(p.phases))] if q.over == "phase" else [list(range(len(p.phases)))]
        for v in targets:
            for scope in scopes:
                slots = sum(p.phases[j].size for j in scope)
                count = sum(1 for i, ph in plan.items() if ph in scope and values[i] == v)
                lo = max(q.min or 0, math.ceil((q.min_share or 0) * slots - 1e-9))
                hi = q.max if q.max is not None else slots
                if q.max_share is not None:
                    hi = min(hi, math.floor(q.max_share * slots + 1e-9))
                if not lo <= count <= hi:
                    bad.append(f"{q.describe()} {v} {scope}: {count}")
    return bad


def brute_force(p: SelectionProblem) -> float | None:
    """Best total score over every plan (each eligible region in no phase or one phase); None if none."""
    elig = eligible_indices(p)
    best: float | None = None
    n_phases = len(p.phases)
    for assignment in itertools.product(range(-1, n_phases), repeat=len(elig)):
        plan = {i: ph for i, ph in zip(elig, assignment, strict=True) if ph >= 0}
        if len(plan) != p.slots or violations(p, plan):
            continue
        total = float(sum(p.candidates.scores[i] for i in plan))
        best = total if best is None else max(best, total)
    return best


def plan_of(p: SelectionProblem, selected: dict[str, str]) -> dict[int, int]:
    """The engine's result as candidate index → phase index."""
    names = [ph.name for ph in p.phases]
    return {p.candidates.codes.index(c): names.index(ph) for c, ph in selected.items()}
