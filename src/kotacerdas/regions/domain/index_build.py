"""Building an index run from a stored dataset with the composite-indicator engine."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from kotacerdas.engine.indicators import build_index
from kotacerdas.regions.domain.datasets import dataset_matrix
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.models import Dataset, IndexRun, Region

Progress = Callable[[float, str], None]


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


def dataset_frame(dataset: Dataset) -> pd.DataFrame:
    """The dataset as COINr iData: ``uCode`` (Kemendagri code), ``uName``, one column per indicator."""
    matrix = dataset_matrix(dataset)
    names = dict(Region.objects.filter(code__in=list(matrix)).values_list("code", "name"))
    rows = [{"uCode": code, "uName": names[code], **values} for code, values in sorted(matrix.items())]
    return pd.DataFrame(rows, columns=["uCode", "uName", *dataset.indicators])


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
) -> IndexRun:
    """Run the engine on ``dataset`` (iMeta ``meta``, or a flat one with ``directions``) and store the run."""
    report = progress or (lambda _f, _m: None)
    report(0.1, "building the index")
    result = build_index(
        dataset_frame(dataset),
        meta if meta is not None else flat_meta(list(dataset.indicators), directions),
        config,
        data_name=dataset.file_name,
        meta_name="iMeta",
        config_name="settings",
    )
    report(0.8, "storing the results")
    scores = {str(code): float(value) for code, value in result.index.dropna().items()}
    return record_index_run(
        actor=actor,
        name=name,
        scores=scores,
        settings=result.settings.to_mapping(),
        dataset=dataset,
        provenance=result.provenance(),
        published=published,
    )


def build_index_job(
    *,
    progress: Progress,
    actor_id: int | None,
    dataset_id: int,
    name: str,
    directions: dict[str, int] | None = None,
    config: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Background-job entry point of :func:`build_index_run` (JSON arguments only)."""
    from django.contrib.auth import get_user_model  # local import: thin job wrapper

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    run = build_index_run(
        actor=actor,
        dataset=Dataset.objects.get(pk=dataset_id),
        name=name,
        config=config,
        directions=directions,
        progress=progress,
    )
    return {"index_run": run.pk, "regions": run.scores.count()}
