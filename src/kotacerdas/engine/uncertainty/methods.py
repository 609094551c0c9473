"""Vectorised kernels: imputation, normalisation, batched aggregation over samples, ranking.

Formulas follow COINr's ``i_mean``/``n_minmax``/``n_zscore``/``a_amean``/``a_gmean``/``a_hmean``: missing
values are skipped and the weights of the available children are rescaled to sum to one; the z-score
uses the sample standard deviation (n − 1); ranks are descending with ties given the minimum rank.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import MethodError

from .problem import ImputeSpec, NormaliseSpec

FloatArray = NDArray[np.float64]


def impute(data: FloatArray, spec: ImputeSpec, groups: Mapping[str, tuple[str, ...]]) -> FloatArray:
    """Fill missing values by the column mean/median, overall or within a group; ``none`` copies."""
    if spec.method == "none" or not np.isnan(data).any():
        return data
    out = data.copy()
    if spec.method in ("mean", "median"):
        segments = [np.arange(data.shape[0])]
    else:
        if spec.group is None or spec.group not in groups:
            raise MethodError(
                f"imputation {spec.label()} needs a known group column", hint=f"groups: {sorted(groups)}"
            )
        labels = np.asarray(groups[spec.group])
        segments = [np.flatnonzero(labels == g) for g in np.unique(labels)]
    for rows in segments:
        block = out[rows]
        fill = _column_stat(data[rows], median=spec.method.endswith("median"))
        hole = np.isnan(block)
        block[hole] = np.broadcast_to(fill, block.shape)[hole]
        out[rows] = block
    return out


def _column_stat(block: FloatArray, *, median: bool) -> FloatArray:
    """Column mean or median ignoring NaN (NaN where a column is empty), without numpy's warnings."""
    count = np.sum(~np.isnan(block), axis=0)
    fill = np.full(block.shape[1], np.nan)
    has = count > 0
    if median:
        fill[has] = np.nanmedian(block[:, has], axis=0)
    else:
        fill[has] = np.nansum(block[:, has], axis=0) / count[has]
    return fill


