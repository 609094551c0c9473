"""The impute step of the index build: each indicator by its (possibly overridden) spec, and panel filling.

The methods themselves are the shared kernels of :mod:`kotacerdas.engine.kernels.impute`; this step
groups the columns that share a spec, checks group columns against the data file and fills panel
data unit by unit.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from kotacerdas.engine.kernels import PANEL_IMPUTERS, ImputeSpec
from kotacerdas.engine.kernels import impute as impute_kernel
from kotacerdas.errors import ConfigError, Location

from .normalise import CHUNK
from .settings import IndexSettings


def impute(
    frame: pd.DataFrame,
    settings_for: Callable[[str], IndexSettings],
    group_columns: pd.DataFrame,
    source_file: str = "data",
) -> pd.DataFrame:
    """Impute every indicator column with its (possibly overridden) settings; warn on NaN left over."""
    specs: dict[ImputeSpec, list[str]] = {}
    for code in frame.columns:
        specs.setdefault(settings_for(code).impute, []).append(code)
    out = frame.copy()
    for spec, codes in specs.items():
        if spec.group is not None and spec.group not in group_columns.columns:
            raise ConfigError(
                f"impute group {spec.group!r} is not a Group column of the data",
                location=Location(file=source_file, column=spec.group),
                hint=f"groups present: {', '.join(map(str, group_columns.columns)) or 'none'}",
            )
        if spec == ImputeSpec():
            continue  # no imputation
        groups = {} if spec.group is None else {spec.group: group_columns[spec.group].to_numpy(dtype=object)}
        for start in range(0, len(codes), CHUNK):
            chunk = codes[start : start + CHUNK]
            block = frame[chunk].to_numpy(dtype=np.float64)
            if np.isnan(block).any():
                out[chunk] = impute_kernel(block, spec, groups)
    left = int(out.isna().to_numpy().sum())
    if left and any(spec != ImputeSpec() for spec in specs):
        warnings.warn(f"after imputation {left} values are still missing", stacklevel=3)
    return out


def impute_panel(frame: pd.DataFrame, method: str) -> pd.DataFrame:
    """Panel imputation on a (uCode, Time)-indexed frame by a panel method (``latest`` or ``linear``)."""
    fill = PANEL_IMPUTERS[method]
    out = frame.sort_index(level=["uCode", "Time"]).copy()
    for _unit, block in out.groupby(level="uCode", sort=False):
        years = block.index.get_level_values("Time").to_numpy(dtype=np.float64)
        for code in block.columns:
            y = block[code].to_numpy(dtype=np.float64)
            nan = np.isnan(y)
            if not nan.any() or nan.all():
                continue
            out.loc[block.index, code] = fill(years, y)
    return out.reindex(frame.index)
