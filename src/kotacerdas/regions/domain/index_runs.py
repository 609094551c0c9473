"""Storing index runs (engine results), optionally with given rank intervals (publishing: publication.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, Location
from kotacerdas.regions.models import Dataset, IndexRun, IndexScore, RankInterval, Region, UncertaintyAnalysis

Interval = tuple[float, float, float]  # median rank, 5 % and 95 % quantiles


def _ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """Competition ranks, highest score first (ties share the better rank)."""
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    ranks: dict[str, int] = {}
    for position, (code, value) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[code] = ranks[previous[0]] if previous and previous[1] == value else position
    return ranks


def _store_given_intervals(
    run: IndexRun, regions: dict[str, int], intervals: Mapping[str, Interval], actor: Any
) -> None:
    """Intervals that come with the run are its analysis v1, published with it (the scores hold them)."""
    analysis = UncertaintyAnalysis.objects.create(
        run=run,
        version=1,
        record={"source": "given with the run"},
        published=True,
        published_at=timezone.now(),
        created_by=stored_user(actor),
    )
    run.uncertainty = dict(analysis.record)
    run.save(update_fields=["uncertainty"])
    RankInterval.objects.bulk_create(
        RankInterval(
            analysis=analysis,
            region_id=regions[code],
            median_rank=median,
            rank_q05=q05,
            rank_q95=q95,
        )
        for code, (median, q05, q95) in intervals.items()
        if code in regions
    )


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
        raise InputError(_("hasil indeks %(name)r tidak memiliki skor") % {"name": name}, code="no_scores")
    regions = dict(Region.objects.filter(code__in=list(scores)).values_list("code", "id"))
    unknown = sorted(set(scores) - set(regions))
    if unknown:
        raise InputError(
            _("kode daerah tidak dikenal: %(codes)s") % {"codes": ", ".join(unknown[:5])},
            location=Location(column="code"),
            code="unknown_region",
        )
    run = IndexRun.objects.create(
        name=name,
        dataset=dataset,
        config=settings,
        provenance=provenance or {},
        meta=meta or [],
        has_uncertainty=intervals is not None,
        published=published,
        published_at=timezone.now() if published else None,
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
    if intervals is not None:
        _store_given_intervals(run, regions, intervals, actor)
    record(
        actor=actor,
        action="index_run.create",
        target=run,
        summary=wording(
            ngettext_lazy("%(run)s: %(count)s daerah", "%(run)s: %(count)s daerah", len(scores)),
            run=name,
            count=len(scores),
        ),
        data={"settings": settings, "uncertainty": intervals is not None},
    )
    return run
