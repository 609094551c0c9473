"""Typed settings of an index build, parsed once from the YAML/mapping contract of docs/index-config.md.

Every key is checked here, so a typo in a configuration file is a :class:`ConfigError` naming the key,
not a silently ignored option. ``IndexSettings.to_mapping()`` gives back the canonical mapping that
``from_mapping`` accepts, which is what the result's provenance records and ``rebuild`` uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

IMPUTE_METHODS = ("none", "mean", "median", "group_mean", "group_median", "latest", "linear")
TREAT_METHODS = ("none", "winsorise")
TREAT_FALLBACKS = ("log", "log_plain", "none")
NORMALISE_METHODS = (
    "none", "minmax", "zscore", "rank", "percentile_rank", "distance_to_target", "goalposts",
)  # fmt: skip
AGGREGATE_METHODS = ("arithmetic", "geometric", "harmonic", "mazziotta_pareto")
WEIGHT_METHODS = ("meta", "equal", "custom", "ahp", "pca")
PANEL_NORMALISE = ("global", "per_year")


@dataclass(frozen=True)
class ImputeSpec:
    """How missing values are filled: a method and, for group methods, the group column."""

    method: str = "none"
    group: str | None = None


@dataclass(frozen=True)
class TreatSpec:
    """Outlier treatment: COINr's default is winsorise ≤ winmax points, then a log fallback."""

    method: str = "none"
    winmax: int = 5
    skew: float = 2.0
    kurtosis: float = 3.5
    fallback: str = "log"


@dataclass(frozen=True)
class NormaliseSpec:
    """Normalisation method and its parameters (only those of the chosen method are used)."""

    method: str = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = 1.0
    cap: bool = False
    target: float | None = None
    lower: float | None = None
    upper: float | None = None
    scale: float = 100.0
    truncate: bool = True


@dataclass(frozen=True)
class AggregateSpec:
    """Aggregation method and the share of children a unit needs for a score (None = any)."""

    method: str = "arithmetic"
    min_availability: float | None = None


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


@dataclass(frozen=True)
class IndexSettings:
    """All settings of an index build; immutable, comparable, round-trips through a mapping."""

    denominate: bool = False
    impute: ImputeSpec = field(default_factory=ImputeSpec)
    screen_min_availability: float | None = None
    treat: TreatSpec = field(default_factory=TreatSpec)
    normalise: NormaliseSpec = field(default_factory=NormaliseSpec)
    weights: WeightsSpec = field(default_factory=WeightsSpec)
    aggregate: AggregateSpec = field(default_factory=AggregateSpec)
    indicator_overrides: Mapping[str, IndicatorOverride] = field(default_factory=dict)
    level_aggregate: Mapping[int, AggregateSpec] = field(default_factory=dict)
    group_aggregate: Mapping[str, AggregateSpec] = field(default_factory=dict)
    panel: PanelSpec = field(default_factory=PanelSpec)

    @classmethod
    def from_mapping(cls, config: Mapping[str, Any] | None, source: str = "config") -> IndexSettings:
        """Parse and validate the configuration mapping (e.g. loaded YAML); unknown keys are errors."""
        from .settings_parser import parse_settings  # local import: the parser imports this module (cycle)

        return parse_settings(config or {}, source)

    def to_mapping(self) -> dict[str, Any]:
        """The canonical configuration mapping; ``from_mapping(s.to_mapping()) == s``."""
        from .settings_parser import dump_settings  # local import: the parser imports this module (cycle)

        return dump_settings(self)

    def for_indicator(self, code: str) -> IndexSettings:
        """These settings with the indicator's overrides applied to the per-column steps."""
        ov = self.indicator_overrides.get(code)
        if ov is None:
            return self
        return replace(
            self,
            denominate=self.denominate if ov.denominate is None else ov.denominate,
            impute=ov.impute or self.impute,
            treat=ov.treat or self.treat,
            normalise=ov.normalise or self.normalise,
        )

    def aggregate_for(self, code: str, level: int) -> AggregateSpec:
        """Aggregation of the children of ``code`` (at ``level``): group override, level override, global."""
        return self.group_aggregate.get(code) or self.level_aggregate.get(level) or self.aggregate
