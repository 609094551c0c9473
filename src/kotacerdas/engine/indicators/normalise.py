"""The normalise step of the index build: each indicator by its (possibly overridden) spec.

The methods themselves are the shared kernels of :mod:`kotacerdas.engine.kernels.normalise`; this
step groups the columns that share a spec and names the data file in errors.
"""

from __future__ import annotations

import numpy as np

from kotacerdas.engine.kernels import Columns, NormaliseSpec
from kotacerdas.engine.kernels import normalise as normalise_kernel

from .source import DataSource
from .table import Block

#: columns per kernel call: vectorised, but the temporaries of 83,000-unit columns stay a few MB
CHUNK = 8


def normalise_column(
    code: str,
    values: np.ndarray,
    spec: NormaliseSpec,
    direction: int,
    target: float | None,
    source: DataSource,
) -> np.ndarray:
    """Normalise one indicator column (higher is always better afterwards)."""
    columns = Columns(
        codes=(code,),
        directions=np.array([float(direction)]),
        targets=np.array([np.nan if target is None else target]),
        source=source.file,
    )
    return normalise_kernel(np.asarray(values, dtype=np.float64)[:, None], spec, columns)[:, 0]


def normalise(
    frame: Block,
    specs: dict[str, NormaliseSpec],
    directions: dict[str, int],
    targets: dict[str, float],
    source: DataSource,
) -> Block:
    """Normalise every column by its spec and direction (columns sharing a spec together, a chunk at a time)."""
    groups: dict[NormaliseSpec, list[str]] = {}
    for code in frame.codes:
        groups.setdefault(specs[code], []).append(code)
    out: dict[str, np.ndarray] = {}
    for spec, same in groups.items():
        for start in range(0, len(same), CHUNK):
            codes = same[start : start + CHUNK]
            columns = Columns(
                codes=tuple(codes),
                directions=np.array([float(directions[c]) for c in codes]),
                targets=np.array([targets.get(c, np.nan) for c in codes], dtype=np.float64),
                source=source.file,
            )
            block = normalise_kernel(frame.columns(codes), spec, columns)
            out.update((c, np.ascontiguousarray(block[:, j])) for j, c in enumerate(codes))
    return frame.replace(np.column_stack([out[code] for code in frame.codes]) if frame.codes
                         else np.empty((len(frame), 0)))  # fmt: skip
