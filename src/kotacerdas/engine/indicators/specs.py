"""The step settings of an index build that only the build has: treatment, weights, overrides, panel.

The settings of the steps the Monte Carlo shares (impute, normalise, aggregate) are the kernels' own
(:mod:`kotacerdas.engine.kernels.specs`), re-exported here; the method names come from the kernel
registries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kotacerdas.engine.kernels import IMPUTERS, MEANS, NORMALISERS, PANEL_IMPUTERS
from kotacerdas.engine.kernels.specs import AggregateSpec, ImputeSpec, NormaliseSpec

__all__ = [
    "AGGREGATE_METHODS",
    "IMPUTE_METHODS",
    "NORMALISE_METHODS",
    "PANEL_NORMALISE",
    "TREAT_FALLBACKS",
    "TREAT_METHODS",
    "WEIGHT_METHODS",
    "AggregateSpec",
    "ImputeSpec",
    "IndicatorOverride",
    "NormaliseSpec",
    "PanelSpec",
    "TreatSpec",
    "WeightsSpec",
]

IMPUTE_METHODS = (*IMPUTERS, *PANEL_IMPUTERS)
TREAT_METHODS = ("none", "winsorise")
TREAT_FALLBACKS = ("log", "log_plain", "none")
NORMALISE_METHODS = tuple(NORMALISERS)
AGGREGATE_METHODS = tuple(MEANS)
WEIGHT_METHODS = ("meta", "equal", "custom", "ahp", "pca")
PANEL_NORMALISE = ("global", "per_year")


@dataclass(frozen=True)
class TreatSpec:
    """Outlier treatment: COINr's default is winsorise ≤ winmax points, then a log fallback."""

    method: str = "none"
    winmax: int = 5
    skew: float = 2.0
    kurtosis: float = 3.5
    fallback: str = "log"


@dataclass(frozen=True)
class WeightsSpec:
    """Where weights come from: metadata, equal, custom values, AHP pairwise matrices or PCA."""

    method: str = "meta"
    custom: Mapping[str, float] = field(default_factory=dict)
    ahp: Mapping[str, tuple[tuple[str, ...], tuple[tuple[float, ...], ...]]] = field(default_factory=dict)
    pca_levels: tuple[int, ...] = (2,)


@dataclass(frozen=True)
class IndicatorOverride:
    """Per-indicator replacement of one or more step settings (None = use the global one)."""

    denominate: bool | None = None
    impute: ImputeSpec | None = None
    treat: TreatSpec | None = None
    normalise: NormaliseSpec | None = None


@dataclass(frozen=True)
class PanelSpec:
    """Panel data: normalise over all years together (comparable scores) or year by year."""

    normalise: str = "global"
