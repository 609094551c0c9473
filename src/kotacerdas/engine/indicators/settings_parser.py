"""Parse and dump the configuration mapping of docs/index-config.md: the fields of ``IndexSettings``.

Every key is checked: an unknown key, a misspelt method or an out-of-range number is a
:class:`ConfigError` naming the key path (``treat.winmax``). The parser returns the settings' fields
(``IndexSettings(**fields)``) and dumps them back, so it does not depend on the settings class. The
step parsers (:func:`parse_impute`, :func:`parse_normalise`, :func:`parse_aggregate`) also read the
options of the uncertainty factors, so both accept the same keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from kotacerdas.engine.kernels.impute import GROUPED
from kotacerdas.errors import ConfigError, Location

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


def parse_settings(config: Mapping[str, Any], source: str = "config") -> dict[str, Any]:
    """Validate a configuration mapping; the settings' fields that it sets, by name."""
    return _Parser(source).settings(config)


def parse_impute(value: object, key: str, source: str | None = None) -> ImputeSpec:
    """One imputation option (``{method, group}`` or a method name) checked under ``key``."""
    return _Parser(source).impute(value, key)


def parse_normalise(value: object, key: str, source: str | None = None) -> NormaliseSpec:
    """One normalisation option (``{method, range, mean, sd, ...}`` or a method name) checked under ``key``."""
    return _Parser(source).normalise(value, key)


def parse_aggregate(value: object, key: str, source: str | None = None) -> AggregateSpec:
    """One aggregation option (``{method, min_availability}`` or a method name) checked under ``key``."""
    return _Parser(source).aggregate(value, key)


def dump_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical mapping of the settings' fields (what ``parse_settings`` accepts)."""
    return _dump_settings(settings)


def _fail(
    source: str | None, key: str, message: str, *, code: str, hint: str | None = None, **params: object
) -> ConfigError:
    """A refusal of ``key``; ``code`` and ``params`` (with ``key``) word it in the reader's language."""
    return ConfigError(
        f"{key}: {message}",
        location=Location(file=source),
        hint=hint,
        code=code,
        params={"key": key, **params},
    )


