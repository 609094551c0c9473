"""Normalise indicators to a common scale, direction −1 handled by negating first (as COINr).

Methods (OECD/JRC Handbook 2008, §5): min-max to [l, u], z-score to a mean and sd, rank (ties get
the minimum rank), percentile rank (rank − 1)/(n − 1), distance to a target, and goalposts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kotacerdas.errors import MethodError

from .extended import ext_mean, ext_sd
from .settings import NormaliseSpec
from .source import DataSource


def min_rank(x: np.ndarray) -> np.ndarray:
    """Ascending ranks with ties given the minimum rank; NaN stays NaN.

    The same as ``scipy.stats.rankdata(method="min")`` in numpy: every index build ranks its scores, and
    importing scipy.stats costs more than the whole build.
    """
    out = np.full(x.shape, np.nan)
    mask = ~np.isnan(x)
    values = x[mask]
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.ones(ordered.shape, dtype=bool)
    new[1:] = ordered[1:] != ordered[:-1]
    first = np.maximum.accumulate(np.where(new, np.arange(ordered.size), 0))
    ranks = np.empty(ordered.shape)
    ranks[order] = first + 1
    out[mask] = ranks
    return out


def normalise_column(
    code: str,
    values: np.ndarray,
    spec: NormaliseSpec,
    direction: int,
    target: float | None,
    source: DataSource,
) -> np.ndarray:
    """Normalise one indicator column (higher is always better afterwards)."""
    x = values * direction
    present = x[~np.isnan(x)]
    if present.size == 0:
        raise MethodError(f"{code!r} has no values to normalise", location=source.at(None, code))
    method = spec.method
    if method == "none":
        return x
    if method == "minmax":
        lo, hi = present.min(), present.max()
        _check_spread(code, hi - lo, "min-max", source)
        low, high = spec.range
        return np.asarray((x - lo) / (hi - lo) * (high - low) + low, dtype=np.float64)
    if method == "zscore":
        sd = float(ext_sd(present))
        _check_spread(code, sd, "z-score", source)
        return np.asarray((x - float(ext_mean(present))) / sd * spec.sd + spec.mean, dtype=np.float64)
    if method == "rank":
        return min_rank(x)
    if method == "percentile_rank":
        if present.size < 2:
            raise MethodError(
                f"{code!r} needs two values for percentile ranks", location=source.at(None, code)
            )
        return np.asarray((min_rank(x) - 1) / (present.size - 1), dtype=np.float64)
    if method == "distance_to_target":
        return _distance_to_target(code, x, present, spec, direction, target, source)
    return _goalposts(x, spec, direction)


def _check_spread(code: str, spread: float, name: str, source: DataSource) -> None:
    if not spread > 0:
        raise MethodError(
            f"{code!r} has zero variance (every unit has the same value), so {name} normalisation is undefined",
            location=source.at(None, code),
            hint="drop the indicator or normalise it with another method in overrides",
        )


def _distance_to_target(
    code: str,
    x: np.ndarray,
    present: np.ndarray,
    spec: NormaliseSpec,
    direction: int,
    target: float | None,
    source: DataSource,
) -> np.ndarray:
    goal = spec.target if spec.target is not None else target
    if goal is None:
        raise MethodError(
            f"{code!r} has no target for distance-to-target normalisation",
            location=source.at(None, code),
            hint="set Target in the metadata or normalise.target in an override",
        )
    goal *= direction
    lo = present.min()
    if goal == lo:
        raise MethodError(f"target of {code!r} equals its worst value", location=source.at(None, code))
    y = (x - lo) / (goal - lo)
    if spec.cap:
        y = np.minimum(y, 1.0)
    return np.asarray(y, dtype=np.float64)


def _goalposts(x: np.ndarray, spec: NormaliseSpec, direction: int) -> np.ndarray:
    assert spec.lower is not None and spec.upper is not None  # checked when parsed
    lo, hi = (spec.lower, spec.upper) if direction == 1 else (-spec.upper, -spec.lower)
    y = (x - lo) / (hi - lo)
    if spec.truncate:
        y = np.clip(y, 0.0, 1.0)
    return np.asarray(y * spec.scale, dtype=np.float64)


def normalise(
    frame: pd.DataFrame,
    specs: dict[str, NormaliseSpec],
    directions: dict[str, int],
    targets: dict[str, float],
    source: DataSource,
) -> pd.DataFrame:
    """Normalise every column by its spec and direction."""
    cols = {
        code: normalise_column(
            code,
            frame[code].to_numpy(dtype=np.float64),
            specs[code],
            directions[code],
            targets.get(code),
            source,
        )
        for code in frame.columns
    }
    return pd.DataFrame(cols, index=frame.index)
