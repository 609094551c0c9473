"""The one validating entry point: ``build_index(data, meta, config) -> IndexResult``.

Steps run in COINr's order: denominate → impute → screen → treat → normalise → aggregate. Each
indicator may override denominate/impute/treat/normalise; each parent may have its own
aggregation. Panel data (a ``Time`` column) are imputed across years first, then built year by
year, normalised over all years together unless ``panel.normalise: per_year``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from kotacerdas import __version__
from kotacerdas.engine.kernels import PANEL_IMPUTERS

from .denominate import denominate
from .framework import Framework
from .impute import impute, impute_panel
from .normalise import normalise
from .result import STEPS, IndexResult
from .screen import screen
from .settings import ImputeSpec, IndexSettings
from .source import DataSource
from .table import Block, InputTable
from .treat import TreatedPoints, treat
from .tree import aggregate_tree
from .validate import UnitData, validate_data

if TYPE_CHECKING:  # pandas only for the annotations: frames are accepted, not needed
    import pandas as pd

Progress = Callable[[str], None]


def build_index(
    data: InputTable | pd.DataFrame,
    meta: InputTable | pd.DataFrame,
    config: IndexSettings | Mapping[str, Any] | None = None,
    *,
    data_name: str = "data",
    meta_name: str = "meta",
    config_name: str = "config",
    progress: Progress | None = None,
) -> IndexResult:
    """Validate iData/iMeta and the settings, build the index, return it with its provenance.

    ``data`` and ``meta`` follow COINr's iData/iMeta conventions (pandas frames, or the
    :class:`~.table.InputTable` of a reader that does without pandas); ``config`` is an
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
        pre = _prepare(units, framework, settings, report)
        nrm = _normalise(pre.pop("treated_block"), framework, settings, units.source)
        aggs, weights = aggregate_tree(nrm, framework, settings, units.source)
        report("aggregated")
        blocks = {**pre.pop("blocks"), "normalised": nrm, "aggregates": aggs}
        return IndexResult(**common, **pre, blocks=blocks, weight_values=weights, unit_names=units.names,
                           name_units=units.indicators.units)  # fmt: skip
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
    units: UnitData, framework: Framework, settings: IndexSettings, report: Progress
) -> dict[str, Any]:
    per = _settings_for(settings)
    den = denominate(units.indicators, units.denominators, framework, per, units.source)
    report("denominated")
    return _prepare_from(den, units, settings, report)


def _normalise(frame: Block, framework: Framework, settings: IndexSettings, source: DataSource) -> Block:
    per = _settings_for(settings)
    specs = {c: per(c).normalise for c in frame.codes}
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
        cols = [c for c in raw.codes if per(c).impute.method == method]
        if cols:
            den_all = impute_panel(den_all, cols, method)
    assert raw.units.times is not None, "panel data have a year per row"
    times = np.asarray(raw.units.times)
    years = sorted(set(raw.units.times))
    pres: dict[int, dict[str, Any]] = {}
    for year in years:
        pres[year] = _prepare_from(den_all.take(np.flatnonzero(times == year)), units, settings, report)
    treated = Block.concat([pres[y]["treated_block"] for y in years], raw.codes)
    if settings.panel.normalise == "global":
        nrm_all = _normalise(treated, framework, settings, units.source)
    else:
        nrm_all = Block.concat(
            [_normalise(pres[y]["treated_block"], framework, settings, units.source) for y in years],
            raw.codes,
        )
    nrm_times = np.asarray(nrm_all.units.times)
    results: dict[int, IndexResult] = {}
    name_of = dict(zip(units.indicators.units.keys, units.names, strict=True))
    for year in years:
        nrm = nrm_all.take(np.flatnonzero(nrm_times == year))
        aggs, weights = aggregate_tree(nrm, framework, settings, units.source)
        pre = dict(pres[year])
        pre.pop("treated_block")
        blocks = {**pre.pop("blocks"), "normalised": nrm, "aggregates": aggs}
        names = tuple(name_of[k] for k in nrm.units.keys)
        results[year] = IndexResult(**common, **pre, blocks=blocks, weight_values=weights, unit_names=names,
                                    name_units=nrm.units)  # fmt: skip
    report("aggregated")

    def cat(step: str) -> Block:
        return Block.concat([results[y].blocks[step] for y in years], results[years[0]].blocks[step].codes)

    points = TreatedPoints(time=[])
    for y in years:
        year_points = results[y].points
        for name in ("unit", "code", "treatment", "before", "after"):
            getattr(points, name).extend(getattr(year_points, name))
        assert points.time is not None
        points.time.extend([y] * len(year_points))
    details = [d for y in years for d in results[y].details]
    detail_times = tuple(y for y in years for _ in results[y].details)
    removed = tuple(u for y in years for u in results[y].removed_units)
    return IndexResult(
        **common, blocks={step: cat(step) for step in STEPS}, weight_values=results[years[-1]].weight_values,
        points=points, details=details, removed_units=removed, unit_names=units.names,
        name_units=units.indicators.units, years=results, detail_times=detail_times,
    )  # fmt: skip


def _prepare_from(den: Block, units: UnitData, settings: IndexSettings, report: Progress) -> dict[str, Any]:
    """The steps after denomination (and panel imputation, which ran on the whole panel)."""
    cross = _settings_for(_without_panel_impute(settings))
    rows = _rows_of(units, den)
    groups = {name: labels[rows] for name, labels in units.groups.items()}
    imp = impute(den, cross, groups, units.source.file)
    report("imputed")
    scr, removed = screen(imp, settings.screen_min_availability)
    report("screened")
    per = _settings_for(settings)
    trt, points, details = treat(scr, {c: per(c).treat for c in scr.codes}, units.source)
    report("treated")
    return {"blocks": {"denominated": den, "imputed": imp, "screened": scr, "treated": trt},
            "treated_block": trt, "points": points, "details": details,
            "removed_units": tuple(removed)}  # fmt: skip


def _rows_of(units: UnitData, block: Block) -> np.ndarray:
    """Positions in ``units`` (validated order) of the units of ``block``."""
    if block.units is units.indicators.units:
        return np.arange(len(block), dtype=np.intp)
    at = {key: i for i, key in enumerate(units.indicators.units.keys)}
    return np.array([at[k] for k in block.units.keys], dtype=np.intp)