class _Parser:
    def __init__(self, source: str | None) -> None:
        self.source = source

    def mapping(self, value: object, key: str, allowed: tuple[str, ...]) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise _fail(
                self.source,
                key,
                f"expected a mapping, got {value!r}",
                code="setting_not_a_mapping",
                value=value,
            )
        unknown = [k for k in value if k not in allowed]
        if unknown:
            raise _fail(
                self.source,
                f"{key}.{unknown[0]}",
                "unknown key",
                code="setting_unknown_key",
                hint=f"allowed: {', '.join(allowed)}",
                allowed=", ".join(allowed),
            )
        return value

    def choice(self, value: object, key: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            raise _fail(
                self.source,
                key,
                f"{value!r} is not one of {', '.join(choices)}",
                code="setting_not_a_choice",
                value=value,
                choices=", ".join(choices),
            )
        return str(value)

    def number(self, value: object, key: str, low: float | None = None, high: float | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(
                self.source,
                key,
                f"expected a number, got {value!r}",
                code="setting_not_a_number",
                value=value,
            )
        if high is None and low is not None and value < low:
            raise _fail(
                self.source,
                key,
                f"{value} is below the minimum {low}",
                code="setting_below_minimum",
                value=value,
                low=low,
            )
        if (low is not None and value < low) or (high is not None and value > high):
            raise _fail(
                self.source,
                key,
                f"{value} is outside [{low}, {high}]",
                code="setting_out_of_range",
                value=value,
                low=low,
                high=high,
            )
        return float(value)

    def flag(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            raise _fail(
                self.source,
                key,
                f"expected true or false, got {value!r}",
                code="setting_not_a_flag",
                value=value,
            )
        return value

    def settings(self, config: Mapping[str, Any]) -> dict[str, Any]:
        cfg = self.mapping(
            config,
            "config",
            (
                "denominate",
                "impute",
                "screen",
                "treat",
                "normalise",
                "weights",
                "aggregate",
                "overrides",
                "panel",
            ),
        )
        out: dict[str, Any] = {}
        if "denominate" in cfg:
            out["denominate"] = self.flag(cfg["denominate"], "denominate")
        if "impute" in cfg:
            out["impute"] = self.impute(cfg["impute"], "impute")
        if cfg.get("screen") is not None:
            scr = self.mapping(cfg["screen"], "screen", ("min_availability",))
            if "min_availability" in scr:
                thr = self.number(scr["min_availability"], "screen.min_availability", 0, 1)
                out["screen_min_availability"] = thr
        if "treat" in cfg:
            out["treat"] = self.treat(cfg["treat"], "treat")
        if "normalise" in cfg:
            out["normalise"] = self.normalise(cfg["normalise"], "normalise")
        if "weights" in cfg:
            out["weights"] = self.weights(cfg["weights"], "weights")
        if "aggregate" in cfg:
            out["aggregate"] = self.aggregate(cfg["aggregate"], "aggregate")
        if "overrides" in cfg:
            out.update(self.overrides(cfg["overrides"]))
        if "panel" in cfg:
            pan = self.mapping(cfg["panel"], "panel", ("normalise",))
            mode = self.choice(pan.get("normalise", "global"), "panel.normalise", PANEL_NORMALISE)
            out["panel"] = PanelSpec(normalise=mode)
        return out

    def impute(self, value: object, key: str) -> ImputeSpec:
        if isinstance(value, str):
            value = {"method": value}
        m = self.mapping(value, key, ("method", "group"))
        method = self.choice(m.get("method", ImputeSpec.method), f"{key}.method", IMPUTE_METHODS)
        group = m.get("group")
        if method in GROUPED and not isinstance(group, str):
            raise _fail(
                self.source,
                f"{key}.group",
                f"{method} needs a group column",
                code="impute_needs_group",
                hint="e.g. group: EurAsia_group",
                method=method,
            )
        return ImputeSpec(method=method, group=group if method in GROUPED else None)

    def treat(self, value: object, key: str) -> TreatSpec:
        if isinstance(value, str):
            value = {"method": value}
        m = self.mapping(value, key, ("method", "winmax", "skew", "kurtosis", "fallback"))
        method = self.choice(m.get("method", "winsorise"), f"{key}.method", TREAT_METHODS)
        winmax = self.number(m.get("winmax", 5), f"{key}.winmax", 0)
        if winmax != int(winmax):
            raise _fail(
                self.source,
                f"{key}.winmax",
                f"{winmax} is not a whole number",
                code="setting_not_whole",
                value=winmax,
            )
        return TreatSpec(
            method=method,
            winmax=int(winmax),
            skew=self.number(m.get("skew", 2.0), f"{key}.skew", 0),
            kurtosis=self.number(m.get("kurtosis", 3.5), f"{key}.kurtosis"),
            fallback=self.choice(m.get("fallback", "log"), f"{key}.fallback", TREAT_FALLBACKS),
        )

    def normalise(self, value: object, key: str) -> NormaliseSpec:
        if isinstance(value, str):
            value = {"method": value}
        allowed = ("method", "range", "mean", "sd", "cap", "target", "lower", "upper", "scale", "truncate")
        m = self.mapping(value, key, allowed)
        method = self.choice(m.get("method", NormaliseSpec.method), f"{key}.method", NORMALISE_METHODS)
        rng = m.get("range", [0, 100])
        if not isinstance(rng, list | tuple) or len(rng) != 2:
            raise _fail(
                self.source,
                f"{key}.range",
                f"expected [lower, upper], got {rng!r}",
                code="range_shape",
                value=rng,
            )
        low, high = (self.number(v, f"{key}.range") for v in rng)
        if not low < high:
            raise _fail(
                self.source,
                f"{key}.range",
                f"lower {low} must be below upper {high}",
                code="range_order",
                low=low,
                high=high,
            )
        spec = NormaliseSpec(
            method=method,
            range=(low, high),
            mean=self.number(m.get("mean", 0.0), f"{key}.mean"),
            sd=self.number(m.get("sd", 1.0), f"{key}.sd"),
            cap=self.flag(m.get("cap", False), f"{key}.cap"),
            target=None if m.get("target") is None else self.number(m["target"], f"{key}.target"),
            lower=None if m.get("lower") is None else self.number(m["lower"], f"{key}.lower"),
            upper=None if m.get("upper") is None else self.number(m["upper"], f"{key}.upper"),
            scale=self.number(m.get("scale", 100.0), f"{key}.scale"),
            truncate=self.flag(m.get("truncate", True), f"{key}.truncate"),
        )
        if spec.sd <= 0:
            raise _fail(self.source, f"{key}.sd", "must be positive", code="setting_not_positive")
        if method == "goalposts" and (spec.lower is None or spec.upper is None or spec.lower == spec.upper):
            raise _fail(
                self.source,
                key,
                "goalposts need distinct lower and upper",
                code="goalposts_need_bounds",
                hint="e.g. {lower: 0, upper: 100}",
            )
        return spec

    def aggregate(self, value: object, key: str) -> AggregateSpec:
        if isinstance(value, str):
            value = {"method": value}
        m = self.mapping(value, key, ("method", "min_availability"))
        method = self.choice(m.get("method", AggregateSpec.method), f"{key}.method", AGGREGATE_METHODS)
        thr = m.get("min_availability")
        return AggregateSpec(
            method, None if thr is None else self.number(thr, f"{key}.min_availability", 0, 1)
        )

    def weights(self, value: object, key: str) -> WeightsSpec:
        if value in ("meta", "equal", "pca"):
            return WeightsSpec(method=str(value))
        if not isinstance(value, Mapping):
            raise _fail(
                self.source,
                key,
                f"{value!r} is not meta, equal, pca or a mapping",
                code="weights_shape",
                value=value,
            )
        method = value.get("method")
        if method is None:  # the short form {CODE: weight, ...}
            return WeightsSpec(method="custom", custom=self.custom_weights(value, key))
        m = self.mapping(value, key, ("method", "values", "matrices", "levels"))
        method = self.choice(method, f"{key}.method", WEIGHT_METHODS)
        custom = self.custom_weights(m.get("values", {}), f"{key}.values")
        if method == "pca":
            levels = m.get("levels", [2])
            if not isinstance(levels, list) or not all(isinstance(v, int) and v >= 2 for v in levels):
                raise _fail(self.source, f"{key}.levels", "expected a list of levels ≥ 2", code="pca_levels")
            return WeightsSpec(method="pca", custom=custom, pca_levels=tuple(levels))
        if method != "ahp":
            return WeightsSpec(method=method, custom=custom)
        matrices = self.mapping(m.get("matrices"), f"{key}.matrices", tuple(m.get("matrices") or ()))
        ahp: dict[str, tuple[tuple[str, ...], tuple[tuple[float, ...], ...]]] = {}
        for parent, spec in matrices.items():
            sub = self.mapping(spec, f"{key}.matrices.{parent}", ("codes", "matrix"))
            codes = sub.get("codes")
            matrix = sub.get("matrix")
            if not isinstance(codes, list) or not isinstance(matrix, list) or len(matrix) != len(codes):
                raise _fail(
                    self.source,
                    f"{key}.matrices.{parent}",
                    "needs codes and a square matrix of their size",
                    code="ahp_matrix_shape",
                )
            rows = []
            for i, row in enumerate(matrix):
                if not isinstance(row, list) or len(row) != len(codes):
                    raise _fail(
                        self.source,
                        f"{key}.matrices.{parent}.matrix",
                        f"row {i + 1} has the wrong length",
                        code="ahp_row_length",
                        row=i + 1,
                    )
                rows.append(tuple(self.number(v, f"{key}.matrices.{parent}.matrix", 0) for v in row))
            ahp[str(parent)] = (tuple(str(c) for c in codes), tuple(rows))
        return WeightsSpec(method="ahp", custom=custom, ahp=ahp)

    def custom_weights(self, value: object, key: str) -> dict[str, float]:
        if not isinstance(value, Mapping):
            raise _fail(
                self.source,
                key,
                f"expected {{CODE: weight}}, got {value!r}",
                code="custom_weights_shape",
                value=value,
            )
        return {str(k): self.number(v, f"{key}.{k}", 0) for k, v in value.items()}

    def overrides(self, value: object) -> dict[str, Any]:
        m = self.mapping(value, "overrides", ("indicators", "levels", "groups"))
        inds: dict[str, IndicatorOverride] = {}
        for code, spec in self.mapping(
            m.get("indicators", {}), "overrides.indicators", tuple(m.get("indicators") or ())
        ).items():
            key = f"overrides.indicators.{code}"
            sub = self.mapping(spec, key, ("denominate", "impute", "treat", "normalise"))
            inds[str(code)] = IndicatorOverride(
                denominate=self.flag(sub["denominate"], f"{key}.denominate") if "denominate" in sub else None,
                impute=self.impute(sub["impute"], f"{key}.impute") if "impute" in sub else None,
                treat=self.treat(sub["treat"], f"{key}.treat") if "treat" in sub else None,
                normalise=self.normalise(sub["normalise"], f"{key}.normalise")
                if "normalise" in sub
                else None,
            )
        levels: dict[int, AggregateSpec] = {}
        for lev, spec in (m.get("levels") or {}).items():
            if not isinstance(lev, int) or lev < 2:
                raise _fail(
                    self.source,
                    f"overrides.levels.{lev}",
                    "levels are whole numbers ≥ 2 (the level aggregated into)",
                    code="override_level",
                )
            levels[lev] = self.aggregate(spec, f"overrides.levels.{lev}")
        groups = {
            str(code): self.aggregate(spec, f"overrides.groups.{code}")
            for code, spec in (m.get("groups") or {}).items()
        }
        return {"indicator_overrides": inds, "level_aggregate": levels, "group_aggregate": groups}


def _dump_settings(obj: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "denominate": obj["denominate"],
        "impute": _dump(obj["impute"]),
        "screen": {"min_availability": obj["screen_min_availability"]},
        "treat": _dump(obj["treat"]),
        "normalise": _dump(obj["normalise"]),
        "weights": _dump(obj["weights"]),
        "aggregate": _dump(obj["aggregate"]),
        "overrides": {
            "indicators": {
                code: {k: _dump(v) for k, v in vars(ov).items() if v is not None}
                for code, ov in obj["indicator_overrides"].items()
            },
            "levels": {lev: _dump(s) for lev, s in obj["level_aggregate"].items()},
            "groups": {code: _dump(s) for code, s in obj["group_aggregate"].items()},
        },
        "panel": {"normalise": obj["panel"].normalise},
    }
    if obj["screen_min_availability"] is None:
        del out["screen"]
    return out


def _dump(obj: object) -> Any:
    if isinstance(obj, WeightsSpec):
        if obj.method == "ahp":
            mats = {p: {"codes": list(c), "matrix": [list(r) for r in m]} for p, (c, m) in obj.ahp.items()}
            return {"method": "ahp", "values": dict(obj.custom), "matrices": mats}
        if obj.method == "pca":
            return {"method": "pca", "values": dict(obj.custom), "levels": list(obj.pca_levels)}
        return {"method": obj.method, "values": dict(obj.custom)}
    if isinstance(obj, NormaliseSpec | TreatSpec | ImputeSpec | AggregateSpec):
        d = {f.name: getattr(obj, f.name) for f in fields(obj)}
        if "range" in d:
            d["range"] = list(d["range"])
        return {k: v for k, v in d.items() if v is not None}
    return obj
