"""Who hears about what in assessment: assessors about assignments and deadlines, everyone about results.

The services call these inside their transactions; :func:`notify` delivers after commit. The deadline
reminders run periodically on the task worker and are idempotent (one notice per round, step and person).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.assessment.enums import ReviewState, RoundState
from kotacerdas.assessment.models import Assignment, Round
from kotacerdas.notifications.domain.notify import notify
from kotacerdas.notifications.kinds import Kind

#: reminders before a deadline: a first one within 7 days, a last one on the day before
REMINDER_DAYS = (7, 1)


def notify_assignments(assignments: Iterable[Assignment]) -> None:
    """Tell each assessor of a new or changed assignment."""
    for a in assignments:
        r = a.submission.round
        notify(
            recipients=[a.assessor.user],
            kind=Kind.ASSIGNMENT,
            params={
                "region": a.submission.participation.region.name,
                "round": r.name,
                "deadline": r.deadline,  # written out in each reader's language
            },
            url=reverse("web:assessment-inbox"),
        )


def notify_round_published(round_: Round) -> None:
    """Tell the round's assessors and the teams of its regions that the results are out."""
    assessors = User.objects.filter(assessor__assignments__submission__round=round_).distinct()
    teams = User.objects.filter(
        role=Role.REGION_TEAM, region__participations__assessment_submissions__round=round_
    ).distinct()
    notify(
        recipients=[*assessors, *teams],
        kind=Kind.ROUND_PUBLISHED,
        params={"round": round_.name},
        url=reverse("web:assessment-results", args=[round_.pk]),
    )


def send_deadline_reminders(today: dt.date | None = None) -> int:
    """Remind assessors with unsubmitted work 7 days and 1 day ahead; after the deadline, them and the
    secretariat. Safe to run as often as wanted; returns how many rounds were looked at."""
    today = today or timezone.localdate()
    rounds = Round.objects.filter(state=RoundState.SCORING)
    for r in rounds:
        open_work = Assignment.objects.filter(submission__round=r, active=True).exclude(
            state=ReviewState.SUBMITTED
        )
        late = list(User.objects.filter(assessor__assignments__in=open_work).distinct())
        if not late:
            continue
        left = (r.deadline - today).days
        params = {"round": r.name, "deadline": r.deadline, "open": open_work.count(), "days": left}
        if left < 0:
            secretariat = list(User.objects.filter(role=Role.SECRETARIAT, is_active=True))
            notify(
                recipients=[*late, *secretariat],
                kind=Kind.DEADLINE_PASSED,
                params=params,
                url=reverse("web:assessment-round", args=[r.pk]),
                dedupe_key=f"deadline-passed:{r.pk}",
            )
            continue
        step = next((d for d in sorted(REMINDER_DAYS) if left <= d), None)
        if step is not None:
            notify(
                recipients=late,
                kind=Kind.DEADLINE_SOON,
                params=params,
                url=reverse("web:assessment-inbox"),
                dedupe_key=f"deadline-{step}d:{r.pk}",
            )
    return len(rounds)
