"""Severity/leniency calibration of assessors by an additive assessor effect.

Model: ``score(region r, assessor a) = μ_r + β_a + ε`` with ``Σ_a β_a = 0``, fitted by ordinary least
squares. ``β_a > 0`` is a lenient assessor, ``β_a < 0`` a severe one; the calibrated score of a rating
is ``score − β_a`` and the calibrated score of a region is ``μ_r``. This is the two-way additive
(no-interaction) model of an incomplete block design, fitted by least squares as in Searle, S. R.
(1987), *Linear Models for Unbalanced Data*, Wiley, ch. 4; its use for rater severity follows the
additive "rater effects" of Wilson, H. G. (1988), Parameter estimation for peer grading under
incomplete design, *Educational and Psychological Measurement* 48(1), 69–81.

The effects are identifiable only when the region–assessor graph is connected (every two assessors
are linked through shared regions); otherwise the entry point raises a :class:`MethodError`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kotacerdas import __version__
from kotacerdas.errors import MethodError

from .rounding import group_means


@dataclass(frozen=True)
class CalibrationResult:
    """Raw and calibrated scores side by side, the assessor effects and the method used."""

    region_raw: NDArray[np.float64]
    region_calibrated: NDArray[np.float64]
    assessor_effect: NDArray[np.float64]
    rating_calibrated: NDArray[np.float64]
    residual_sd: float
    ratings: int
    method: str = "additive assessor effect, least squares, sum-to-zero (Searle 1987; Wilson 1988)"
    version: str = __version__


def calibrate(
    region: ArrayLike, assessor: ArrayLike, score: ArrayLike, *, n_regions: int, n_assessors: int
) -> CalibrationResult:
    """Estimate assessor effects and calibrated region scores from long-format ratings.

    ``region`` and ``assessor`` are integer indices per rating, ``score`` the rating itself.
    Every region and assessor index must have at least one rating.
    """
    # Imported here: scipy.sparse is slow to import and engine.review's other users do not need it.
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    r = np.asarray(region, dtype=np.int64)
    a = np.asarray(assessor, dtype=np.int64)
    y = np.asarray(score, dtype=np.float64)
    if not (r.shape == a.shape == y.shape) or r.ndim != 1:
        raise MethodError(
            "region, assessor and score must be 1-D arrays of the same length", code="calibration_shape"
        )
    if not np.isfinite(y).all():
        raise MethodError("scores contain NaN or infinite values", code="scores_not_finite")
    if r.size == 0 or r.min() < 0 or r.max() >= n_regions or a.min() < 0 or a.max() >= n_assessors:
        raise MethodError("region or assessor index out of range", code="calibration_index_range")
    counts_r = np.bincount(r, minlength=n_regions)
    counts_a = np.bincount(a, minlength=n_assessors)
    if (counts_r == 0).any() or (counts_a == 0).any():
        raise MethodError(
            "every region and every assessor needs at least one rating", code="calibration_unrated"
        )
    graph = coo_matrix((np.ones(r.size), (r, n_regions + a)), shape=(n_regions + n_assessors,) * 2).tocsr()
    components, _ = connected_components(graph, directed=False)
    if components > 1:
        raise MethodError(
            f"the region–assessor design falls apart into {components} unconnected groups, so assessor "
            "effects cannot be compared across them",
            hint="assign at least one assessor who also rates regions of another group",
            code="design_disconnected",
            params={"groups": int(components)},
        )
    design = np.zeros((r.size, n_regions + n_assessors))
    design[np.arange(r.size), r] = 1.0
    design[np.arange(r.size), n_regions + a] = 1.0
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    mu, beta = coef[:n_regions], coef[n_regions:]
    # the model is invariant under (μ + c, β − c); pick the solution with Σβ = 0
    shift = beta.mean()
    beta = beta - shift
    mu = mu + shift
    fitted = mu[r] + beta[a]
    dof = r.size - (n_regions + n_assessors - 1)
    resid = y - fitted
    residual_sd = float(np.sqrt((resid @ resid) / dof)) if dof > 0 else 0.0
    return CalibrationResult(
        region_raw=np.array(group_means(r, y, n_regions)),  # decimal means: the rounding rule
        region_calibrated=mu,
        assessor_effect=beta,
        rating_calibrated=y - beta[a],
        residual_sd=residual_sd,
        ratings=int(r.size),
    )
