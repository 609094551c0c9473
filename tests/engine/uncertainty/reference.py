"""An independent, deliberately naive Monte Carlo: rebuild the index sample by sample, parent by parent.

This is how COINr's ``get_sensitivity`` works (one full regeneration per sample). It imports nothing
of the engine it checks: decoding the draws, imputation, normalisation, aggregation and ranking are
written here again from their definitions (docs/uncertainty.md, COINr's ``i_mean``/``n_minmax``/
``n_zscore``/``a_amean``/``a_gmean``/``a_hmean``), in plain numpy and mostly in Python loops. It reads the
problem and the parsed factors only as plain data. It is the baseline ``benchmarks/bench_uncertainty.py``
compares against, and the tests check the vectorised kernel against it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
FACTOR_ORDER = ("normalise", "aggregate", "impute", "treat", "exclude", "min_availability")


class Failed(Exception):
    """A sample whose methods are undefined for its data (the kernel counts it as failed)."""


def columns_of(problem: Any, factors: Any) -> tuple[dict[int, list[int]], dict[str, int]]:
    """Draw columns: one per perturbed weight (levels in order), then one per other factor present."""
    weight_columns: dict[int, list[int]] = {}
    n = 0
    for level in sorted(factors.weight_noise or {}):
        size = len(problem.hierarchy.codes[level - 1])
        weight_columns[level] = list(range(n, n + size))
        n += size
    present = {
        "normalise": bool(factors.normalise),
        "aggregate": bool(factors.aggregate),
        "impute": bool(factors.impute),
        "treat": bool(factors.treat),
        "exclude": bool(factors.exclude),
        "min_availability": factors.min_availability is not None,
    }
    others = {}
    for name in FACTOR_ORDER:
        if present[name]:
            others[name] = n
            n += 1
    return weight_columns, others


def pick(u: float, k: int) -> int:
    """Option ``floor(u·k)`` of ``k`` equally likely options."""
    return min(int(u * k), k - 1)


def impute(data: FloatArray, method: str, group: str | None, groups: dict[str, Any]) -> FloatArray:
    """Column mean or median over all units, or within each group (units without a group stay missing)."""
    out = data.copy()
    if method == "none":
        return out
    if method.startswith("group_"):
        labels = list(groups[group])
        blocks = [
            [i for i, g in enumerate(labels) if g == key] for key in dict.fromkeys(labels) if key is not None
        ]
    else:
        blocks = [list(range(data.shape[0]))]
    stat = np.median if method.endswith("median") else np.mean
    for rows in blocks:
        for j in range(data.shape[1]):
            values = [data[i, j] for i in rows if not np.isnan(data[i, j])]
            if values:
                for i in rows:
                    if np.isnan(data[i, j]):
                        out[i, j] = stat(values)
    return out


def normalise_column(x: FloatArray, spec: Any, target: float, direction: float) -> FloatArray:
    """One column, already multiplied by its direction, by the spec's method; Failed when undefined."""
    ok = ~np.isnan(x)
    values = x[ok]
    if values.size == 0:
        raise Failed("no values")
    method = spec.method
    if method == "none":
        return x.copy()
    if method == "minmax":
        lo, hi = values.min(), values.max()
        if hi == lo:
            raise Failed("constant")
        return spec.range[0] + (x - lo) * (spec.range[1] - spec.range[0]) / (hi - lo)
    if method == "zscore":
        if values.size < 2 or np.std(values) == 0:
            raise Failed("constant")
        return spec.mean + spec.sd * (x - np.mean(values)) / np.std(values, ddof=1)
    ranks = np.array([np.nan if np.isnan(v) else 1.0 + np.sum(values < v) for v in x])
    if method == "rank":
        return ranks
    if method == "percentile_rank":
        if values.size < 2:
            raise Failed("one value")
        return (ranks - 1) / (values.size - 1)
    if method == "distance_to_target":
        goal = (spec.target if spec.target is not None else target) * direction  # on the same side as x
        if np.isnan(goal) or goal == values.min():
            raise Failed("no target")
        y = (x - values.min()) / (goal - values.min())
        return np.minimum(y, 1.0) if spec.cap else y
    raise AssertionError(f"the reference has no {method}")


def normalise(data: FloatArray, spec: Any, directions: FloatArray, targets: FloatArray) -> FloatArray:
    """Every column by one spec; a goalpost's direction flips the goalposts, not the data."""
    out = np.empty_like(data)
    for j in range(data.shape[1]):
        if spec.method == "goalposts":
            lower, upper = (spec.lower, spec.upper) if directions[j] > 0 else (spec.upper, spec.lower)
            y = (data[:, j] - lower) / (upper - lower)
            out[:, j] = spec.scale * (np.clip(y, 0, 1) if spec.truncate else y)
        else:
            out[:, j] = normalise_column(data[:, j] * directions[j], spec, targets[j], directions[j])
    return out


