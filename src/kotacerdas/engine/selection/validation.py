"""Check a :class:`SelectionProblem` before solving, so errors name the culprit instead of the solver."""

from __future__ import annotations

import math

import numpy as np

from kotacerdas.engine.selection.eligibility import label
from kotacerdas.engine.selection.problem import OBJECTIVES, SelectionProblem
from kotacerdas.errors import ConfigError, InputError


def validate_problem(problem: SelectionProblem) -> None:
    """Raise :class:`ConfigError`/:class:`InputError` for anything the optimiser cannot interpret."""
    cands = problem.candidates
    n = len(cands)
    if cands.scores.shape != (n,):
        raise InputError(
            f"{cands.scores.shape[0]} scores for {n} candidates",
            code="score_count",
            params={"scores": cands.scores.shape[0], "candidates": n},
        )
    if len(set(cands.codes)) != n:
        dup = sorted({c for c in cands.codes if cands.codes.count(c) > 1})
        raise InputError(
            f"duplicate candidate codes: {', '.join(dup)}",
            hint="each region once",
            code="duplicate_candidates",
            params={"codes": ", ".join(dup)},
        )
    bad = [cands.codes[i] for i in np.flatnonzero(~np.isfinite(cands.scores))]
    if bad:
        raise InputError(
            f"score {cands.score_name!r} is missing or not finite for {', '.join(bad[:5])}",
            hint="fill the score or drop the region from the file",
            code="score_not_finite",
            params={"score": cands.score_name, "codes": ", ".join(bad[:5])},
        )
    for name, values in cands.attributes.items():
        if len(values) != n:
            raise InputError(
                f"attribute {name!r} has {len(values)} values for {n} candidates",
                code="attribute_count",
                params={"attribute": name, "values": len(values), "candidates": n},
            )
    if not problem.phases:
        raise ConfigError("no phases given", hint="e.g. phases: [{name: '2027', size: 25}]", code="no_phases")
    names = [p.name for p in problem.phases]
    if len(set(names)) != len(names):
        raise ConfigError(f"phase names repeat: {names}", code="phases_repeat", params={"names": str(names)})
    for p in problem.phases:
        if p.size < 1:
            raise ConfigError(
                f"phase {p.name!r} has size {p.size}",
                hint="sizes are positive integers",
                code="phase_size",
                params={"phase": p.name, "size": p.size},
            )
    if problem.objective not in OBJECTIVES:
        raise ConfigError(
            f"unknown objective {problem.objective!r}",
            hint=f"one of {', '.join(OBJECTIVES)}",
            code="objective_unknown",
            params={"objective": problem.objective, "choices": ", ".join(OBJECTIVES)},
        )
    if problem.objective in ("expected_score", "max_probability") and problem.samples is None:
        raise ConfigError(
            f"objective {problem.objective!r} needs uncertainty samples",
            code="objective_without_samples",
            params={"objective": problem.objective},
        )
    if problem.samples is not None and (problem.samples.ndim != 2 or problem.samples.shape[1] != n):
        raise InputError(
            f"samples have shape {problem.samples.shape}; expected (draws, {n})",
            code="samples_shape",
            params={"shape": str(problem.samples.shape), "candidates": n},
        )
    if problem.objective == "maxmin_island_group":
        _check_column(problem, problem.equity_column, "objective", "objective_unknown_column")
    for rule in problem.rules:
        _check_column(problem, rule.column, "eligibility", "eligibility_unknown_column")
        if rule.min is None and rule.max is None and rule.allowed is None:
            raise ConfigError(
                f"eligibility rule on {rule.column!r} has no min, max or allowed values",
                code="rule_without_bounds",
                params={"column": rule.column},
            )
        if rule.order is not None:
            for bound in (rule.min, rule.max):
                if bound is not None and label(bound) not in rule.order:
                    raise ConfigError(
                        f"eligibility {rule.column!r}: {bound!r} is not in its order {list(rule.order)}",
                        code="bound_not_in_order",
                        params={"column": rule.column, "bound": bound, "order": str(list(rule.order))},
                    )
            unknown = sorted(
                {
                    label(v)
                    for v in cands.column(rule.column)
                    if label(v) not in rule.order and v != "" and v == v
                }
            )
            if unknown:
                raise InputError(
                    f"column {rule.column!r} has values outside the order {list(rule.order)}: {unknown[:5]}",
                    code="values_outside_order",
                    params={
                        "column": rule.column,
                        "order": str(list(rule.order)),
                        "values": str(unknown[:5]),
                    },
                )
    for quota in problem.quotas:
        _check_column(problem, quota.by, "quota", "quota_unknown_column")
        if quota.over not in ("phase", "all"):
            raise ConfigError(
                f"quota by {quota.by!r}: over must be 'phase' or 'all', not {quota.over!r}",
                code="quota_over_value",
                params={"by": quota.by, "over": quota.over},
            )
        if all(b is None for b in (quota.min, quota.max, quota.min_share, quota.max_share)):
            raise ConfigError(
                f"quota by {quota.by!r} has no bound",
                hint="give min, max, min_share or max_share",
                code="quota_unbounded",
                params={"by": quota.by},
            )
        for bound in (quota.min, quota.max):
            if bound is not None and bound < 0:
                raise ConfigError(
                    f"quota by {quota.by!r}: bound {bound} is negative",
                    code="quota_bound_negative",
                    params={"by": quota.by, "bound": bound},
                )
        for share in (quota.min_share, quota.max_share):
            if share is not None and not (0.0 <= share <= 1.0 and math.isfinite(share)):
                raise ConfigError(
                    f"quota by {quota.by!r}: share {share} is not between 0 and 1",
                    code="quota_share_range",
                    params={"by": quota.by, "share": share},
                )
        if quota.min is not None and quota.max is not None and quota.min > quota.max:
            raise ConfigError(
                f"quota by {quota.by!r}: min {quota.min} > max {quota.max}",
                code="quota_min_above_max",
                params={"by": quota.by, "min": quota.min, "max": quota.max},
            )


def _check_column(problem: SelectionProblem, column: str, where: str, code: str) -> None:
    cands = problem.candidates
    if column != cands.score_name and column not in cands.attributes:
        known = [cands.score_name, *sorted(cands.attributes)]
        raise ConfigError(
            f"{where} refers to unknown column {column!r}",
            hint=f"columns: {', '.join(known)}",
            code=code,
            params={"column": column, "columns": ", ".join(known)},
        )
