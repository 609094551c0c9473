"""Imputation kernels: one registry entry per method, column-wise over an optional leading sample axis.

Cross-sectional methods fill the NaN of ``(..., units, indicators)`` data down each column (axis −2):
the column mean or median, over all units or within each group of a grouping column (COINr's
``i_mean``/``i_median``/``i_mean_grp``/``i_median_grp``). Means use R's extended-precision algorithm so
imputed values equal COINr's to the last bit. Panel methods fill one unit's series in time: ``latest``
copies the most recent earlier year's value (COINr's ``impute_panel`` default), ``linear`` interpolates
between years and holds the end values constant outside them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import ConfigError

from .extended import ext_mean
from .specs import ImputeSpec

FloatArray = NDArray[np.float64]
Groups = Mapping[str, Sequence[Hashable | None] | NDArray[Any]]


def column_median(x: FloatArray) -> FloatArray:
    """Median down axis −2 ignoring NaN (NaN where a column is empty), the same bits as ``np.median``."""
    ordered = np.sort(x, axis=-2)  # NaN sort last
    count = np.sum(~np.isnan(x), axis=-2)
    low = np.take_along_axis(ordered, np.maximum((count - 1) // 2, 0)[..., None, :], axis=-2)[..., 0, :]
    high = np.take_along_axis(ordered, np.maximum(count // 2, 0)[..., None, :], axis=-2)[..., 0, :]
    middle = np.where(count % 2 == 1, low, (low + high) / 2)
    return np.asarray(np.where(count > 0, middle, np.nan), dtype=np.float64)


def _fill(x: FloatArray, stat: Callable[[FloatArray], FloatArray]) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(np.isnan(x), stat(x)[..., None, :], x), dtype=np.float64)


def _column_mean(x: FloatArray) -> FloatArray:
    return ext_mean(x, axis=-2)


def _overall(
    stat: Callable[[FloatArray], FloatArray],
) -> Callable[[FloatArray, NDArray[Any] | None], FloatArray]:
    def fill(x: FloatArray, labels: NDArray[Any] | None) -> FloatArray:
        return _fill(x, stat)

    return fill


def is_missing(value: object) -> bool:
    """None, NaN, NaT and pandas' NA: a cell with no value (as ``pandas.isna`` says of one cell); a
    group label that is missing puts its unit in no group."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and NaT differ from themselves
    except TypeError:  # pandas' NA: its comparisons are NA too
        return True


def group_rows(labels: NDArray[Any]) -> list[NDArray[np.intp]]:
    """The row numbers of each group, groups in order of first appearance; missing labels in none."""
    rows: dict[object, list[int]] = {}
    for at, label in enumerate(labels.tolist()):
        if not is_missing(label):
            rows.setdefault(label, []).append(at)
    return [np.asarray(members, dtype=np.intp) for members in rows.values()]


def _by_group(
    stat: Callable[[FloatArray], FloatArray],
) -> Callable[[FloatArray, FloatArray | None], FloatArray]:
    def fill(x: FloatArray, labels: NDArray[Any] | None) -> FloatArray:
        if labels is None:
            return _fill(x, stat)
        out = x.copy()
        for rows in group_rows(labels):
            out[..., rows, :] = _fill(x[..., rows, :], stat)
        return out

    return fill


_STATISTICS: dict[str, Callable[[FloatArray], FloatArray]] = {"mean": _column_mean, "median": column_median}

#: cross-sectional imputation methods: a column statistic over all units, or ``group_`` it within groups
IMPUTERS: dict[str, Callable[[FloatArray, NDArray[Any] | None], FloatArray]] = {
    "none": lambda x, labels: x,
    **{name: _overall(stat) for name, stat in _STATISTICS.items()},
    **{f"group_{name}": _by_group(stat) for name, stat in _STATISTICS.items()},
}
#: the methods that fill within the groups of a grouping column
GROUPED = frozenset(f"group_{name}" for name in _STATISTICS)


def _latest(years: FloatArray, y: FloatArray) -> FloatArray:
    """Each missing value takes the latest known one before it (leading gaps stay missing)."""
    latest = np.where(np.isnan(y), 0, np.arange(y.size))
    np.maximum.accumulate(latest, out=latest)
    return np.asarray(y[latest], dtype=np.float64)


def _linear(years: FloatArray, y: FloatArray) -> FloatArray:
    known = ~np.isnan(y)
    return np.asarray(np.interp(years, years[known], y[known]), dtype=np.float64)


#: panel imputation methods: fill one unit's series ``y`` over sorted ``years``
PANEL_IMPUTERS: dict[str, Callable[[FloatArray, FloatArray], FloatArray]] = {
    "latest": _latest,
    "linear": _linear,
}


def impute(data: FloatArray, spec: ImputeSpec, groups: Groups) -> FloatArray:
    """Fill the NaN of ``(..., units, indicators)`` data by a cross-sectional method; ``none`` returns them.

    ``groups`` maps grouping-column names to one label per unit (None or NaN = in no group, left as is).
    """
    if spec.method in PANEL_IMPUTERS:
        raise ConfigError(
            f"impute method {spec.method} fills panel data in time, not one cross-section",
            code="impute_panel_method",
            params={"method": spec.method},
        )
    if spec.method == ImputeSpec.method or not np.isnan(data).any():  # nothing to fill
        return data
    labels = None
    if spec.method in GROUPED:
        if spec.group is None or spec.group not in groups:
            raise ConfigError(
                f"impute method {spec.method} needs a known group column",
                hint=f"groups: {', '.join(sorted(groups)) or 'none'}",
                code="impute_group_unknown" if groups else "impute_group_none",
                params={"method": spec.method, "groups": ", ".join(sorted(groups))},
            )
        labels = np.asarray(groups[spec.group], dtype=object)
    return IMPUTERS[spec.method](np.asarray(data, dtype=np.float64), labels)
