"""Read-only views of a round for the secretariat: progress, overdue assessors, disagreement flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kotacerdas.assessment.enums import ReviewState, RoundState
from kotacerdas.assessment.models import Assignment, Moderation, Round


@dataclass(frozen=True)
class Progress:
    """Counts of a round's active assignments by state, and the assessors behind on their work."""

    total: int
    submitted: int
    draft: int
    untouched: int
    overdue: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.submitted / self.total if self.total else 0.0


def round_progress(round_: Round, *, today: dt.date | None = None) -> Progress:
    """Overdue: assessors with unsubmitted work while scoring continues past the deadline."""
    day = today or timezone.localdate()
    active = Assignment.objects.filter(submission__round=round_, active=True)
    states = list(active.values_list("state", flat=True))
    late: set[str] = set()
    if round_.state == RoundState.SCORING and day > round_.deadline:
        late = set(
            active.exclude(state=ReviewState.SUBMITTED).values_list("assessor__user__username", flat=True)
        )
    return Progress(
        total=len(states),
        submitted=states.count(ReviewState.SUBMITTED),
        draft=states.count(ReviewState.DRAFT),
        untouched=states.count(ReviewState.ASSIGNED),
        overdue=tuple(sorted(late)),
    )


def disagreements(round_: Round) -> list[Moderation]:
    return list(
        Moderation.objects.filter(submission__round=round_)
        .select_related("submission__participation__region")
        .defer("submission__questionnaire", "submission__participation__region__geometry")  # large, unread
        .order_by("-spread")
    )
