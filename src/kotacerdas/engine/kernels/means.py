"""Aggregation methods: one registry entry per weighted mean, used by the index build and the Monte Carlo.

Every entry has its exact kernel, ``(..., units, children)`` values and ``(..., children)`` weights to
``(..., units)`` scores, with NaN for a missing child and the weights renormalised over each unit's
available children, as COINr's ``a_amean``/``a_gmean``/``a_hmean``: sums are accumulated in extended
precision like R's, so results equal COINr's to the last bit. A quasi-arithmetic mean
``g(Σ w·f(x) / Σ w)`` also gives its term ``f`` and how numerator and denominator combine, which the
batched sample kernel (:func:`.aggregate.aggregate_level`) uses to score thousands of weight vectors
with one matrix product.

Mazziotta–Pareto (Mazziotta & Pareto 2016, *Soc. Indic. Res.* 127:983–1003): children are standardised
to mean 100 and sd 10 (population sd) across units, and each unit scores M − S·(S/M) where M and S
are the (weighted) mean and sd of its standardised values, penalising unbalanced profiles. It has no
batched form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .extended import c_exp, c_log, ext_sum

FloatArray = NDArray[np.float64]


def _present_weights(x: FloatArray, w: FloatArray) -> tuple[NDArray[np.bool_], FloatArray]:
    mask = ~np.isnan(x)
    return mask, np.where(mask, np.asarray(w, dtype=np.float64)[..., None, :], 0.0)


def arithmetic(x: FloatArray, w: FloatArray) -> FloatArray:
    """Weighted arithmetic mean over available children (weights rescaled to sum to one first)."""
    mask, wm = _present_weights(x, w)
    wn = wm / ext_sum(wm, axis=-1)[..., None]
    return ext_sum(np.where(mask, wn * x, 0.0), axis=-1)


def geometric(x: FloatArray, w: FloatArray) -> FloatArray:
    """Weighted geometric mean; children must be positive."""
    mask, wm = _present_weights(x, w)
    logs = np.where(mask, wm * c_log(np.where(mask, x, 1.0)), 0.0)
    return c_exp(ext_sum(logs, axis=-1) / ext_sum(wm, axis=-1))


def harmonic(x: FloatArray, w: FloatArray) -> FloatArray:
    """Weighted harmonic mean; children must be positive."""
    mask, wm = _present_weights(x, w)
    inverse = ext_sum(np.where(mask, wm / np.where(mask, x, 1.0), 0.0), axis=-1)
    return np.asarray(ext_sum(wm, axis=-1) / inverse, dtype=np.float64)


def mazziotta_pareto(x: FloatArray, w: FloatArray) -> FloatArray:
    """Mazziotta–Pareto index (MPI with the negative penalty), weighted over available children."""
    mean = np.nanmean(x, axis=-2, keepdims=True)
    sd = np.nanstd(x, axis=-2, keepdims=True)
    sd = np.where(sd > 0, sd, 1.0)
    z = 100.0 + 10.0 * (x - mean) / sd
    mask, wm = _present_weights(z, w)
    wn = wm / wm.sum(axis=-1, keepdims=True)
    m = np.where(mask, wn * z, 0.0).sum(axis=-1)
    s = np.sqrt(np.where(mask, wn * (z - m[..., None]) ** 2, 0.0).sum(axis=-1))
    return np.asarray(m - s * (s / m), dtype=np.float64)


def _divide(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    return np.asarray(numerator / denominator, dtype=np.float64)


@dataclass(frozen=True)
class Mean:
    """A weighted mean: its exact kernel, whether children must be positive, and its batched form.

    ``term`` is ``f`` (applied to positive values only) and ``combine(Σ w·f(x), Σ w)`` gives the
    mean; both are None for a mean that is not quasi-arithmetic.
    """

    exact: Callable[[FloatArray, FloatArray], FloatArray]
    positive: bool = False
    term: Callable[[FloatArray], FloatArray] | None = None
    combine: Callable[[FloatArray, FloatArray], FloatArray] | None = None

    @property
    def batched(self) -> bool:
        """Whether the Monte Carlo's batched kernel can vary weights of this mean per sample."""
        return self.combine is not None


#: every aggregation method, by the name used in configuration files and factors
MEANS: dict[str, Mean] = {
    "arithmetic": Mean(arithmetic, term=lambda x: x, combine=_divide),
    "geometric": Mean(geometric, positive=True, term=np.log, combine=lambda n, d: np.exp(n / d)),
    "harmonic": Mean(harmonic, positive=True, term=lambda x: 1.0 / x, combine=lambda n, d: _divide(d, n)),
    "mazziotta_pareto": Mean(mazziotta_pareto),
}
BATCHED = tuple(name for name, mean in MEANS.items() if mean.batched)
