"""The yearly evaluation's citizen impact survey: per dimension 3 programmes, ≥ 50 respondents each."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kotacerdas.accounts.domain.audit import record
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
) -> ImpactSurvey:
    """Record one surveyed programme of a region (yearly evaluation rounds, before publication)."""
    require_secretariat(actor, "record impact surveys")
    if submission.round.kind != RoundKind.YEARLY:
        raise StateError("the impact survey belongs to yearly evaluation rounds only")
    if submission.round.state == RoundState.PUBLISHED:
        raise StateError("the round is published; its surveys cannot change")
    if dimension not in IMPACT_DIMENSIONS:
        raise InputError(f"unknown dimension {dimension!r}", hint=f"one of {', '.join(IMPACT_DIMENSIONS)}")
    if respondents < SURVEY_MIN_RESPONDENTS:
        raise InputError(
            f"{programme}: {respondents} respondents; at least {SURVEY_MIN_RESPONDENTS} are required"
        )
    if not 0 <= mean_score <= 5:
        raise InputError(f"{programme}: mean score {mean_score:g} is outside 0–5")
    survey, _ = ImpactSurvey.objects.update_or_create(
        submission=submission,
        dimension=dimension,
        sub_dimension=sub_dimension,
        defaults={"programme": programme, "respondents": respondents, "mean_score": mean_score},
    )
    record(
        actor=actor,
        action="survey.record",
        target=survey,
        summary=f"{submission.participation.region.name} {dimension}/{sub_dimension}: {mean_score:g}",
    )
    return survey


def survey_score(submission: Submission) -> float | None:
    """Mean of the programme means when the survey is complete (all 6 dimensions × 3), else ``None``."""
    rows = list(submission.surveys.all())
    for dimension in IMPACT_DIMENSIONS:
        if sum(1 for s in rows if s.dimension == dimension) < SURVEY_PROGRAMMES:
            return None
    return sum(s.mean_score for s in rows) / len(rows)