def normalise(
    data: FloatArray, spec: NormaliseSpec, directions: FloatArray, codes: tuple[str, ...]
) -> FloatArray:
    """Normalise each column after multiplying by its direction; raises MethodError on a degenerate column."""
    x = data * directions
    present = ~np.isnan(x)
    count = present.sum(axis=0)
    if spec.method == "minmax":
        low, high = spec.params
        lo = np.fmin.reduce(x, axis=0)
        hi = np.fmax.reduce(x, axis=0)
        _check_spread(hi - lo, codes, spec)
        scaled: FloatArray = (x - lo) / (hi - lo) * (high - low) + low
        return scaled
    if spec.method == "zscore":
        mean, sd = spec.params
        mu = np.nansum(x, axis=0) / np.maximum(count, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            sdev = np.sqrt(np.nansum((x - mu) ** 2, axis=0) / (count - 1))
        _check_spread(np.where(count > 1, sdev, 0.0), codes, spec)
        standard: FloatArray = (x - mu) / sdev * sd + mean
        return standard
    from scipy.stats import rankdata  # here: slow (~0.5 s), only rank methods use it

    ranks: FloatArray = rankdata(np.where(present, x, np.inf), method="min", axis=0).astype(np.float64)
    ranks[~present] = np.nan
    if spec.method == "rank":
        return ranks
    share: FloatArray = (ranks - 1) / np.maximum(count - 1, 1)
    return share


def _check_spread(spread: FloatArray, codes: tuple[str, ...], spec: NormaliseSpec) -> None:
    bad = np.flatnonzero(~(spread > 0))
    if bad.size:
        raise MethodError(
            f"normalisation {spec.label()}: indicator {codes[bad[0]]!r} has no spread (constant or empty)"
        )


@dataclass(frozen=True)
class LevelTerms:
    """Children's values transformed for one mean: terms (0 where missing), presence, positivity."""

    terms: FloatArray
    present: FloatArray
    nonpositive: NDArray[np.bool_]
    complete: bool


def level_terms(values: FloatArray, method: str) -> LevelTerms:
    """Precompute what a weighted mean needs: x, log x or 1/x with 0 where missing; which children are <= 0.

    ``values`` is units × children (shared by all samples) or samples × children × units (units last, so
    per-sample products are long BLAS rows); ``nonpositive`` is per child (per sample).
    """
    unit_axis = 0 if values.ndim == 2 else -1
    missing = np.isnan(values)
    complete = not missing.any()
    if method == "arithmetic":
        shape = values.shape[1:] if values.ndim == 2 else values.shape[:-1]
        none: NDArray[np.bool_] = np.zeros(shape, dtype=bool)
        if complete:
            return LevelTerms(values, np.ones((1,) * values.ndim), none, True)
        return LevelTerms(np.where(missing, 0.0, values), (~missing).astype(np.float64), none, False)
    present = ~missing
    positive = present & (values > 0)
    nonpositive = np.asarray((present & ~positive).any(axis=unit_axis))
    if method == "geometric":
        terms = np.log(np.where(positive, values, 1.0))
    else:
        terms = np.where(positive, 1.0 / np.where(positive, values, 1.0), 0.0)
    return LevelTerms(terms, present.astype(np.float64), nonpositive, complete)


def _weighted_sum(matrix: FloatArray, member: FloatArray) -> FloatArray:
    """Per sample, parents × units sums of weighted children: one BLAS product for a shared matrix."""
    if matrix.ndim == 3:
        stacked: FloatArray = np.matmul(member.transpose(0, 2, 1), matrix)
        return stacked
    n_samples, n_children, n_parents = member.shape
    flat = member.transpose(0, 2, 1).reshape(n_samples * n_parents, n_children)
    product: FloatArray = (flat @ matrix.T).reshape(n_samples, n_parents, matrix.shape[0])
    return product


def aggregate_level(
    values: FloatArray | LevelTerms,
    weights: FloatArray,
    parent: NDArray[np.intp],
    n_parents: int,
    method: str,
    min_availability: FloatArray | None,
) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Aggregate children into parents for a batch of samples.

    ``values`` is units × children (shared by every sample, optionally precomputed by :func:`level_terms`)
    or samples × children × units; ``weights`` is samples × children. Returns samples × parents × units
    and, per sample, whether the method was invalid for the values (a non-positive value entering a
    geometric or harmonic mean with a positive weight).
    """
    parts = values if isinstance(values, LevelTerms) else level_terms(values, method)
    n_samples, n_children = weights.shape
    member = np.zeros((n_samples, n_children, n_parents))
    member[:, np.arange(n_children), parent] = weights
    used = weights > 0
    invalid: NDArray[np.bool_] = np.zeros(n_samples, dtype=bool)
    if method != "arithmetic":
        invalid = np.asarray((parts.nonpositive & used).any(axis=1), dtype=bool)
    numerator = _weighted_sum(parts.terms, member)
    weight_sums = member.sum(axis=1)
    if parts.complete:
        denominator = np.broadcast_to(weight_sums[:, :, None], numerator.shape)
    else:
        denominator = _weighted_sum(parts.present, member)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "arithmetic":
            out = numerator / denominator
        elif method == "geometric":
            out = np.exp(numerator / denominator)
        else:
            out = denominator / numerator
    # a parent with no available (or no weighted) child has 0/0 = NaN: missing terms are exactly 0
    if min_availability is not None and not parts.complete:
        onehot = np.zeros((n_samples, n_children, n_parents))
        onehot[:, np.arange(n_children), parent] = used
        available = _weighted_sum(parts.present, onehot)
        total = onehot.sum(axis=1)[:, :, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            short = available / total < min_availability[:, None, None]
        out[short] = np.nan
    return out, invalid


def descending_ranks(scores: FloatArray) -> NDArray[np.int32]:
    """Rank each row, highest score = 1, ties get the minimum rank; a missing score gets rank 0."""
    missing = np.isnan(scores)
    key = np.where(missing, np.inf, -scores)
    order = np.argsort(key, axis=-1)
    ordered = np.take_along_axis(key, order, axis=-1)
    n = key.shape[-1]
    new = np.ones(ordered.shape, dtype=bool)
    new[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    first = np.where(new, np.arange(n, dtype=np.int32), 0).astype(np.int32)
    np.maximum.accumulate(first, axis=-1, out=first)
    ranks: NDArray[np.int32] = np.empty(key.shape, dtype=np.int32)
    np.put_along_axis(ranks, order, first + 1, axis=-1)
    ranks[missing] = 0
    return ranks
