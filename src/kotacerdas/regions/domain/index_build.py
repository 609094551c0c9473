"""Building an index run from a stored dataset with the composite-indicator engine."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.wording import Wordable, wording
from kotacerdas.engine.indicators import IndexResult, build_index
from kotacerdas.regions.domain.datasets import dataset_matrix
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.models import Dataset, IndexRun, Region

Progress = Callable[[float, Wordable], None]
#: iMeta ``Group`` rows that the registry can fill in from the stored regions
REGION_GROUPS = ("type", "island_group", "province", "province_code")


def flat_meta(indicators: list[str], directions: Mapping[str, int] | None = None) -> pd.DataFrame:
    """COINr iMeta of a one-level index: every indicator (weight 1) under one aggregate ``Index``."""
    signs = directions or {}
    rows = [
        {
            "iCode": ind,
            "iName": ind,
            "Level": 1,
            "Parent": "Index",
            "Direction": signs.get(ind, 1),
            "Weight": 1.0,
            "Type": "Indicator",
        }
        for ind in indicators
    ]
    rows.append(
        {
            "iCode": "Index",
            "iName": "Index",
            "Level": 2,
            "Parent": None,
            "Direction": 1,
            "Weight": 1.0,
            "Type": "Aggregate",
        }
    )
    return pd.DataFrame(rows)


def meta_records(meta: pd.DataFrame) -> list[dict[str, Any]]:
    """iMeta rows as JSON-ready dicts (missing cells become ``None``) for storing with a run."""
    return [
        {str(k): (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        for row in meta.to_dict(orient="records")
    ]


def meta_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """The iMeta of stored rows (inverse of :func:`meta_records`)."""
    return pd.DataFrame(records)


def dataset_frame(dataset: Dataset, groups: tuple[str, ...] = (), year: int | None = None) -> pd.DataFrame:
    """The dataset as COINr iData: ``uCode`` (Kemendagri code), ``uName``, ``groups``, one column per indicator.

    ``groups`` are region attributes (:data:`REGION_GROUPS`) added as group columns; panel data gives
    the rows of one ``year``.
    """
    matrix = dataset_matrix(dataset, year)
    fields = ["code", "name", *(g for g in groups if g in REGION_GROUPS)]
    regions = {row[0]: row for row in Region.objects.filter(code__in=list(matrix)).values_list(*fields)}
    extra = fields[2:]
    rows = [
        {
            "uCode": code,
            "uName": regions[code][1],
            **{g: regions[code][2 + i] for i, g in enumerate(extra)},
            **values,
        }
        for code, values in sorted(matrix.items())
    ]
    return pd.DataFrame(rows, columns=["uCode", "uName", *extra, *dataset.indicators])


def _group_columns(meta: pd.DataFrame) -> tuple[str, ...]:
    if "Type" not in meta.columns:
        return ()
    return tuple(str(c) for c in meta.loc[meta["Type"] == "Group", "iCode"] if c in REGION_GROUPS)


def build_result(
    dataset: Dataset, meta: pd.DataFrame, config: Mapping[str, Any] | None = None, year: int | None = None
) -> IndexResult:
    """The indicator engine's result for a stored dataset (one ``year`` of panel data) and an iMeta.

    Dataset columns that the iMeta does not name (indicators left out of the framework) are not used.
    """
    frame = dataset_frame(dataset, _group_columns(meta), year)
    named = {str(code) for code in meta["iCode"]}
    frame = frame[[c for c in frame.columns if c in ("uCode", "uName") or c in named]]
    return build_index(
        frame,
        meta,
        config,
        data_name=dataset.file_name,
        meta_name="iMeta",
        config_name="settings",
    )


def build_index_run(
    *,
    actor: Any,
    dataset: Dataset,
    name: str,
    meta: pd.DataFrame | None = None,
    config: Mapping[str, Any] | None = None,
    directions: Mapping[str, int] | None = None,
    published: bool = False,
    progress: Progress | None = None,
    year: int | None = None,
    series: str = "",
) -> IndexRun:
    """Run the engine on ``dataset`` (iMeta ``meta``, or a flat one with ``directions``) and store the run.

    Panel data is built one ``year`` at a time (``series`` ties the runs of one build together). The
    run keeps the engine's coherence statistics (:func:`coherence_record`).
    """
    report = progress or (lambda _f, _m: None)
    report(0.1, wording(gettext_lazy("membangun indeks")))
    imeta = meta if meta is not None else flat_meta(list(dataset.indicators), directions)
    result = build_result(dataset, imeta, config, year)
    report(0.8, wording(gettext_lazy("menyimpan hasil")))
    scores = {str(code): float(value) for code, value in result.index.dropna().items()}
    run = record_index_run(
        actor=actor,
        name=name,
        scores=scores,
        settings=result.settings.to_mapping(),
        dataset=dataset,
        provenance=result.provenance(),
        published=published,
        meta=meta_records(imeta),
    )
    run.year, run.series, run.coherence = year, series, coherence_record(result)
    run.save(update_fields=["year", "series", "coherence"])
    return run


def _finite(value: Any) -> float | None:
    number = float(value)
    return round(number, 6) if math.isfinite(number) else None


def coherence_record(result: IndexResult) -> dict[str, Any]:
    """The engine's coherence statistics as JSON: per node its correlation with each ancestor level,
    per aggregate Cronbach's alpha, PCA variance explained and its children's negative correlations."""
    with warnings.catch_warnings(record=True):  # negative pairs are kept in the record, not warned
        warnings.simplefilter("always")
        stats = result.coherence()
    framework = result.framework
    return {
        "levels": list(range(2, framework.n_levels + 1)),
        "correlations": {
            str(code): {str(level): _finite(r) for level, r in row.items()}
            for code, row in stats.correlations.to_dict(orient="index").items()
        },
        "cronbach_alpha": {str(k): _finite(v) for k, v in stats.cronbach_alpha.items()},
        "pca_variance": {str(k): _finite(v) for k, v in stats.pca_variance.items()},
        "negative_pairs": [
            {"parent": str(p), "a": str(a), "b": str(b), "r": _finite(r)}
            for p, a, b, r in stats.negative_pairs.itertuples(index=False)
        ],
    }
