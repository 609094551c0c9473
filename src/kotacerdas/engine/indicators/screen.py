"""Screen units by data availability: drop units with too small a share of indicator values."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np

from .table import Block, FloatArray


def availability(block: Block) -> FloatArray:
    """Share of non-missing indicator values per unit (COINr's ``Dat_Avail``)."""
    return np.asarray(1.0 - np.isnan(block.values).sum(axis=1) / block.values.shape[1], dtype=np.float64)


def screen(block: Block, min_availability: float | None) -> tuple[Block, list[Hashable]]:
    """Keep units whose availability is at least the threshold; return the kept units and removed ones."""
    if min_availability is None:
        return block, []
    keep = availability(block) >= min_availability
    removed = [block.units.keys[i] for i in np.flatnonzero(~keep).tolist()]
    return block.take(np.flatnonzero(keep)), removed
