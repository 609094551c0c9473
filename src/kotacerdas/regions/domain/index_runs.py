"""Storing index runs (engine results) and rank intervals from uncertainty runs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, Location
from kotacerdas.regions.models import Dataset, IndexRun, IndexScore, Region

Interval = tuple[float, float, float]  # median rank, 5 % and 95 % quantiles


def _ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """Competition ranks, highest score first (ties share the better rank)."""
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    ranks: dict[str, int] = {}
    for position, (code, value) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[code] = ranks[previous[0]] if previous and previous[1] == value else position
    return ranks


@transaction.atomic
def record_index_run(
    *,
    actor: Any,
    name: str,
    scores: Mapping[str, float],
    settings: dict[str, Any],
    dataset: Dataset | None = None,
    provenance: dict[str, Any] | None = None,
    intervals: Mapping[str, Interval] | None = None,
    published: bool = False,
    meta: list[dict[str, Any]] | None = None,
) -> IndexRun:
    """Store an index result: ``scores`` by region code (ranked here), optional rank intervals.

    ``meta`` (the iMeta rows the engine used) lets an uncertainty analysis rebuild the index later.
    """
    if not scores:
        raise InputError(f"index run {name!r} has no scores")
    regions = dict(Region.objects.filter(code__in=list(scores)).values_list("code", "id"))
    unknown = sorted(set(scores) - set(regions))
    if unknown:
        raise InputError(f"unknown region codes {', '.join(unknown[:5])}", location=Location(column="code"))
    run = IndexRun.objects.create(
        name=name,
        dataset=dataset,
        config=settings,
        provenance=provenance or {},
        meta=meta or [],
        has_uncertainty=intervals is not None,
        published=published,
        created_by=stored_user(actor),
    )
    ranks = _ranks(scores)
    IndexScore.objects.bulk_create(
        IndexScore(
            run=run,
            region_id=regions[code],
            score=float(value),
            rank=ranks[code],
            median_rank=(intervals or {}).get(code, (None, None, None))[0],
            rank_q05=(intervals or {}).get(code, (None, None, None))[1],
            rank_q95=(intervals or {}).get(code, (None, None, None))[2],
        )
        for code, value in scores.items()
    )
    record(
        actor=actor,
        action="index_run.create",
        target=run,
        summary=f"{name}: {len(scores)} regions",
        data={"settings": settings, "uncertainty": intervals is not None},
    )
    return run


@transaction.atomic
def publish_index_run(*, actor: Any, run: IndexRun, published: bool = True) -> IndexRun:
    """Show (or hide) a run on the public ranking and map."""
    run.published = published
    run.save(update_fields=["published"])
    record(
        actor=actor,
        action="index_run.publish" if published else "index_run.unpublish",
        target=run,
        summary=run.name,
    )
    return run