def weighted_mean(values: FloatArray, weights: FloatArray, method: str) -> FloatArray:
    """Per row, the weighted mean of its non-missing entries, weights rescaled over them."""
    out = np.full(values.shape[0], np.nan)
    for row in range(values.shape[0]):
        ok = ~np.isnan(values[row]) & (weights > 0)
        if not ok.any():
            continue
        x, w = values[row, ok], weights[ok] / weights[ok].sum()
        if method == "arithmetic":
            out[row] = np.sum(w * x)
        elif np.any(x <= 0):
            raise Failed(f"{method} mean of a non-positive value")
        elif method == "geometric":
            out[row] = np.prod(x**w)
        else:
            out[row] = 1.0 / np.sum(w / x)
    return out


def naive_scores(problem: Any, factors: Any, draws: FloatArray) -> tuple[FloatArray, list[str | None]]:
    """Index scores for each row of draws, computed one sample (and one unit) at a time."""
    weight_columns, col = columns_of(problem, factors)
    n_indicators = len(problem.hierarchy.codes[0])
    targets = np.full(n_indicators, np.nan) if problem.targets is None else problem.targets
    sizes = [len(c) for c in problem.hierarchy.codes]
    data_options = list(factors.treat) or [""]
    imputes = list(factors.impute) or [problem.impute]
    norms = list(factors.normalise) or [problem.normalise]
    methods = [a.method for a in factors.aggregate] or [problem.aggregate.method]
    scores = np.full((draws.shape[0], len(problem.units)), np.nan)
    reasons: list[str | None] = []
    for s, u in enumerate(draws):
        label = data_options[pick(u[col["treat"]], len(data_options))] if "treat" in col else ""
        imp = imputes[pick(u[col["impute"]], len(imputes))] if "impute" in col else imputes[0]
        norm = norms[pick(u[col["normalise"]], len(norms))] if "normalise" in col else norms[0]
        method = methods[pick(u[col["aggregate"]], len(methods))] if "aggregate" in col else methods[0]
        weights = [np.array(w, dtype=np.float64) for w in problem.weights]
        for level, noise in (factors.weight_noise or {}).items():
            for k, c in enumerate(weight_columns[level]):
                weights[level - 1][k] *= 1.0 + noise * (2.0 * u[c] - 1.0)
        if "exclude" in col:
            dropped = pick(u[col["exclude"]], len(factors.exclude) + 1)
            if dropped:
                weights[0][list(problem.hierarchy.codes[0]).index(factors.exclude[dropped - 1])] = 0.0
        threshold = problem.aggregate.min_availability
        if factors.min_availability is not None:
            low, high = factors.min_availability
            threshold = low + float(u[col["min_availability"]]) * (high - low)
        try:
            nominal = not label and imp == problem.impute and norm == problem.normalise
            if problem.normalised is not None and nominal:
                values = problem.normalised
            else:
                raw = problem.data_variants[label] if label else problem.data
                values = normalise(impute(raw, imp.method, imp.group, dict(problem.groups)), norm,
                                   problem.directions, targets)  # fmt: skip
            for level, parent in enumerate(problem.hierarchy.parents):
                w = weights[level]
                nxt = np.full((values.shape[0], sizes[level + 1]), np.nan)
                for p in range(sizes[level + 1]):
                    kids = [c for c in range(len(parent)) if parent[c] == p and w[c] > 0]
                    nxt[:, p] = weighted_mean(values[:, kids], w[kids], method)
                    if threshold is not None and kids:
                        share = np.sum(~np.isnan(values[:, kids]), axis=1) / len(kids)
                        nxt[share < threshold, p] = np.nan
                values = nxt
        except Failed as exc:
            reasons.append(str(exc))
            continue
        scores[s] = values[:, 0]
        reasons.append(None)
    return scores, reasons


def ranks(scores: FloatArray) -> NDArray[np.int32]:
    """Per row: 1 + the number of strictly higher scores; a missing score gets 0."""
    out = np.zeros(scores.shape, dtype=np.int32)
    for s, row in enumerate(scores):
        for i, v in enumerate(row):
            if not np.isnan(v):
                out[s, i] = 1 + int(np.sum(row[~np.isnan(row)] > v))
    return out


def naive_ranks(problem: Any, factors: Any, draws: FloatArray) -> NDArray[np.int32]:
    """Ranks (samples × units; 0 = failed or unranked) from :func:`naive_scores`."""
    scores, reasons = naive_scores(problem, factors, draws)
    out = ranks(scores)
    out[[r is not None for r in reasons]] = 0
    return out
