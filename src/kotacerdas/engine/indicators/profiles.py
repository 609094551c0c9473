"""Unit profiles: a unit's strongest and weakest indicators against its peers.

Strength is the unit's percentile rank among the peers on each normalised indicator (higher is
better after normalisation, whatever the indicator's direction), so indicators on different
scales compare.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from kotacerdas.engine.kernels import min_rank

if TYPE_CHECKING:  # pandas only for the annotations: loaded when a profile is asked for
    import pandas as pd


@dataclass(frozen=True)
class UnitProfile:
    """Strongest and weakest indicators (``iCode``, ``value``, ``percentile``) of one unit."""

    unit: Hashable
    strongest: pd.DataFrame
    weakest: pd.DataFrame


def unit_profile(
    normalised: pd.DataFrame, unit: Hashable, n: int = 3, peers: Sequence[Hashable] | None = None
) -> UnitProfile:
    """Profile of ``unit`` against ``peers`` (default: all units): top and bottom ``n`` indicators."""
    import pandas as pd  # here: a profile on request; building the index does not load pandas

    frame = normalised if peers is None else normalised.loc[list(dict.fromkeys([*peers, unit]))]
    pct = {}
    for code in frame.columns:
        x = frame[code].to_numpy(dtype=np.float64)
        count = int((~np.isnan(x)).sum())
        ranks = min_rank(x)
        pos = frame.index.get_loc(unit)
        pct[code] = (ranks[pos] - 1) / (count - 1) if count > 1 else np.nan
    table = pd.DataFrame(
        {
            "iCode": list(pct),
            "value": frame.iloc[frame.index.get_loc(unit)].to_numpy(dtype=np.float64),
            "percentile": list(pct.values()),
        }
    ).dropna(subset=["percentile"])
    ordered = table.sort_values(["percentile", "iCode"], ascending=[False, True], kind="stable")
    strongest = ordered.head(n).reset_index(drop=True)
    weakest = table.sort_values(["percentile", "iCode"], kind="stable").head(n).reset_index(drop=True)
    return UnitProfile(unit=unit, strongest=strongest, weakest=weakest)
