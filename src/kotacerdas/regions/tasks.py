"""The regions app's job functions: dataset import, index build, uncertainty analysis.

Each is a thin wrapper that turns the job's JSON arguments into a domain service call; they are
registered by name (:func:`kotacerdas.jobs.registry.job_function`) and queued by the domain's
``queue_*`` services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy, pgettext_lazy

from kotacerdas.accounts.domain.actors import actor_from_id
from kotacerdas.accounts.domain.wording import Wordable, wording
from kotacerdas.jobs.registry import job_function
from kotacerdas.regions.domain.datasets import import_dataset
from kotacerdas.regions.domain.index_build import build_index_run, meta_frame
from kotacerdas.regions.domain.screening import build_index_runs
from kotacerdas.regions.domain.uncertainty_runs import run_uncertainty_analysis
from kotacerdas.regions.models import Dataset, IndexRun

Progress = Callable[[float, Wordable], None]


@job_function(
    "dataset_import", uploads=("storage_name",), label=pgettext_lazy("jenis pekerjaan", "impor dataset")
)
def dataset_import(
    *,
    progress: Progress,
    actor_id: int | None,
    storage_name: str,
    file_name: str,
    name: str,
    source: str,
    year: int,
    licence: str,
    code_system: str = "kemendagri",
) -> dict[str, Any]:
    """Import a file already saved to storage (the job removes it once done or cancelled)."""
    actor = actor_from_id(actor_id)
    progress(0.0, wording(gettext_lazy("membaca berkas")))
    with default_storage.open(storage_name, "rb") as handle:
        content = handle.read()
    dataset = import_dataset(
        actor=actor,
        name=name,
        file_name=file_name,
        content=content,
        source=source,
        year=year,
        licence=licence,
        code_system=code_system,
        progress=progress,
    )
    return {
        "dataset": dataset.pk,
        "version": dataset.version,
        "warnings": dataset.validation_report["warnings"],
    }


@job_function("index_build", label=pgettext_lazy("jenis pekerjaan", "pembangunan indeks"))
def index_build(
    *,
    progress: Progress,
    actor_id: int | None,
    dataset_id: int,
    name: str,
    directions: dict[str, int] | None = None,
    config: dict[str, Any] | None = None,
    meta: list[dict[str, Any]] | None = None,
    years: list[int] | None = None,
) -> dict[str, Any]:
    """Build an index run from a stored dataset (``meta`` as iMeta rows); panel data: one run per year."""
    if years:
        runs = build_index_runs(
            actor=actor_from_id(actor_id),
            dataset=Dataset.objects.get(pk=dataset_id),
            name=name,
            meta=meta or [],
            config=config or {},
            years=years,
            progress=progress,
        )
        return {
            "index_run": runs[0].pk,
            "index_runs": [r.pk for r in runs],
            "years": years,
            "regions": runs[0].scores.count(),
        }
    run = build_index_run(
        actor=actor_from_id(actor_id),
        dataset=Dataset.objects.get(pk=dataset_id),
        name=name,
        config=config,
        directions=directions,
        meta=meta_frame(meta) if meta else None,
        progress=progress,
    )
    return {"index_run": run.pk, "regions": run.scores.count()}


@job_function("uncertainty", label=pgettext_lazy("jenis pekerjaan", "analisis ketidakpastian"))
def uncertainty(
    *,
    progress: Progress,
    actor_id: int | None,
    run_id: int,
    factors: dict[str, Any],
    samples: int,
    seed: int,
    top: int = 10,
) -> dict[str, Any]:
    """Uncertainty analysis of a stored index run, stored as its next draft analysis version."""
    analysis = run_uncertainty_analysis(
        actor=actor_from_id(actor_id),
        run=IndexRun.objects.get(pk=run_id),
        factors=factors,
        samples=samples,
        seed=seed,
        top=top,
        progress=progress,
    )
    return {
        "index_run": run_id,
        "analysis": analysis.pk,
        "version": analysis.version,
        "samples": samples,
        "failed": analysis.record["failed"],
    }
