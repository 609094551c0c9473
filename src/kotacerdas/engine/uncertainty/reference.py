"""A deliberately naive Monte Carlo: rebuild the index sample by sample, parent by parent.

This is how COINr's ``get_sensitivity`` works (one full regeneration per sample). It is the baseline the
benchmarks compare against and the independent implementation the tests check the vectorised kernel
with; it decodes the same draws, so both must give the same ranks.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import MethodError

from .factors import Factors, discrete_choice
from .kernel import prepare, sample_weights
from .methods import descending_ranks, impute, normalise
from .problem import UncertaintyProblem

FloatArray = NDArray[np.float64]


def _mean(values: FloatArray, weights: FloatArray, method: str) -> FloatArray:
    """Weighted mean of each row over its non-missing entries (COINr's a_amean / a_gmean / a_hmean)."""
    out = np.full(values.shape[0], np.nan)
    for row in range(values.shape[0]):
        ok = ~np.isnan(values[row]) & (weights > 0)
        if not ok.any():
            continue
        x, w = values[row, ok], weights[ok] / weights[ok].sum()
        if method == "arithmetic":
            out[row] = np.sum(w * x)
        elif np.any(x <= 0):
            raise MethodError(f"{method} mean of zero or negative values")
        elif method == "geometric":
            out[row] = np.exp(np.sum(w * np.log(x)))
        else:
            out[row] = 1.0 / np.sum(w / x)
    return out


def naive_scores(
    problem: UncertaintyProblem, factors: Factors, draws: FloatArray
) -> tuple[FloatArray, list[str | None]]:
    """Index scores for each row of draws, computed one sample (and one unit) at a time."""
    prepared = prepare(problem, factors)
    lay = prepared.layout
    weights = sample_weights(prepared, draws)
    scores = np.full((draws.shape[0], len(problem.units)), np.nan)
    reasons: list[str | None] = []
    sizes = problem.hierarchy.sizes()
    for s in range(draws.shape[0]):

        def pick(name: str, k: int, row: int = s) -> int:
            return (
                int(discrete_choice(draws[row : row + 1, lay.columns[name]], k)[0])
                if name in lay.columns
                else 0
            )

        label = prepared.data_options[pick("treat", len(prepared.data_options))]
        raw = problem.data_variants[label] if label else problem.data
        imp = prepared.impute_options[pick("impute", len(prepared.impute_options))]
        norm = prepared.normalise_options[pick("normalise", len(prepared.normalise_options))]
        method = prepared.aggregate_options[pick("aggregate", len(prepared.aggregate_options))].method
        threshold = problem.aggregate.min_availability
        if factors.min_availability is not None:
            low, high = factors.min_availability
            threshold = low + float(draws[s, lay.columns["min_availability"]]) * (high - low)
        where = ""
        try:
            nominal = not label and imp == problem.impute and norm == problem.normalise
            if problem.normalised is not None and nominal:
                values = problem.normalised
            else:
                filled = impute(raw, imp, problem.groups)
                values = normalise(filled, norm, problem.directions, problem.indicators)
            where = f" after {norm.label()}"
            for level, parent in enumerate(problem.hierarchy.parents):
                w = weights[level][s]
                nxt = np.full((values.shape[0], sizes[level + 1]), np.nan)
                for p in range(sizes[level + 1]):
                    kids = np.flatnonzero((parent == p) & (w > 0))
                    nxt[:, p] = _mean(values[:, kids], w[kids], method)
                    if threshold is not None and kids.size:
                        share = np.sum(~np.isnan(values[:, kids]), axis=1) / kids.size
                        nxt[share < threshold, p] = np.nan
                values = nxt
        except MethodError as exc:
            reasons.append(exc.message + where)
            continue
        scores[s] = values[:, 0]
        reasons.append(None)
    return scores, reasons


def naive_ranks(problem: UncertaintyProblem, factors: Factors, draws: FloatArray) -> NDArray[np.int32]:
    """Ranks (samples × units; 0 = failed or unranked) from :func:`naive_scores`."""
    scores, reasons = naive_scores(problem, factors, draws)
    ranks = descending_ranks(scores)
    ranks[[r is not None for r in reasons]] = 0
    return ranks
