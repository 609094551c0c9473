"""Publishing and withdrawing datasets, index runs and uncertainty analyses (secretariat only, audited).

What the public sees is a published version; work in progress is a draft. Public pages and the public
API read published rows only (:mod:`kotacerdas.regions.rules`). Publishing an uncertainty analysis
makes it the run's one published analysis and copies its intervals onto the run's scores, the public
copy the ranking, the map and the region pages read; withdrawing it clears them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.accounts.rules import is_secretariat
from kotacerdas.errors import PermissionDeniedError
from kotacerdas.regions.models import Dataset, IndexRun, IndexScore, UncertaintyAnalysis


def _what() -> dict[str, str]:
    return {
        "datasets": _("set data"),
        "index runs": _("hasil indeks"),
        "uncertainty analyses": _("analisis ketidakpastian"),
    }


def require_publisher(actor: Any, what: str) -> None:
    """The secretariat and the platform itself (:data:`~kotacerdas.accounts.domain.actors.SYSTEM`) may."""
    if not (is_system(actor) or is_secretariat(actor)):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh mengumumkan atau menarik %(what)s")
            % {"what": _what().get(what, what)},
            code="secretariat_only",
        )


def _flag(row: Any, published: bool) -> None:
    row.published = published
    row.published_at = timezone.now() if published else None
    row.save(update_fields=["published", "published_at"])


@transaction.atomic
def publish_dataset(*, actor: Any, dataset: Dataset, published: bool = True) -> Dataset:
    """Show (or hide) a dataset version on the public region pages."""
    require_publisher(actor, "datasets")
    row = Dataset.objects.select_for_update().get(pk=dataset.pk)
    _flag(row, published)
    record(
        actor=actor,
        action="dataset.publish" if published else "dataset.unpublish",
        target=row,
        summary=str(row),
    )
    return row


@transaction.atomic
def publish_index_run(*, actor: Any, run: IndexRun, published: bool = True) -> IndexRun:
    """Show (or hide) a run on the public ranking, map and region pages."""
    require_publisher(actor, "index runs")
    row = IndexRun.objects.select_for_update().get(pk=run.pk)
    _flag(row, published)
    record(
        actor=actor,
        action="index_run.publish" if published else "index_run.unpublish",
        target=row,
        summary=row.name,
    )
    return row


def _copy_intervals(run: IndexRun, analysis: UncertaintyAnalysis | None) -> None:
    """The run's public interval copy: the analysis's intervals, or none."""
    by_region = {i.region_id: i for i in (analysis.intervals.all() if analysis is not None else [])}
    scores = list(IndexScore.objects.select_for_update().filter(run=run))
    for s in scores:
        i = by_region.get(s.region_id)
        s.median_rank = i.median_rank if i else None
        s.rank_q05 = i.rank_q05 if i else None
        s.rank_q95 = i.rank_q95 if i else None
        s.p_top = i.p_top if i else None
    IndexScore.objects.bulk_update(scores, ["median_rank", "rank_q05", "rank_q95", "p_top"], batch_size=500)
    run.uncertainty = dict(analysis.record) if analysis is not None else {}
    run.has_uncertainty = analysis is not None
    run.save(update_fields=["uncertainty", "has_uncertainty"])


@transaction.atomic
def publish_analysis(
    *, actor: Any, analysis: UncertaintyAnalysis, published: bool = True
) -> UncertaintyAnalysis:
    """Make ``analysis`` the run's published analysis (withdrawing the one before), or withdraw it."""
    require_publisher(actor, "uncertainty analyses")
    run = IndexRun.objects.select_for_update().get(pk=analysis.run_id)
    row = UncertaintyAnalysis.objects.select_for_update().get(pk=analysis.pk)
    if published:
        for earlier in run.analyses.filter(published=True).exclude(pk=row.pk):
            _flag(earlier, False)
        _flag(row, True)
        _copy_intervals(run, row)
    elif row.published:
        _flag(row, False)
        _copy_intervals(run, None)
    record(
        actor=actor,
        action="uncertainty.publish" if published else "uncertainty.unpublish",
        target=row,
        summary=wording(
            gettext_lazy("%(run)s: analisis ketidakpastian v%(version)s"),
            run=run.name,
            version=str(row.version),
        ),
    )
    return row
