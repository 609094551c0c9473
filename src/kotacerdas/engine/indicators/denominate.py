"""Denominate: divide indicators by a size column (population, area, GDP) named in the metadata.

Comparing regions of very different size needs rates, not totals (OECD/JRC Handbook 2008, §1.5).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from kotacerdas.errors import MethodError

from .framework import Framework
from .settings import IndexSettings
from .source import DataSource


def denominate(
    indicators: pd.DataFrame,
    denominators: pd.DataFrame,
    framework: Framework,
    settings_for: Callable[[str], IndexSettings],
    source: DataSource,
) -> pd.DataFrame:
    """Divide each indicator with a ``Denominator`` by that column, where its settings ask for it."""
    out = indicators.copy()
    for code, den in framework.denominator.items():
        if not settings_for(code).denominate:
            continue
        divisor = denominators[den].to_numpy(dtype=np.float64)
        zero = np.flatnonzero(divisor == 0)
        if zero.size:
            unit = denominators.index[zero[0]]
            raise MethodError(
                f"denominator {den!r} is 0 for {unit}, so {code!r} cannot be divided by it",
                location=source.at(unit, den),
                hint="fix the denominator or switch denominate off for this indicator in overrides",
            )
        out[code] = out[code].to_numpy(dtype=np.float64) / divisor
    return out
