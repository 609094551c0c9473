"""Build an :class:`UncertaintyProblem` from the indicators engine's :class:`IndexResult`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.indicators import IndexResult, build_index
from kotacerdas.engine.indicators.validate import as_input_table
from kotacerdas.engine.kernels import BATCHED, PANEL_IMPUTERS, AggregateSpec, ImputeSpec
from kotacerdas.engine.kernels.impute import is_missing
from kotacerdas.errors import ConfigError, MethodError

from .factors import treat_labels
from .problem import UncertaintyProblem, make_problem


def from_index_result(
    result: IndexResult, *, reimpute: bool = False, treat: Mapping[str, Any] | None = None
) -> UncertaintyProblem:
    """The problem of a built (non-panel) index: its treated data, tree, directions, weights and methods.

    With ``reimpute=False`` (default) the data are the treated, already imputed values and the nominal
    normalised data are the engine's own, so the nominal ranks are exactly the index's ranks. With
    ``reimpute=True`` the cells that were missing before imputation are blanked again and the nominal
    imputation is re-applied after treatment, so that an ``impute`` factor can vary it. ``treat`` is the
    ``treat`` factor's value (``{winmax: [1, 2, 3, 4, 5]}``): the index is rebuilt once per value and each
    treated data set becomes a data variant the factor chooses between.
    """
    if result.panel:
        raise MethodError(
            "uncertainty analysis of panel data is not supported",
            hint="analyse one year's index",
            code="uncertainty_of_panel",
        )
    fw = result.framework
    settings = result.settings
    levels = [fw.levels[level] for level in sorted(fw.levels)]
    treated = result.treated.reindex(columns=list(levels[0]))
    missing = result.denominated.reindex(index=treated.index, columns=list(levels[0])).isna().to_numpy()

    def matrix(built: IndexResult) -> NDArray[np.float64]:
        values = built.treated.reindex(index=treated.index, columns=list(levels[0])).to_numpy(
            dtype=np.float64
        )
        return np.where(missing, np.nan, values) if reimpute else values

    data = matrix(result)
    variants = {}
    if treat is not None:
        if settings.treat.method == "none":
            raise ConfigError("a treat factor needs outlier treatment in the index configuration",
                              hint="set treat: {method: winsorise, ...} in --config",
                              code="treat_factor_without_treatment")  # fmt: skip
        for label in treat_labels(treat):
            value = int(label.split("=")[1])
            changed = replace(settings, treat=replace(settings.treat, winmax=value))
            variants[label] = matrix(build_index(result.data, result.meta, changed, data_name=result.data_name,
                                                 meta_name=result.meta_name))  # fmt: skip
    impute = ImputeSpec()
    if reimpute and settings.impute.method not in PANEL_IMPUTERS:
        impute = settings.impute
    agg = settings.aggregate
    if agg.method not in BATCHED or settings.level_aggregate or settings.group_aggregate:
        raise MethodError(f"aggregation {agg.method!r} (or per-level/group methods) is not supported here",
                          hint=f"use one method for all levels: {', '.join(BATCHED)}",
                          code="aggregation_not_varied", params={"method": agg.method, "choices": ", ".join(BATCHED)})  # fmt: skip
    units = [str(u) for u in treated.index]
    table = as_input_table(result.data)
    row_of = {str(code).strip(): at for at, code in enumerate(table.columns["uCode"])}
    rows = [row_of[u] for u in units]
    groups = {}
    for g in fw.groups:
        cells = list(table.columns[g])
        groups[g] = [None if is_missing(cells[at]) else str(cells[at]) for at in rows]
    return make_problem(
        units=units,
        data=data,
        levels=levels,
        parents=[[str(fw.parent[c]) for c in codes] for codes in levels[:-1]],
        directions=[float(fw.direction[c]) for c in levels[0]],
        weights=[[float(result.weights[c]) for c in codes] for codes in levels[:-1]],
        normalise=settings.normalise,
        aggregate=AggregateSpec(method=agg.method, min_availability=agg.min_availability),
        impute=impute,
        groups=groups,
        normalised=None
        if reimpute
        else result.normalised.reindex(columns=list(levels[0])).to_numpy(np.float64),
        data_variants=variants,
        targets=[fw.target.get(c) for c in levels[0]],
    )
