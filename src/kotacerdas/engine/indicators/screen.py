"""Screen units by data availability: drop units with too small a share of indicator values."""

from __future__ import annotations

import pandas as pd


def availability(frame: pd.DataFrame) -> pd.Series:
    """Share of non-missing indicator values per unit (COINr's ``Dat_Avail``)."""
    return 1.0 - frame.isna().sum(axis=1) / frame.shape[1]


def screen(frame: pd.DataFrame, min_availability: float | None) -> tuple[pd.DataFrame, list[object]]:
    """Keep units whose availability is at least the threshold; return the kept frame and removed units."""
    if min_availability is None:
        return frame, []
    keep = availability(frame) >= min_availability
    return frame[keep], list(frame.index[~keep])
