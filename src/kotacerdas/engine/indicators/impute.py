"""The impute step of the index build: each indicator by its (possibly overridden) spec, and panel filling.

The methods themselves are the shared kernels of :mod:`kotacerdas.engine.kernels.impute`; this step
groups the columns that share a spec, checks group columns against the data file and fills panel
data unit by unit.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from kotacerdas.engine.kernels import PANEL_IMPUTERS, ImputeSpec
from kotacerdas.engine.kernels import impute as impute_kernel
from kotacerdas.errors import ConfigError, Location

from .normalise import CHUNK
from .settings import IndexSettings
from .table import Block


def impute(
    frame: Block,
    settings_for: Callable[[str], IndexSettings],
    group_columns: dict[str, np.ndarray],
    source_file: str = "data",
) -> Block:
    """Impute every indicator column with its (possibly overridden) settings; warn on NaN left over."""
    specs: dict[ImputeSpec, list[str]] = {}
    for code in frame.codes:
        specs.setdefault(settings_for(code).impute, []).append(code)
    out = frame.values.copy()
    for spec, codes in specs.items():
        if spec.group is not None and spec.group not in group_columns:
            raise ConfigError(
                f"impute group {spec.group!r} is not a Group column of the data",
                location=Location(file=source_file, column=spec.group),
                hint=f"groups present: {', '.join(map(str, group_columns)) or 'none'}",
                code="unknown_impute_group" if group_columns else "impute_group_without_groups",
                params={"group": spec.group, "groups": ", ".join(map(str, group_columns))},
            )
        if spec == ImputeSpec():
            continue  # no imputation
        groups = {} if spec.group is None else {spec.group: group_columns[spec.group]}
        for start in range(0, len(codes), CHUNK):
            chunk = codes[start : start + CHUNK]
            block = frame.columns(chunk)
            if np.isnan(block).any():
                out[:, [frame.codes.index(c) for c in chunk]] = impute_kernel(block, spec, groups)
    left = int(np.isnan(out).sum())
    if left and any(spec != ImputeSpec() for spec in specs):
        warnings.warn(f"after imputation {left} values are still missing", stacklevel=3)
    return frame.replace(out)


def impute_panel(frame: Block, codes: list[str], method: str) -> Block:
    """Panel imputation of the columns ``codes`` by a panel method (``latest`` or ``linear``): each unit's
    series in the order of its years."""
    fill = PANEL_IMPUTERS[method]
    units = frame.units
    assert units.times is not None, "panel imputation needs the year of each row"
    times = units.times
    series: dict[str, list[int]] = {}
    for at in sorted(range(len(units)), key=lambda i: (units.codes[i], times[i])):
        series.setdefault(units.codes[at], []).append(at)
    out = frame.values.copy()
    for rows in series.values():
        years = np.array([times[i] for i in rows], dtype=np.float64)
        for code in codes:
            col = frame.codes.index(code)
            y = frame.values[rows, col]
            nan = np.isnan(y)
            if not nan.any() or nan.all():
                continue
            out[rows, col] = fill(years, y)
    return frame.replace(out)
