"""The assessment side of the funnel: a readiness-interview round on a cohort's invited regions, the
round's calibrated scores as a selection score source, and a cohort selection from a screening run,
an interview round, or both (``docs/selection.md``).

The selection itself is :func:`kotacerdas.programme.domain.selection.run_selection`; this module
builds its score source and its eligibility ("invited and interviewed": the regions with a calibrated
score in a published readiness round of the cohort).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.wording import Wordable
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.assessment.domain.rounds import set_up_round
from kotacerdas.assessment.enums import RoundKind, RoundState
from kotacerdas.assessment.models import RegionResult, Round
from kotacerdas.engine.selection import SelectionResult
from kotacerdas.errors import InputError, StateError
from kotacerdas.jobs.domain.runner import enqueue
from kotacerdas.jobs.models import Job
from kotacerdas.programme.domain.score_sources import ScoreSource, combine, index_run_source
from kotacerdas.programme.domain.selection import (
    UNDECIDED,
    check_funnel,
    check_selectable,
    funnel,
    run_selection,
)
from kotacerdas.programme.models import Cohort
from kotacerdas.regions.models import IndexRun

READINESS_RUBRIC = "readiness-interview@1"
ELIGIBILITY = ("interviewed", "invited")
Progress = Callable[[float, Wordable], None]


def create_interview_round(
    *,
    actor: Any,
    cohort: Cohort,
    name: str,
    deadline: dt.date,
    assessors_per_submission: int = 3,
    max_load: int = 10,
) -> Round:
    """A readiness-interview round (draft) over the cohort's invited, undecided regions.

    ``assessors_per_submission`` and ``max_load`` size the assignment to the assessor pool (two
    assessors cannot give every region three ratings).
    """
    require_secretariat(actor, "create rounds")
    people = list(
        cohort.participations.filter(state__in=UNDECIDED)
        .select_related("region", "cohort")
        .order_by("region__code")
    )
    if not people:
        raise StateError(
            _("%(cohort)s tidak memiliki daerah undangan untuk diwawancarai") % {"cohort": cohort.name},
            hint=_("undang daerah lebih dulu"),
            code="no_invited_regions",
        )
    return set_up_round(
        actor=actor,
        name=name,
        kind=RoundKind.READINESS,
        rubric_key=READINESS_RUBRIC,
        participations=people,
        deadline=deadline,
        assessors_per_submission=assessors_per_submission,
        max_load=max_load,
    )


def cohort_rounds(cohort: Cohort, *, published: bool = True) -> list[Round]:
    """Readiness rounds with a submission of ``cohort`` (newest first)."""
    rounds = Round.objects.filter(kind=RoundKind.READINESS, submissions__participation__cohort=cohort)
    if published:
        rounds = rounds.filter(state=RoundState.PUBLISHED)
    return list(rounds.distinct().order_by("-created_at", "-id"))


def round_source(round_: Round) -> ScoreSource:
    """The calibrated scores of a published round (rounds keep no score draws)."""
    if round_.state != RoundState.PUBLISHED:
        raise StateError(
            _("putaran %(round)r belum diumumkan") % {"round": round_.name},
            hint=_("umumkan hasilnya lebih dulu"),
            code="round_not_published",
        )
    rows = RegionResult.objects.filter(submission__round=round_).values_list(
        "submission__participation__region__code", "calibrated"
    )
    scores = dict(rows)
    if not scores:
        raise StateError(
            _("putaran %(round)r belum memiliki hasil yang dihitung") % {"round": round_.name},
            code="no_results",
        )
    return ScoreSource(
        label=round_.name,
        scores=scores,
        reference={"kind": "round", "id": round_.pk},
        note="no_draws",
    )


def interviewed(cohort: Cohort, round_: Round | None = None) -> frozenset[str]:
    """Regions of ``cohort`` with a calibrated score in ``round_`` (or any published readiness round)."""
    rounds = [round_] if round_ is not None else cohort_rounds(cohort)
    if not rounds:
        raise StateError(
            _("%(cohort)s tidak memiliki putaran wawancara kesiapan yang sudah diumumkan")
            % {"cohort": cohort.name},
            hint=_("wawancarai daerah undangan lebih dulu, atau pilih kelayakan 'invited'"),
            code="no_interview_round",
        )
    codes = RegionResult.objects.filter(
        submission__round__in=rounds, submission__participation__cohort=cohort
    ).values_list("submission__participation__region__code", flat=True)
    return frozenset(codes)


@dataclass(frozen=True)
class SourceSpec:
    """Which published scores a selection uses, with their weights (JSON-ready for the job)."""

    index_run: int | None = None
    round: int | None = None
    index_weight: float = 1.0
    round_weight: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "index_run": self.index_run,
            "round": self.round,
            "index_weight": self.index_weight,
            "round_weight": self.round_weight,
        }


def resolve(spec: SourceSpec) -> tuple[ScoreSource, Round | None]:
    """The score source a spec names (published versions only) and its round, if any."""
    parts: list[tuple[ScoreSource, float]] = []
    round_ = None
    if spec.index_run is not None:
        run = IndexRun.objects.filter(pk=spec.index_run).first()
        if run is None:
            raise InputError(
                _("index_run: bukan hasil indeks (%(id)s)") % {"id": spec.index_run}, code="unknown_index_run"
            )
        parts.append((index_run_source(run), spec.index_weight))
    if spec.round is not None:
        round_ = Round.objects.filter(pk=spec.round).first()
        if round_ is None:
            raise InputError(
                _("round: bukan putaran penilaian (%(id)s)") % {"id": spec.round}, code="unknown_round"
            )
        parts.append((round_source(round_), spec.round_weight))
    if not parts:
        raise InputError(
            _("sumber skor: pilih hasil penyaringan, putaran wawancara, atau keduanya"),
            code="score_source_required",
        )
    if len(parts) == 1:
        return parts[0][0], round_
    return combine(parts), round_


def select_cohort(
    *,
    actor: Any,
    cohort: Cohort,
    spec: SourceSpec,
    config: Mapping[str, Any],
    eligibility: str = "interviewed",
    include_uninvited: bool = False,
    exclude_alumni: bool = False,
    thresholds: bool = True,
    progress: Progress | None = None,
) -> SelectionResult:
    """Select ``cohort`` from the published scores ``spec`` names (see the module docstring)."""
    require_secretariat(actor, "run selections")
    if eligibility not in ELIGIBILITY:
        raise InputError(
            _("kelayakan %(value)r tidak dikenal") % {"value": eligibility},
            hint=_("interviewed atau invited"),
            code="unknown_eligibility",
        )
    source, round_ = resolve(spec)
    return run_selection(
        actor=actor,
        cohort=cohort,
        source=source,
        config=config,
        interviewed=interviewed(cohort, round_) if eligibility == "interviewed" else None,
        include_uninvited=include_uninvited,
        exclude_alumni=exclude_alumni,
        thresholds=thresholds,
        progress=progress,
    )


def queue_cohort_selection(
    *,
    actor: Any,
    cohort: Cohort,
    spec: SourceSpec,
    config: dict[str, Any],
    eligibility: str = "interviewed",
    include_uninvited: bool = False,
    exclude_alumni: bool = False,
    thresholds: bool = True,
) -> Job:
    """Check what can be checked now, then queue :func:`kotacerdas.assessment.tasks.cohort_selection`.

    The UI and the API both call this.
    """
    require_secretariat(actor, "run selections")
    check_selectable(cohort)
    if eligibility not in ELIGIBILITY:
        raise InputError(
            _("kelayakan %(value)r tidak dikenal") % {"value": eligibility},
            hint=_("interviewed atau invited"),
            code="unknown_eligibility",
        )
    source, round_ = resolve(spec)  # refuses a draft or unknown source now, not in the job
    plan = funnel(
        cohort,
        source,
        interviewed=interviewed(cohort, round_) if eligibility == "interviewed" else None,
        include_uninvited=include_uninvited,
        exclude_alumni=exclude_alumni,
    )
    check_funnel(cohort, source, plan)
    from kotacerdas.assessment import tasks  # local import: tasks.py wraps this module's services

    return enqueue(
        actor=actor,
        function=tasks.cohort_selection,
        arguments={
            "actor_id": getattr(actor, "pk", None),
            "cohort_id": cohort.pk,
            "spec": spec.as_dict(),
            "config": config,
            "eligibility": eligibility,
            "include_uninvited": include_uninvited,
            "exclude_alumni": exclude_alumni,
            "thresholds": thresholds,
        },
    )
