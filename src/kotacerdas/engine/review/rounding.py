"""The one rounding rule for published scores: exact decimal arithmetic, then half up.

A weighted mean of scores such as 3.3 and 3.33 is 3.315 exactly; in binary floating point it becomes
3.31499…, which Python's ``round`` and ``format`` turn into 3.31 while a spreadsheet (and Django's
``floatformat``) shows 3.32. Scores are therefore averaged as decimals (each float read by its shortest
representation, which is the number the user typed or the rubric stored) and rounded half up, so the CLI,
the results page and the PDF print the same figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal


def as_decimal(value: float | int | Decimal) -> Decimal:
    """The decimal a float stands for: its shortest round-tripping representation (3.315, not 3.31499…)."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def exact_mean(values: Iterable[float], weights: Iterable[float] | None = None) -> Decimal:
    """The (weighted) mean computed in decimal arithmetic; raises ValueError when the weights sum to 0."""
    xs = [as_decimal(v) for v in values]
    ws = [Decimal(1)] * len(xs) if weights is None else [as_decimal(w) for w in weights]
    total = sum(ws, Decimal(0))
    if total == 0:
        raise ValueError("the weights of a mean must not sum to zero")
    return sum((w * x for w, x in zip(ws, xs, strict=True)), Decimal(0)) / total


def half_up(value: float | Decimal, decimals: int = 2) -> Decimal:
    """Round half up (away from zero on a tie) to ``decimals`` places: the rule for every published score."""
    return as_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def group_means(group: Iterable[int], values: Iterable[float], n_groups: int) -> list[float]:
    """Each group's decimal mean of ``values`` (e.g. a region's mean over its assessors); NaN if empty."""
    members: list[list[float]] = [[] for _ in range(n_groups)]
    for g, v in zip(group, values, strict=True):
        members[int(g)].append(float(v))
    return [float(exact_mean(m)) if m else float("nan") for m in members]
