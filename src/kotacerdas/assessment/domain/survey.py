"""The yearly evaluation's citizen impact survey: per dimension 3 programmes, ≥ 50 respondents each."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import localised, wording
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.assessment.enums import (
    IMPACT_DIMENSIONS,
    SURVEY_MIN_RESPONDENTS,
    SURVEY_PROGRAMMES,
    RoundKind,
    RoundState,
)
from kotacerdas.assessment.models import ImpactSurvey, Submission
from kotacerdas.errors import InputError, StateError


@transaction.atomic
def record_impact_survey(
    *,
    actor: Any,
    submission: Submission,
    dimension: str,
    sub_dimension: str,
    programme: str,
    respondents: int,
    mean_score: float,
    name: str | Promise,
) -> ImpactSurvey:
    """Record one surveyed programme of a region (yearly evaluation rounds, before publication).

    ``name`` is the dimension and sub-dimension by name for the audit summary (``Smart Living /
    Transportasi``): the monitoring framework names them, which this app may not import, so the caller
    passes ``kotacerdas.monitoring.framework.framework_name(dimension, sub_dimension)`` (a lazy text, worded
    in each language).
    """
    require_secretariat(actor, "record impact surveys")
    if submission.round.kind != RoundKind.YEARLY:
        raise StateError(_("survei dampak hanya untuk putaran evaluasi tahunan"), code="survey_yearly_only")
    if submission.round.state == RoundState.PUBLISHED:
        raise StateError(_("putaran sudah diumumkan; surveinya tidak dapat diubah"), code="round_state")
    if dimension not in IMPACT_DIMENSIONS:
        raise InputError(
            _("dimensi %(dimension)r tidak dikenal") % {"dimension": dimension},
            hint=", ".join(IMPACT_DIMENSIONS),
            code="unknown_dimension",
        )
    if respondents < SURVEY_MIN_RESPONDENTS:
        raise InputError(
            _("%(programme)s: %(count)s responden; paling sedikit %(minimum)s diperlukan")
            % {"programme": programme, "count": respondents, "minimum": SURVEY_MIN_RESPONDENTS},
            code="too_few_respondents",
        )
    if not 0 <= mean_score <= 5:
        raise InputError(
            _("%(programme)s: skor rata-rata %(score)s di luar 0–5")
            % {"programme": programme, "score": localised(float(mean_score))},
            code="out_of_range",
        )
    survey, _created = ImpactSurvey.objects.update_or_create(
        submission=submission,
        dimension=dimension,
        sub_dimension=sub_dimension,
        defaults={"programme": programme, "respondents": respondents, "mean_score": mean_score},
    )
    record(
        actor=actor,
        action="survey.record",
        target=survey,
        summary=wording(
            gettext_lazy("survei dampak %(region)s, %(dimension)s: skor rata-rata %(score)s"),
            region=submission.participation.region.name,
            dimension=name,
            score=float(mean_score),
        ),
    )
    return survey


def survey_score(submission: Submission) -> float | None:
    """Mean of the programme means when the survey is complete (all 6 dimensions × 3), else ``None``."""
    rows = list(submission.surveys.all())
    for dimension in IMPACT_DIMENSIONS:
        if sum(1 for s in rows if s.dimension == dimension) < SURVEY_PROGRAMMES:
            return None
    return sum(s.mean_score for s in rows) / len(rows)
