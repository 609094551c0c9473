"""Normalisation kernels: one registry entry per method, column-wise over an optional leading sample axis.

Data are ``(..., units, indicators)``, already multiplied by each indicator's direction (−1 = lower is
better, so higher is always better afterwards, as COINr). Statistics run down each column (axis −2)
ignoring NaN; means and standard deviations use R's extended-precision algorithm so results equal
COINr's to the last bit. Methods (OECD/JRC Handbook 2008, §5): min-max to [l, u], z-score to a mean
and sd (sample sd, n − 1), rank (ties get the minimum rank), percentile rank (rank − 1)/(n − 1),
distance to a target, and goalposts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import Location, MethodError

from .extended import ext_mean_sd
from .ranks import min_rank
from .specs import NormaliseSpec

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Columns:
    """What a normaliser knows of the columns: codes, directions (±1), targets (NaN = none), file name."""

    codes: Sequence[str]
    directions: FloatArray
    targets: FloatArray | None = None
    source: str | None = None

    def error(
        self, j: int, message: str, *, code: str, hint: str | None = None, **params: object
    ) -> MethodError:
        """A MethodError naming column ``j``; ``params`` (with the column's ``code``) word it by ``code``."""
        return MethodError(
            message,
            location=Location(file=self.source, column=self.codes[j]),
            hint=hint,
            code=code,
            params={"code": self.codes[j], **params},
        )


Kernel = Callable[[FloatArray, NormaliseSpec, Columns, NDArray[np.intp]], FloatArray]


@dataclass(frozen=True)
class Normaliser:
    """One method: its kernel ``(x, spec, columns, count) -> y`` and the spec fields its label shows."""

    kernel: Kernel
    params: tuple[str, ...] = field(default=())


def _spread(columns: Columns, spread: FloatArray, name: str) -> None:
    bad = np.flatnonzero(~(spread > 0).reshape(-1, spread.shape[-1]).all(axis=0))
    if bad.size:
        code = columns.codes[int(bad[0])]
        raise columns.error(
            int(bad[0]),
            f"{code!r} has zero variance (every unit has the same value), so {name} normalisation is undefined",
            code="zero_variance",
            hint="drop the indicator or normalise it with another method in overrides",
            method=name,
        )


def _none(x: FloatArray, spec: NormaliseSpec, columns: Columns, count: NDArray[np.intp]) -> FloatArray:
    return x


def _minmax(x: FloatArray, spec: NormaliseSpec, columns: Columns, count: NDArray[np.intp]) -> FloatArray:
    lo = np.fmin.reduce(x, axis=-2)
    hi = np.fmax.reduce(x, axis=-2)
    _spread(columns, hi - lo, "min-max")
    low, high = spec.range
    return np.asarray((x - lo[..., None, :]) / (hi - lo)[..., None, :] * (high - low) + low, dtype=np.float64)


def _zscore(x: FloatArray, spec: NormaliseSpec, columns: Columns, count: NDArray[np.intp]) -> FloatArray:
    mean, sd = ext_mean_sd(x, axis=-2)
    _spread(columns, np.where(count > 1, sd, 0.0), "z-score")
    return np.asarray((x - mean[..., None, :]) / sd[..., None, :] * spec.sd + spec.mean, dtype=np.float64)


def _rank(x: FloatArray, spec: NormaliseSpec, columns: Columns, count: NDArray[np.intp]) -> FloatArray:
    return min_rank(x, axis=-2)


def _percentile_rank(
    x: FloatArray, spec: NormaliseSpec, columns: Columns, count: NDArray[np.intp]
) -> FloatArray:
    few = np.flatnonzero((count < 2).reshape(-1, count.shape[-1]).any(axis=0))
    if few.size:
        j = int(few[0])
        raise columns.error(
            j, f"{columns.codes[j]!r} needs two values for percentile ranks", code="rank_needs_two"
        )
    return np.asarray((min_rank(x, axis=-2) - 1) / (count - 1)[..., None, :], dtype=np.float64)


def _distance_to_target(
    x: FloatArray, spec: NormaliseSpec, columns: Columns, count: NDArray[np.intp]
) -> FloatArray:
    n = x.shape[-1]
    own = np.full(n, np.nan) if columns.targets is None else columns.targets
    goal = np.full(n, spec.target) if spec.target is not None else np.asarray(own, dtype=np.float64)
    if np.isnan(goal).any():
        j = int(np.flatnonzero(np.isnan(goal))[0])
        raise columns.error(j, f"{columns.codes[j]!r} has no target for distance-to-target normalisation",
                            code="no_target", hint="set Target in the metadata or normalise.target in an override")  # fmt: skip
    goal = goal * columns.directions
    lo = np.fmin.reduce(x, axis=-2)
    same = np.flatnonzero((goal == lo).reshape(-1, n).any(axis=0))
    if same.size:
        j = int(same[0])
        raise columns.error(
            j, f"target of {columns.codes[j]!r} equals its worst value", code="target_is_worst"
        )
    y = (x - lo[..., None, :]) / (goal - lo)[..., None, :]
    return np.asarray(np.minimum(y, 1.0) if spec.cap else y, dtype=np.float64)


def _goalposts(x: FloatArray, spec: NormaliseSpec, columns: Columns, count: NDArray[np.intp]) -> FloatArray:
    if spec.lower is None or spec.upper is None or spec.lower == spec.upper:
        raise columns.error(0, "goalposts need distinct lower and upper", code="goalposts_unset",
                            hint="e.g. {lower: 0, upper: 100}")  # fmt: skip
    up = columns.directions == 1
    lo = np.where(up, spec.lower, -spec.upper)
    hi = np.where(up, spec.upper, -spec.lower)
    y = (x - lo) / (hi - lo)
    if spec.truncate:
        y = np.clip(y, 0.0, 1.0)
    return np.asarray(y * spec.scale, dtype=np.float64)


#: every normalisation method, by the name used in configuration files and factors
NORMALISERS: dict[str, Normaliser] = {
    "none": Normaliser(_none),
    "minmax": Normaliser(_minmax, ("range",)),
    "zscore": Normaliser(_zscore, ("mean", "sd")),
    "rank": Normaliser(_rank),
    "percentile_rank": Normaliser(_percentile_rank),
    "distance_to_target": Normaliser(_distance_to_target, ("target", "cap")),
    "goalposts": Normaliser(_goalposts, ("lower", "upper", "scale", "truncate")),
}


def normalise(raw: FloatArray, spec: NormaliseSpec, columns: Columns) -> FloatArray:
    """Normalise every column of ``(..., units, indicators)`` data by one spec, after applying directions.

    Raises MethodError naming the first column the method is undefined for (no values, zero
    variance, no target, ...) in any sample.
    """
    x = np.asarray(raw, dtype=np.float64) * columns.directions
    count = np.sum(~np.isnan(x), axis=-2)
    empty = np.flatnonzero((count == 0).reshape(-1, x.shape[-1]).any(axis=0))
    if empty.size:
        j = int(empty[0])
        raise columns.error(
            j, f"{columns.codes[j]!r} has no values to normalise", code="nothing_to_normalise"
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        return NORMALISERS[spec.method].kernel(x, spec, columns, count)


def describe(spec: NormaliseSpec) -> str:
    """Short human-readable name of a normalisation, e.g. ``minmax(1, 100)`` or ``zscore(10, 2)``."""
    values: list[object] = []
    for name in NORMALISERS[spec.method].params:
        value = getattr(spec, name)
        values.extend(value if isinstance(value, tuple) else [value])
    shown = [f"{v:g}" if isinstance(v, float) else str(v) for v in values if v is not None]
    return f"{spec.method}({', '.join(shown)})" if shown else spec.method
