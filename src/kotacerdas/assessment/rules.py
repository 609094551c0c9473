"""Who may see and do what in assessment rounds (plain predicates, as in every app's rules.py).

* Assessors see only their own assignments, and other assessors' scores of a submission only after
  they have submitted their own.
* Region teams see their own region's feedback once the round is published.
* The public sees published results only; the secretariat sees and runs everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kotacerdas.accounts.rules import (
    is_anyone,
    is_assessor,
    is_logged_in,
    is_region_team,
    is_secretariat,
    team_region_id,
)
from kotacerdas.assessment.enums import ReviewState, RoundState
from kotacerdas.assessment.models import Assignment, Conflict, Round, Score, Submission

can_manage_rounds = is_secretariat
can_view_results_index = is_anyone
can_score_some = is_assessor
can_open_assignment = is_logged_in
can_declare_own_conflicts = is_assessor


def can_declare_conflicts(user: Any) -> bool:
    """Route-level rule of the conflicts API: an assessor (for themself) or the secretariat (for anyone)."""
    return is_assessor(user) or is_secretariat(user)


def visible_conflicts(user: Any) -> Any:
    """Conflicts a user may list: all for the secretariat, an assessor's own, nothing for others."""
    qs = Conflict.objects.select_related(
        "assessor__user", "declared_by", "submission__round", "submission__participation__region"
    ).order_by("submission__round_id", "submission__participation__region__name", "pk")
    if is_secretariat(user):
        return qs
    if is_assessor(user):
        return qs.filter(assessor__user_id=user.pk)
    return qs.none()


def can_view_feedback_route(user: Any) -> bool:
    """Route-level rule of feedback reports: secretariat or a region team (object rule decides)."""
    return is_secretariat(user) or is_region_team(user)


def can_view_results(user: Any, round_: Round) -> bool:
    """Published results are public; the secretariat sees them before publication."""
    return round_.state == RoundState.PUBLISHED or is_secretariat(user)


def can_view_assignment(user: Any, assignment: Assignment) -> bool:
    """The assessor of the assignment, or the secretariat."""
    return is_secretariat(user) or (is_assessor(user) and assignment.assessor.user_id == user.pk)


def can_score(user: Any, assignment: Assignment) -> bool:
    """Only the assigned assessor scores, and only while the assignment is active."""
    return is_assessor(user) and assignment.active and assignment.assessor.user_id == user.pk


def can_see_other_scores(user: Any, submission: Submission) -> bool:
    """Secretariat always; an assessor of the submission once their own scores are submitted."""
    if is_secretariat(user):
        return True
    if not is_assessor(user):
        return False
    return submission.assignments.filter(
        active=True, assessor__user_id=user.pk, state=ReviewState.SUBMITTED
    ).exists()


def can_view_feedback(user: Any, submission: Submission) -> bool:
    """A region's feedback report: the secretariat, or that region's team after publication."""
    if is_secretariat(user):
        return True
    region_id = submission.participation.region_id
    return team_region_id(user) == region_id and submission.round.state == RoundState.PUBLISHED


def visible_rounds(user: Any) -> Any:
    """Rounds a user may list: all for the secretariat, published ones for everybody else."""
    rounds = Round.objects.select_related("rubric")
    return rounds if is_secretariat(user) else rounds.filter(state=RoundState.PUBLISHED)


def visible_assignments(user: Any) -> Any:
    """All active assignments for the secretariat, an assessor's own, nothing for others."""
    qs = Assignment.objects.filter(active=True).select_related(
        "submission__round", "submission__participation__region", "assessor__user"
    )
    if is_secretariat(user):
        return qs
    if is_assessor(user):
        return qs.filter(assessor__user_id=user.pk)
    return qs.none()


def visible_scores(user: Any) -> Any:
    """Scores a user may read: all for the secretariat; an assessor's own, plus the submitted scores of
    submissions the assessor has submitted too; nothing for others."""
    qs = Score.objects.filter(assignment__active=True).select_related(
        "assignment__assessor__user", "assignment__submission__participation__region"
    )
    if is_secretariat(user):
        return qs
    if not is_assessor(user):
        return qs.none()
    done = Assignment.objects.filter(
        active=True, assessor__user_id=user.pk, state=ReviewState.SUBMITTED
    ).values("submission_id")
    own = Q(assignment__assessor__user_id=user.pk)
    others = Q(assignment__submission_id__in=done, assignment__state=ReviewState.SUBMITTED)
    return qs.filter(own | others)
