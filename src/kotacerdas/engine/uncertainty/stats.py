"""Rank statistics accumulated chunk by chunk, in integers, so results do not depend on chunking.

Memory stays bounded whatever the sample count: with at least as many samples as units the accumulator
keeps a units × ranks histogram (exact quantiles from cumulative counts); otherwise it keeps the
samples × units rank matrix, which is then the smaller of the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
QUANTILES: tuple[float, float, float] = (0.05, 0.5, 0.95)


@dataclass
class ChunkSummary:
    """What one chunk contributes: integer sums, its rank rows or histogram, per-sample outputs."""

    start: int
    shift_sum: NDArray[np.int64]
    top_count: NDArray[np.int64]
    count: NDArray[np.int64]
    sample_shift: FloatArray
    reasons: list[str | None]
    histogram: NDArray[np.int64] | None = None
    ranks: NDArray[np.int32] | None = None
    scores: FloatArray | None = None


def summarise_chunk(
    start: int,
    ranks: NDArray[np.int32],
    reasons: list[str | None],
    nominal: NDArray[np.int32],
    top: int,
    in_stats: NDArray[np.bool_],
    keep_ranks: bool,
) -> ChunkSummary:
    """Reduce a chunk's ranks (0 = no rank) to the integer sums the accumulator merges."""
    n_units = ranks.shape[1]
    ranked = ranks > 0
    shift = np.abs(ranks.astype(np.int64) - nominal) * ranked
    with np.errstate(invalid="ignore", divide="ignore"):
        sample_shift = shift.sum(axis=1) / ranked.sum(axis=1)
    used = ranks[in_stats]
    used_ranked = used > 0
    summary = ChunkSummary(
        start=start,
        shift_sum=shift[in_stats].sum(axis=0),
        top_count=((used <= top) & used_ranked).sum(axis=0).astype(np.int64),
        count=used_ranked.sum(axis=0).astype(np.int64),
        sample_shift=np.where(ranked.any(axis=1), sample_shift, np.nan),
        reasons=reasons,
    )
    if keep_ranks:
        summary.ranks = used
    else:
        unit = np.broadcast_to(np.arange(n_units), used.shape)[used_ranked]
        flat = unit * n_units + (used[used_ranked] - 1)
        summary.histogram = np.bincount(flat, minlength=n_units * n_units).reshape(n_units, n_units)
    return summary


@dataclass
class RankAccumulator:
    """Merges chunk summaries in sample order and computes the per-unit statistics at the end."""

    n_units: int
    keep_ranks: bool
    shift_sum: NDArray[np.int64] = field(init=False)
    top_count: NDArray[np.int64] = field(init=False)
    count: NDArray[np.int64] = field(init=False)
    histogram: NDArray[np.int64] | None = field(init=False)
    rank_rows: list[NDArray[np.int32]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.shift_sum = np.zeros(self.n_units, dtype=np.int64)
        self.top_count = np.zeros(self.n_units, dtype=np.int64)
        self.count = np.zeros(self.n_units, dtype=np.int64)
        self.histogram = None if self.keep_ranks else np.zeros((self.n_units, self.n_units), dtype=np.int64)

    def add(self, chunk: ChunkSummary) -> None:
        """Merge one chunk (call in increasing ``chunk.start`` order)."""
        self.shift_sum += chunk.shift_sum
        self.top_count += chunk.top_count
        self.count += chunk.count
        if chunk.ranks is not None:
            self.rank_rows.append(chunk.ranks)
        if chunk.histogram is not None and self.histogram is not None:
            self.histogram += chunk.histogram

    def quantiles(self) -> FloatArray:
        """Per unit q05, median, q95 of the rank (R type 7 / numpy 'linear'); NaN where never ranked."""
        if self.histogram is not None:
            cumulative = np.cumsum(self.histogram, axis=1)

            def order_stat(i: NDArray[np.int64]) -> FloatArray:
                found: FloatArray = ((cumulative <= i[:, None]).sum(axis=1) + 1).astype(np.float64)
                return found
        else:
            stacked = (
                np.concatenate(self.rank_rows, axis=0)
                if self.rank_rows
                else np.zeros((0, self.n_units), np.int32)
            )
            ordered = np.sort(np.where(stacked > 0, stacked, np.iinfo(np.int32).max), axis=0)

            def order_stat(i: NDArray[np.int64]) -> FloatArray:
                safe = np.clip(i, 0, max(ordered.shape[0] - 1, 0))
                picked: FloatArray = np.take_along_axis(ordered, safe[None, :], axis=0)[0].astype(np.float64)
                return picked

        out = np.full((len(QUANTILES), self.n_units), np.nan)
        has = self.count > 0
        for row, q in enumerate(QUANTILES):
            h = (self.count - 1) * q
            lo = np.floor(h).astype(np.int64)
            frac = h - lo
            a = order_stat(np.maximum(lo, 0))
            b = order_stat(np.minimum(lo + 1, np.maximum(self.count - 1, 0)))
            out[row, has] = (a + (b - a) * frac)[has]
        return out

    def mean_abs_shift(self) -> FloatArray:
        """Mean absolute difference between a unit's rank and its nominal rank."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.count > 0, self.shift_sum / np.maximum(self.count, 1), np.nan)

    def p_top(self) -> FloatArray:
        """Share of valid samples in which the unit ranks within the top N."""
        return np.where(self.count > 0, self.top_count / np.maximum(self.count, 1), np.nan)
