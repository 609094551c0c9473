"""Which candidates may be selected, and for those that may not, the first rule they fail and by how much."""

from __future__ import annotations

import math
from dataclasses import dataclass

from kotacerdas.engine.selection.problem import EligibilityRule, SelectionProblem, Value


@dataclass(frozen=True)
class Failure:
    """A failed eligibility rule: which one, in words, and the shortfall (numeric or ordinal steps)."""

    rule: EligibilityRule
    text: str
    shortfall: float | None


def label(value: Value) -> str:
    """A class label as text: ``3.0`` read from a numeric column matches the label ``3``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_rule(rule: EligibilityRule, value: Value) -> Failure | None:
    """``None`` when ``value`` passes ``rule``; otherwise how it fails."""
    name = rule.column
    if value == "" or (isinstance(value, float) and math.isnan(value)):
        return Failure(rule, f"{name} is missing (rule {rule.describe()})", None)
    if rule.allowed is not None and value not in rule.allowed:
        return Failure(rule, f"{name} {value!r} is not one of {list(rule.allowed)}", None)
    if rule.order is not None:
        pos = rule.order.index(label(value))
        if rule.min is not None and pos < rule.order.index(label(rule.min)):
            steps = rule.order.index(label(rule.min)) - pos
            return Failure(
                rule,
                f"{name} {label(value)!r} is below the minimum {rule.min!r} ({_steps(steps)} short)",
                steps,
            )
        if rule.max is not None and pos > rule.order.index(label(rule.max)):
            steps = pos - rule.order.index(label(rule.max))
            return Failure(
                rule,
                f"{name} {label(value)!r} is above the maximum {rule.max!r} ({_steps(steps)} over)",
                steps,
            )
        return None
    if rule.min is None and rule.max is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return Failure(rule, f"{name} {value!r} is not a number (rule {rule.describe()})", None)
    if rule.min is not None and number < float(rule.min):
        gap = float(rule.min) - number
        return Failure(rule, f"{name} {number:g} is {gap:.4g} below the minimum {float(rule.min):g}", gap)
    if rule.max is not None and number > float(rule.max):
        gap = number - float(rule.max)
        return Failure(rule, f"{name} {number:g} is {gap:.4g} above the maximum {float(rule.max):g}", gap)
    return None


def _steps(n: int) -> str:
    return "1 class" if n == 1 else f"{n} classes"


def screen(problem: SelectionProblem) -> tuple[list[int], dict[int, str], dict[int, Failure]]:
    """Split candidates into eligible indices, excluded ones (with reason) and ineligible ones (first failure)."""
    cands = problem.candidates
    columns = {rule.column: cands.column(rule.column) for rule in problem.rules}
    eligible: list[int] = []
    excluded: dict[int, str] = {}
    failed: dict[int, Failure] = {}
    for i, code in enumerate(cands.codes):
        if code in problem.excluded:
            excluded[i] = problem.excluded[code]
            continue
        failure = next(
            (f for rule in problem.rules if (f := check_rule(rule, columns[rule.column][i])) is not None),
            None,
        )
        if failure is None:
            eligible.append(i)
        else:
            failed[i] = failure
    return eligible, excluded, failed
