"""Uncertain factors and how one uniform draw in [0, 1) per input variable maps to a sample's choices.

Each factor is optional. Discrete factors (normalise, aggregate, impute, exclude) take one variable and
choose option ``floor(u · K)``; weight noise takes one variable per perturbed weight and multiplies the
weight by ``1 + noise · (2u − 1)``, i.e. U(1 − noise, 1 + noise) as COINr's ``get_noisy_weights``;
``min_availability`` is continuous uniform on ``[low, high]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.indicators.settings_parser import parse_aggregate, parse_impute, parse_normalise
from kotacerdas.engine.kernels import BATCHED, IMPUTERS, AggregateSpec, ImputeSpec, NormaliseSpec
from kotacerdas.errors import ConfigError, Location

from .problem import UncertaintyProblem

FACTOR_NAMES: tuple[str, ...] = (
    "weights", "normalise", "aggregate", "impute", "treat", "exclude", "min_availability",
)  # fmt: skip


@dataclass(frozen=True)
class Factors:
    """The uncertain factors of one analysis; an absent factor keeps its nominal value."""

    weight_noise: Mapping[int, float] | None = None
    normalise: tuple[NormaliseSpec, ...] = ()
    aggregate: tuple[AggregateSpec, ...] = ()
    impute: tuple[ImputeSpec, ...] = ()
    treat: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_availability: tuple[float, float] | None = None

    def names(self) -> tuple[str, ...]:
        """Names of the factors that are actually uncertain, in a fixed order."""
        present = {
            "weights": bool(self.weight_noise),
            "normalise": bool(self.normalise),
            "aggregate": bool(self.aggregate),
            "impute": bool(self.impute),
            "treat": bool(self.treat),
            "exclude": bool(self.exclude),
            "min_availability": self.min_availability is not None,
        }
        return tuple(name for name in FACTOR_NAMES if present[name])


@dataclass(frozen=True)
class VariableLayout:
    """Which column of the uniform sample matrix feeds which factor (SALib ``names`` and ``groups``)."""

    names: tuple[str, ...]
    groups: tuple[str, ...]
    weight_columns: Mapping[int, NDArray[np.intp]]
    columns: Mapping[str, int]


def layout(factors: Factors, problem: UncertaintyProblem) -> VariableLayout:
    """Assign uniform-variable columns: one per perturbed weight, one per other factor."""
    names: list[str] = []
    groups: list[str] = []
    weight_columns: dict[int, NDArray[np.intp]] = {}
    for level in sorted(factors.weight_noise or {}):
        codes = problem.hierarchy.codes[level - 1]
        weight_columns[level] = np.arange(len(names), len(names) + len(codes), dtype=np.intp)
        names.extend(f"w:{code}" for code in codes)
        groups.extend("weights" for _ in codes)
    columns: dict[str, int] = {}
    for name in factors.names():
        if name != "weights":
            columns[name] = len(names)
            names.append(name)
            groups.append(name)
    return VariableLayout(tuple(names), tuple(groups), weight_columns, columns)


def discrete_choice(u: NDArray[np.float64], n_options: int) -> NDArray[np.intp]:
    """Map uniforms in [0, 1] to option indices 0..K−1 with equal probability."""
    return np.minimum((u * n_options).astype(np.intp), n_options - 1)


def parse_factors(
    spec: Mapping[str, Any], problem: UncertaintyProblem, *, source: str | None = None
) -> Factors:
    """Validate the factors mapping (the YAML contract in ``docs/uncertainty.md``) against a problem."""
    if not isinstance(spec, Mapping):
        raise ConfigError(
            "the factors file must be a mapping of factor names",
            hint=f"known: {', '.join(FACTOR_NAMES)}",
            code="factors_not_a_mapping",
            params={"known": ", ".join(FACTOR_NAMES)},
        )
    unknown = sorted(set(spec) - set(FACTOR_NAMES))
    if unknown:
        raise ConfigError(
            f"unknown factor {unknown[0]!r}",
            hint=f"known factors: {', '.join(FACTOR_NAMES)}",
            location=_loc(source),
            code="unknown_factor",
            params={"factor": unknown[0], "known": ", ".join(FACTOR_NAMES)},
        )
    n_levels = problem.hierarchy.n_levels
    noise: dict[int, float] | None = None
    if "weights" in spec:
        noise = _weight_noise(spec["weights"], n_levels, source)
    exclude: tuple[str, ...] = ()
    if "exclude" in spec:
        exclude = _exclude(spec["exclude"], problem, source)
    window: tuple[float, float] | None = None
    if "min_availability" in spec:
        window = _window(spec["min_availability"], source)
    return Factors(
        weight_noise=noise,
        normalise=tuple(
            parse_normalise(o, f"normalise[{i}]", source) for i, o in _options(spec, "normalise", source)
        ),
        aggregate=tuple(
            _aggregate(o, f"aggregate[{i}]", source) for i, o in _options(spec, "aggregate", source)
        ),
        impute=tuple(
            _impute(o, f"impute[{i}]", problem, source) for i, o in _options(spec, "impute", source)
        ),
        treat=_treat(spec["treat"], problem, source) if "treat" in spec else (),
        exclude=exclude,
        min_availability=window,
    )


def _loc(source: str | None) -> Location:
    return Location(file=source)


def _options(spec: Mapping[str, Any], key: str, source: str | None) -> list[tuple[int, Mapping[str, Any]]]:
    """The options of a discrete factor, numbered from 1 for error messages."""
    raw = spec.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw or not all(isinstance(o, Mapping) for o in raw):
        raise ConfigError(
            f"{key} must be a non-empty list of {{method: ...}} options",
            location=_loc(source),
            code="factor_options_shape",
            params={"key": key},
        )
    return [(i, cast(Mapping[str, Any], o)) for i, o in enumerate(raw, start=1)]


def _weight_noise(raw: Any, n_levels: int, source: str | None) -> dict[int, float]:
    if not isinstance(raw, Mapping) or "noise" not in raw:
        raise ConfigError(
            "weights needs {noise: 0.25, levels: [2, 3]}", location=_loc(source), code="weight_noise_shape"
        )
    levels = raw.get("levels", list(range(1, n_levels)))
    noise = raw["noise"]
    per_level = dict(noise) if isinstance(noise, Mapping) else {int(lv): noise for lv in levels}
    out: dict[int, float] = {}
    for level, value in per_level.items():
        if int(level) < 1 or int(level) >= n_levels:
            raise ConfigError(
                f"weights: level {level} has no weights to perturb",
                hint=f"use levels 1..{n_levels - 1} (1 = indicators; the index at level {n_levels} has none)",
                location=_loc(source),
                code="noise_level_without_weights",
                params={"level": level, "last": n_levels - 1, "top": n_levels},
            )
        if not isinstance(value, int | float) or value < 0:
            raise ConfigError(
                f"weights: noise {value!r} must be a number ≥ 0",
                location=_loc(source),
                code="noise_not_a_number",
                params={"value": value},
            )
        if value >= 1:
            raise ConfigError(
                f"weights: noise {value} at level {level} makes weights negative or zero "
                f"(each weight × U({1 - value:g}, {1 + value:g}))",
                hint="use a noise below 1, e.g. 0.25 for ±25 %",
                location=_loc(source),
                code="noise_too_large",
                params={"value": value, "level": level, "low": f"{1 - value:g}", "high": f"{1 + value:g}"},
            )
        out[int(level)] = float(value)
    return out


def _aggregate(option: Mapping[str, Any], key: str, source: str | None) -> AggregateSpec:
    """An aggregation option: a mean the batched kernel can vary (the threshold is its own factor)."""
    if "min_availability" in option:
        raise ConfigError(f"{key}.min_availability: vary the threshold with the min_availability factor",
                          location=_loc(source), code="availability_in_option", params={"key": key})  # fmt: skip
    spec = parse_aggregate(option, key, source)
    if spec.method not in BATCHED:
        raise ConfigError(f"{key}.method: {spec.method} cannot be varied sample by sample",
                          hint=f"use one of {', '.join(BATCHED)}", location=_loc(source), code="mean_not_batched",
                          params={"key": key, "method": spec.method, "choices": ", ".join(BATCHED)})  # fmt: skip
    return spec


def _impute(
    option: Mapping[str, Any], key: str, problem: UncertaintyProblem, source: str | None
) -> ImputeSpec:
    """An imputation option: a cross-sectional method, with a group the problem has."""
    spec = parse_impute(option, key, source)
    if spec.method not in IMPUTERS:
        raise ConfigError(f"{key}.method: {spec.method} fills panel data, which the Monte Carlo does not vary",
                          hint=f"use one of {', '.join(IMPUTERS)}", location=_loc(source), code="impute_panel_factor",
                          params={"key": key, "method": spec.method, "choices": ", ".join(IMPUTERS)})  # fmt: skip
    if spec.group is not None and spec.group not in problem.groups:
        raise ConfigError(
            f"{key}: {spec.method} needs group: one of {sorted(problem.groups)}",
            location=_loc(source),
            code="factor_group_unknown",
            params={"key": key, "method": spec.method, "groups": str(sorted(problem.groups))},
        )
    return spec


def treat_labels(raw: Any, source: str | None = None) -> list[str]:
    """Labels of the treated-data variants a ``treat`` factor asks for: ``{winmax: [1, 2, 3]}`` → winmax=1…"""
    if not (
        isinstance(raw, Mapping)
        and set(raw) == {"winmax"}
        and isinstance(raw["winmax"], list)
        and raw["winmax"]
    ):
        raise ConfigError(
            "treat needs {winmax: [1, 2, 3, 4, 5]} (a list of values)",
            location=_loc(source),
            code="treat_factor_shape",
        )
    values = raw["winmax"]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
        raise ConfigError(
            f"treat: winmax values must be whole numbers ≥ 0, got {values}",
            location=_loc(source),
            code="treat_winmax_values",
            params={"values": str(values)},
        )
    return [f"winmax={v}" for v in values]


def _treat(raw: Any, problem: UncertaintyProblem, source: str | None) -> tuple[str, ...]:
    labels = treat_labels(raw, source)
    missing = [label for label in labels if label not in problem.data_variants]
    if missing:
        raise ConfigError(
            f"treat: no treated data for {missing[0]}",
            hint="build the problem with from_index_result(result, treat=...) so each variant is treated",
            location=_loc(source),
            code="treat_variant_missing",
            params={"variant": missing[0]},
        )
    return tuple(labels)


def _exclude(raw: Any, problem: UncertaintyProblem, source: str | None) -> tuple[str, ...]:
    codes = raw.get("indicators", "all") if isinstance(raw, Mapping) else raw
    if codes == "all":
        return problem.indicators
    if not isinstance(codes, list) or not codes:
        raise ConfigError(
            "exclude needs {indicators: all} or a list of indicator codes",
            location=_loc(source),
            code="exclude_factor_shape",
        )
    unknown = [c for c in codes if c not in problem.indicators]
    if unknown:
        raise ConfigError(
            f"exclude: unknown indicator {unknown[0]!r}",
            location=_loc(source),
            code="exclude_unknown_indicator",
            params={"code": unknown[0]},
        )
    return tuple(str(c) for c in codes)


def _window(raw: Any, source: str | None) -> tuple[float, float]:
    if not (isinstance(raw, list) and len(raw) == 2 and 0 <= float(raw[0]) <= float(raw[1]) <= 1):
        raise ConfigError(
            "min_availability needs [low, high] with 0 ≤ low ≤ high ≤ 1",
            location=_loc(source),
            code="availability_window",
        )
    return float(raw[0]), float(raw[1])
