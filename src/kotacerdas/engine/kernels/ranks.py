"""Ranks with ties given the minimum rank (R's ``rank(ties.method = "min")``), as COINr ranks."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def min_rank(x: FloatArray, axis: int = 0) -> FloatArray:
    """Ascending ranks along ``axis`` with ties given the minimum rank; NaN stays NaN.

    The same as ``scipy.stats.rankdata(method="min")``, in numpy: every index build ranks its scores, and
    importing scipy.stats costs more than the whole build.
    """
    present = ~np.isnan(x)
    key = np.moveaxis(np.where(present, x, np.inf), axis, -1)
    order = np.argsort(key, axis=-1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=-1)
    new = np.ones(ordered.shape, dtype=bool)
    new[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    first = np.where(new, np.arange(key.shape[-1]), 0)
    np.maximum.accumulate(first, axis=-1, out=first)
    ranks = np.empty(key.shape, dtype=np.float64)
    np.put_along_axis(ranks, order, (first + 1).astype(np.float64), axis=-1)
    out = np.moveaxis(ranks, -1, axis)
    out[~present] = np.nan
    return out


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
