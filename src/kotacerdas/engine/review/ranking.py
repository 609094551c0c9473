"""Rankings with uncertainty, ranks within peer groups, and awards with documented tie-breaking.

Uncertainty comes from the panel: each region was scored by a few assessors, and another draw of
assessors would have given other scores. The bootstrap resamples, for every region independently,
its assessors' ratings with replacement (Efron, B. & Tibshirani, R. J. (1993), *An Introduction to
the Bootstrap*, Chapman & Hall, ch. 6), re-ranks all regions each time and reports the median rank,
a 90 % rank interval and the probability of ranking in the top ``top`` — in the spirit of the rank
intervals of Goldstein, H. & Spiegelhalter, D. J. (1996), League tables and their limitations,
*J. R. Stat. Soc. A* 159(3), 385–443.

Rank 1 is the best (highest score); equal scores share the best rank of their tie ("competition"
ranking, 1-2-2-4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kotacerdas import __version__
from kotacerdas.engine.seeding import RngLike, as_generator
from kotacerdas.errors import MethodError


@dataclass(frozen=True)
class RankingResult:
    """Scores, nominal ranks and bootstrap rank statistics per region."""

    score: NDArray[np.float64]
    rank: NDArray[np.int64]
    median_rank: NDArray[np.float64]
    q05: NDArray[np.float64]
    q95: NDArray[np.float64]
    p_top: NDArray[np.float64]
    samples: int
    top: int
    seed: int | None
    method: str = "bootstrap of each region's assessors (Efron & Tibshirani 1993), competition ranks"
    version: str = __version__


def competition_rank(score: ArrayLike) -> NDArray[np.int64]:
    """Rank 1 for the highest score; ties share the best rank (1-2-2-4)."""
    from scipy.stats import rankdata  # here: scipy.stats is slow to import (~0.5 s)

    s = np.asarray(score, dtype=np.float64)
    return np.asarray(rankdata(-s, method="min"), dtype=np.int64)


def rank_within(score: ArrayLike, group: Sequence[str]) -> NDArray[np.int64]:
    """Competition rank of each region within its peer group (e.g. kota/kabupaten, size class)."""
    s = np.asarray(score, dtype=np.float64)
    labels = np.asarray(group)
    if labels.shape != s.shape:
        raise MethodError("one peer-group label per score is needed", code="peer_labels")
    out = np.zeros(s.size, dtype=np.int64)
    for g in np.unique(labels):
        members = labels == g
        out[members] = competition_rank(s[members])
    return out


def rank_with_uncertainty(
    region: ArrayLike,
    score: ArrayLike,
    *,
    n_regions: int,
    samples: int = 1000,
    top: int = 10,
    rng: RngLike,
) -> RankingResult:
    """Rank regions by their mean rating and bootstrap the ranks over each region's assessors.

    ``region`` gives the region index of each rating and ``score`` the (raw or calibrated) rating.
    ``rng`` is a :class:`numpy.random.Generator` or a seed (0 is a seed like any other).
    """
    r = np.asarray(region, dtype=np.int64)
    y = np.asarray(score, dtype=np.float64)
    if r.shape != y.shape or r.ndim != 1 or r.size == 0:
        raise MethodError(
            "region and score must be 1-D arrays of the same, non-zero length", code="ranking_shape"
        )
    if r.min() < 0 or r.max() >= n_regions:
        raise MethodError("region index out of range", code="region_index_range")
    counts = np.bincount(r, minlength=n_regions)
    if (counts == 0).any():
        raise MethodError(
            f"region index {int(np.argmin(counts))} has no rating",
            code="region_unrated",
            params={"region": int(np.argmin(counts))},
        )
    if samples < 1:
        raise MethodError("samples must be at least 1", code="ranking_samples")
    from scipy.stats import rankdata  # here: scipy.stats is slow to import (~0.5 s)

    seed = rng if isinstance(rng, int) else None
    gen = as_generator(rng)
    mean = np.bincount(r, weights=y, minlength=n_regions) / counts
    order = np.argsort(r, kind="stable")
    y_sorted = y[order]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rating_region = np.repeat(np.arange(n_regions), counts)
    ranks = np.empty((samples, n_regions), dtype=np.float64)
    for s in range(samples):
        # for every rating slot, draw one of the same region's ratings
        pick = starts[rating_region] + (gen.random(r.size) * counts[rating_region]).astype(np.int64)
        boot = np.bincount(rating_region, weights=y_sorted[pick], minlength=n_regions) / counts
        ranks[s] = rankdata(-boot, method="min")
    return RankingResult(
        score=mean,
        rank=competition_rank(mean),
        median_rank=np.median(ranks, axis=0),
        q05=np.quantile(ranks, 0.05, axis=0),
        q95=np.quantile(ranks, 0.95, axis=0),
        p_top=(ranks <= top).mean(axis=0),
        samples=samples,
        top=top,
        seed=seed,
    )


@dataclass(frozen=True)
class Award:
    """One award: the category, the winning region index, its place, and whether a tie remained."""

    category: str
    region: int
    place: int
    score: float
    tie_unresolved: bool


def awards(
    dimension_scores: ArrayLike,
    dimensions: Sequence[str],
    *,
    overall: ArrayLike,
    per_dimension: int = 1,
    overall_places: int = 3,
    region_ids: Sequence[str] | None = None,
) -> tuple[Award, ...]:
    """Per-dimension and overall awards with documented tie-breaking.

    Order within a category: (1) the category's score, higher first; (2) the overall score, higher
    first; (3) the smallest dimension score, higher first (the more balanced region); (4) the region
    id, ascending — a tie that reaches step 4 is flagged ``tie_unresolved`` for the jury to settle.
    A region may win several dimensions (as in the 2021–2022 per-pillar awards, DOMAIN §2.8).
    """
    d = np.asarray(dimension_scores, dtype=np.float64)
    total = np.asarray(overall, dtype=np.float64)
    if d.ndim != 2 or d.shape[1] != len(dimensions) or total.shape != (d.shape[0],):
        raise MethodError(
            "dimension_scores must be regions × dimensions with one overall score per region",
            code="awards_shape",
        )
    ids = list(region_ids) if region_ids is not None else [f"{i:09d}" for i in range(d.shape[0])]
    balance = d.min(axis=1)
    result: list[Award] = []
    categories = [(name, d[:, c], per_dimension) for c, name in enumerate(dimensions)]
    categories.append(("overall", total, overall_places))
    for name, values, places in categories:
        keys = sorted(range(d.shape[0]), key=lambda i: (-values[i], -total[i], -balance[i], ids[i]))
        for place, i in enumerate(keys[:places], start=1):
            neighbours = [j for j in keys if j != i]
            unresolved = any(
                (values[j], total[j], balance[j]) == (values[i], total[i], balance[i]) for j in neighbours
            )
            result.append(Award(name, int(i), place, float(values[i]), unresolved))
    return tuple(result)
