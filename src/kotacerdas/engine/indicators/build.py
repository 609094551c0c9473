"""The one validating entry point: ``build_index(data, meta, config) -> IndexResult``.

Steps run in COINr's order: denominate → impute → screen → treat → normalise → aggregate. Each
indicator may override denominate/impute/treat/normalise; each parent may have its own
aggregation. Panel data (a ``Time`` column) are imputed across years first, then built year by
year, normalised over all years together unless ``panel.normalise: per_year``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from kotacerdas import __version__
from kotacerdas.engine.kernels import PANEL_IMPUTERS

from .denominate import denominate
from .framework import Framework
from .impute import impute, impute_panel
from .normalise import normalise
from .result import IndexResult
from .screen import screen
from .settings import ImputeSpec, IndexSettings
from .source import DataSource
from .treat import treat
from .tree import aggregate_tree
from .validate import UnitData, validate_data

Progress = Callable[[str], None]


def build_index(
    data: pd.DataFrame,
    meta: pd.DataFrame,
    config: IndexSettings | Mapping[str, Any] | None = None,
    *,
    data_name: str = "data",
    meta_name: str = "meta",
    config_name: str = "config",
    progress: Progress | None = None,
) -> IndexResult:
    """Validate iData/iMeta and the settings, build the index, return it with its provenance.

    ``data`` and ``meta`` follow COINr's iData/iMeta conventions; ``config`` is an
    :class:`IndexSettings` or the mapping of docs/index-config.md. The names are used in errors.
    """
    settings = (
        config if isinstance(config, IndexSettings) else IndexSettings.from_mapping(config, config_name)
    )
    framework = Framework.from_meta(meta, meta_name)
    units = validate_data(data, framework, data_name, meta_name)
    report = progress or (lambda _msg: None)
    common: dict[str, Any] = {"settings": settings, "framework": framework, "version": __version__, "data": data, "meta": meta,
              "data_name": data_name, "meta_name": meta_name}  # fmt: skip
    if not units.panel:
        pre = _prepare(units.indicators, units, framework, settings, report)
        nrm = _normalise(pre["treated"], framework, settings, units.source)
        aggs, weights = aggregate_tree(nrm, framework, settings, units.source)
        report("aggregated")
        return IndexResult(
            **common, **pre, normalised=nrm, aggregates=aggs, weights=weights, names=units.names
        )
    return _build_panel(units, framework, settings, common, report)


def rebuild_index(result: IndexResult) -> IndexResult:
    """Build again from a result's stored inputs and settings (identical result, by construction)."""
    return build_index(
        result.data, result.meta, result.settings, data_name=result.data_name, meta_name=result.meta_name
    )


def _settings_for(settings: IndexSettings) -> Callable[[str], IndexSettings]:
    cache: dict[str, IndexSettings] = {}

    def get(code: str) -> IndexSettings:
        if code not in cache:
            cache[code] = settings.for_indicator(code)
        return cache[code]

    return get


def _prepare(
    raw: pd.DataFrame, units: UnitData, framework: Framework, settings: IndexSettings, report: Progress
) -> dict[str, Any]:
    per = _settings_for(settings)
    den = denominate(raw, units.denominators.loc[raw.index], framework, per, units.source)
    report("denominated")
    cross = _settings_for(_without_panel_impute(settings))
    imp = impute(den, cross, units.groups.loc[raw.index], units.source.file)
    report("imputed")
    scr, removed = screen(imp, settings.screen_min_availability)
    report("screened")
    trt, points, details = treat(scr, {c: per(c).treat for c in scr.columns}, units.source)
    report("treated")
    return {"denominated": den, "imputed": imp, "screened": scr, "treated": trt, "treated_points": points,
            "treatment": details, "removed_units": tuple(removed)}  # fmt: skip


def _normalise(
    frame: pd.DataFrame, framework: Framework, settings: IndexSettings, source: DataSource
) -> pd.DataFrame:
    per = _settings_for(settings)
    specs = {c: per(c).normalise for c in frame.columns}
    return normalise(frame, specs, dict(framework.direction), dict(framework.target), source)


def _without_panel_impute(settings: IndexSettings) -> IndexSettings:
    """Panel methods already ran on the whole panel; per year they mean 'no imputation'."""
    none = ImputeSpec()
    ovs = {
        code: replace(ov, impute=none) if ov.impute is not None and ov.impute.method in PANEL_IMPUTERS else ov
        for code, ov in settings.indicator_overrides.items()
    }
    imp = none if settings.impute.method in PANEL_IMPUTERS else settings.impute
    return replace(settings, impute=imp, indicator_overrides=ovs)


def _build_panel(
    units: UnitData, framework: Framework, settings: IndexSettings, common: dict[str, Any], report: Progress
) -> IndexResult:
    per = _settings_for(settings)
    raw = units.indicators
    den_all = denominate(raw, units.denominators, framework, per, units.source)
    for method in PANEL_IMPUTERS:
        cols = [c for c in raw.columns if per(c).impute.method == method]
        if cols:
            den_all[cols] = impute_panel(den_all[cols], method)
    years = sorted(set(raw.index.get_level_values("Time")))
    pres: dict[int, dict[str, Any]] = {}
    for year in years:
        rows = raw.index.get_level_values("Time") == year
        block = den_all[rows]
        pres[year] = _prepare_from(block, units, settings, report)
        pres[year]["denominated"] = den_all[rows]
    treated = pd.concat([pres[y]["treated"] for y in years])
    if settings.panel.normalise == "global":
        nrm_all = _normalise(treated, framework, settings, units.source)
    else:
        nrm_all = pd.concat(
            [_normalise(pres[y]["treated"], framework, settings, units.source) for y in years]
        )
    results: dict[int, IndexResult] = {}
    for year in years:
        nrm = nrm_all[nrm_all.index.get_level_values("Time") == year]
        aggs, weights = aggregate_tree(nrm, framework, settings, units.source)
        results[year] = IndexResult(**common, **pres[year], normalised=nrm, aggregates=aggs, weights=weights,
                                    names=units.names.loc[nrm.index])  # fmt: skip
    report("aggregated")

    def cat(attr: str) -> pd.DataFrame:
        frame: pd.DataFrame = pd.concat([getattr(results[y], attr) for y in years])
        return frame

    points = pd.concat([results[y].treated_points.assign(Time=y) for y in years], ignore_index=True)
    details = pd.concat([results[y].treatment.assign(Time=y) for y in years], ignore_index=True)
    removed = tuple(u for y in years for u in results[y].removed_units)
    return IndexResult(
        **common, denominated=cat("denominated"), imputed=cat("imputed"), screened=cat("screened"),
        treated=cat("treated"), normalised=cat("normalised"), aggregates=cat("aggregates"),
        weights=results[years[-1]].weights, treated_points=points, treatment=details, removed_units=removed,
        names=units.names, years=results,
    )  # fmt: skip


def _prepare_from(
    block: pd.DataFrame, units: UnitData, settings: IndexSettings, report: Progress
) -> dict[str, Any]:
    """Per-year steps after denomination and panel imputation (which ran on the whole panel)."""
    cross = _settings_for(_without_panel_impute(settings))
    imp = impute(block, cross, units.groups.loc[block.index], units.source.file)
    scr, removed = screen(imp, settings.screen_min_availability)
    per = _settings_for(settings)
    trt, points, details = treat(scr, {c: per(c).treat for c in scr.columns}, units.source)
    report("treated")
    return {"denominated": block, "imputed": imp, "screened": scr, "treated": trt, "treated_points": points,
            "treatment": details, "removed_units": tuple(removed)}  # fmt: skip
