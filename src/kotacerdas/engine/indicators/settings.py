"""Typed settings of an index build, parsed once from the YAML/mapping contract of docs/index-config.md.

Every key is checked here, so a typo in a configuration file is a :class:`ConfigError` naming the key,
not a silently ignored option. ``IndexSettings.to_mapping()`` gives back the canonical mapping that
``from_mapping`` accepts, which is what the result's provenance records and ``rebuild_index`` uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from .settings_parser import dump_settings, parse_settings
from .specs import (
    AGGREGATE_METHODS,
    IMPUTE_METHODS,
    NORMALISE_METHODS,
    PANEL_NORMALISE,
    TREAT_FALLBACKS,
    TREAT_METHODS,
    WEIGHT_METHODS,
    AggregateSpec,
    ImputeSpec,
    IndicatorOverride,
    NormaliseSpec,
    PanelSpec,
    TreatSpec,
    WeightsSpec,
)

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
    "IndexSettings",
    "IndicatorOverride",
    "NormaliseSpec",
    "PanelSpec",
    "TreatSpec",
    "WeightsSpec",
]


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
        return cls(**parse_settings(config or {}, source))

    def to_mapping(self) -> dict[str, Any]:
        """The canonical configuration mapping; ``from_mapping(s.to_mapping()) == s``."""
        return dump_settings({f.name: getattr(self, f.name) for f in fields(self)})

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
