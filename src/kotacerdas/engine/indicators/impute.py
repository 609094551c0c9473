"""Impute missing values: column mean/median, group mean/median, or (panel) latest year / linear.

Means use R's extended-precision algorithm so imputed values equal COINr's to the last bit.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from kotacerdas.errors import ConfigError, Location

from .extended import ext_mean
from .settings import ImputeSpec, IndexSettings


def _fill(values: np.ndarray, method: str) -> np.ndarray:
    present = values[~np.isnan(values)]
    if present.size == 0:
        return values
    fill = float(ext_mean(present)) if method.endswith("mean") else float(np.median(present))
    return np.where(np.isnan(values), fill, values)


def impute_column(values: np.ndarray, spec: ImputeSpec, groups: pd.Series | None = None) -> np.ndarray:
    """Fill the NaN of one cross-sectional column by the spec's method (panel methods excluded)."""
    if spec.method == "none" or not np.isnan(values).any():
        return values
    if spec.method in ("mean", "median"):
        return _fill(values, spec.method)
    if spec.method in ("group_mean", "group_median"):
        if groups is None:
            raise ConfigError(f"impute method {spec.method} needs a group column")
        out = values.copy()
        keys = groups.to_numpy()
        for key in pd.unique(keys[pd.notna(keys)]):
            idx = np.flatnonzero(keys == key)
            out[idx] = _fill(values[idx], spec.method)
        return out
    return values  # panel methods run before the per-year split


def impute(
    frame: pd.DataFrame,
    settings_for: Callable[[str], IndexSettings],
    group_columns: pd.DataFrame,
    source_file: str = "data",
) -> pd.DataFrame:
    """Impute every indicator column with its (possibly overridden) settings; warn on NaN left over."""
    out = frame.copy()
    for code in frame.columns:
        spec = settings_for(code).impute
        groups = None
        if spec.group is not None:
            if spec.group not in group_columns.columns:
                raise ConfigError(
                    f"impute group {spec.group!r} is not a Group column of the data",
                    location=Location(file=source_file, column=spec.group),
                    hint=f"groups present: {', '.join(map(str, group_columns.columns)) or 'none'}",
                )
            groups = group_columns[spec.group]
        out[code] = impute_column(frame[code].to_numpy(dtype=np.float64), spec, groups)
    left = int(out.isna().to_numpy().sum())
    if left and any(settings_for(c).impute.method != "none" for c in frame.columns):
        warnings.warn(f"after imputation {left} values are still missing", stacklevel=3)
    return out


def impute_panel(frame: pd.DataFrame, method: str) -> pd.DataFrame:
    """Panel imputation on a (uCode, Time)-indexed frame: ``latest`` earlier year, or ``linear`` in time.

    ``latest`` copies the most recent earlier year's value (COINr's ``impute_panel`` default);
    ``linear`` interpolates between years and holds the end values constant outside them.
    """
    out = frame.sort_index(level=["uCode", "Time"]).copy()
    for unit, block in out.groupby(level="uCode", sort=False):
        years = block.index.get_level_values("Time").to_numpy(dtype=np.float64)
        for code in block.columns:
            y = block[code].to_numpy(dtype=np.float64)
            nan = np.isnan(y)
            if not nan.any() or nan.all():
                continue
            if method == "latest":
                filled = pd.Series(y).ffill().to_numpy()
            else:
                filled = np.interp(years, years[~nan], y[~nan])
            out.loc[block.index, code] = filled
        del unit
    return out.reindex(frame.index)
