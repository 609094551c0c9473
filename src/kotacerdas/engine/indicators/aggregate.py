"""Aggregate children into their parent, level by level, with a data-availability threshold.

Kernels work on an (units × children) matrix with NaN for missing values; weights are renormalised
over each unit's available children (as COINr's ``a_amean``/``a_gmean``/``a_hmean``). Sums are
accumulated in extended precision like R's, so results equal COINr's to the last bit.
Mazziotta–Pareto (Mazziotta & Pareto 2016, *Soc. Indic. Res.* 127:983–1003): children are
standardised to mean 100 and sd 10 (population sd) across units, and each unit scores
M − S·(S/M) where M and S are the (weighted) mean and sd of its standardised values, penalising
unbalanced profiles.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kotacerdas.errors import MethodError

from .extended import c_exp, c_log, ext_sum

AggregationError = Callable[[int, int, str], MethodError]


def arithmetic(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted arithmetic mean over available children."""
    mask = ~np.isnan(x)
    wm = np.where(mask, w, 0.0)
    wn = wm / ext_sum(wm, axis=1)[:, None]
    return ext_sum(np.where(mask, wn * x, 0.0), axis=1)


def geometric(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted geometric mean; children must be positive."""
    mask = ~np.isnan(x)
    wm = np.where(mask, w, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(mask, wm * c_log(np.where(mask, x, 1.0)), 0.0)
        return c_exp(ext_sum(logs, axis=1) / ext_sum(wm, axis=1))


def harmonic(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted harmonic mean; children must be positive."""
    mask = ~np.isnan(x)
    wm = np.where(mask, w, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(
            ext_sum(wm, axis=1) / ext_sum(np.where(mask, wm / np.where(mask, x, 1.0), 0.0), axis=1),
            dtype=np.float64,
        )


def mazziotta_pareto(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Mazziotta–Pareto index (MPI with the negative penalty), weighted over available children."""
    mean = np.nanmean(x, axis=0)
    sd = np.nanstd(x, axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    z = 100.0 + 10.0 * (x - mean) / sd
    mask = ~np.isnan(z)
    wm = np.where(mask, w, 0.0)
    wn = wm / wm.sum(axis=1, keepdims=True)
    m = np.where(mask, wn * z, 0.0).sum(axis=1)
    s = np.sqrt(np.where(mask, wn * (z - m[:, None]) ** 2, 0.0).sum(axis=1))
    return np.asarray(m - s * (s / m), dtype=np.float64)


KERNELS: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "arithmetic": arithmetic,
    "geometric": geometric,
    "harmonic": harmonic,
    "mazziotta_pareto": mazziotta_pareto,
}


def aggregate_children(
    x: np.ndarray, w: np.ndarray, method: str, min_availability: float | None, error: AggregationError
) -> np.ndarray:
    """One parent's scores from its children's (units × k) matrix; NaN below the availability share."""
    if method in ("geometric", "harmonic"):
        bad = np.argwhere(x <= 0)
        if bad.size:
            unit, child = int(bad[0, 0]), int(bad[0, 1])
            raise error(unit, child, f"{method} mean needs positive values, found {x[unit, child]:g}")
    with np.errstate(invalid="ignore", divide="ignore"):
        out = KERNELS[method](x, np.asarray(w, dtype=np.float64))
    share = (~np.isnan(x)).sum(axis=1) / x.shape[1]
    thr = -1.0 if min_availability is None else min_availability
    out = np.where((share < thr) | (share == 0), np.nan, out)
    return np.asarray(out, dtype=np.float64)
