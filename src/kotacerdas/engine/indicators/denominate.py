"""Denominate: divide indicators by a size column (population, area, GDP) named in the metadata.

Comparing regions of very different size needs rates, not totals (OECD/JRC Handbook 2008, §1.5).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kotacerdas.errors import MethodError

from .framework import Framework
from .settings import IndexSettings
from .source import DataSource
from .table import Block


def denominate(
    indicators: Block,
    denominators: Block,
    framework: Framework,
    settings_for: Callable[[str], IndexSettings],
    source: DataSource,
) -> Block:
    """Divide each indicator with a ``Denominator`` by that column, where its settings ask for it."""
    out = indicators.values.copy()
    for code, den in framework.denominator.items():
        if not settings_for(code).denominate:
            continue
        divisor = denominators.column(den)
        zero = np.flatnonzero(divisor == 0)
        if zero.size:
            unit = denominators.units.keys[zero[0]]
            raise MethodError(
                f"denominator {den!r} is 0 for {unit}, so {code!r} cannot be divided by it",
                location=source.at(unit, den),
                hint="fix the denominator or switch denominate off for this indicator in overrides",
                code="denominator_zero",
                params={"denominator": den, "unit": unit, "code": code},
            )
        at = indicators.codes.index(code)
        out[:, at] = out[:, at] / divisor
    return indicators.replace(out)
