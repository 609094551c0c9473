"""Who may see and change programmes, cohorts, participations and documents."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.rules import is_anyone, is_region_team, is_secretariat, is_staff_role, team_region_id
from kotacerdas.programme.models import DocumentComment, Participation

can_view_programmes = is_anyone
can_manage_programmes = is_secretariat
can_view_pipeline = is_staff_role
can_transition = is_secretariat


def can_submit_for_some_region(user: Any) -> bool:
    """Route-level rule of uploads and guidance records: the secretariat or any region team."""
    return is_secretariat(user) or is_region_team(user)


def is_own_region(user: Any, region_id: int | None) -> bool:
    """A region team acting on its own region."""
    return region_id is not None and team_region_id(user) == region_id


def can_view_documents(user: Any, participation: Participation | None = None) -> bool:
    """Books: secretariat and assessors; a region team for its own region."""
    if is_staff_role(user):
        return True
    return participation is not None and is_own_region(user, participation.region_id)


def can_submit_documents(user: Any, participation: Participation | None = None) -> bool:
    """Books are uploaded by the region team (own region) or the secretariat."""
    if is_secretariat(user):
        return True
    return participation is not None and is_own_region(user, participation.region_id)


def can_comment_documents(user: Any, participation: Participation | None = None) -> bool:
    """Reviewers open comment threads on books: the secretariat and assessors (the programme's mentors)."""
    return is_staff_role(user)


can_review_documents = can_comment_documents  # the same reviewers set a version's review status


def can_take_part_in_reviews(user: Any) -> bool:
    """Route-level rule of replies: reviewers, and region teams (for their own region's books)."""
    return is_staff_role(user) or is_region_team(user)


def can_reply(user: Any, participation: Participation) -> bool:
    """Replies in a thread: any reviewer, or the team of the book's region."""
    return is_staff_role(user) or is_own_region(user, participation.region_id)


def can_resolve(user: Any, thread: DocumentComment) -> bool:
    """A thread is resolved by the person who opened it, or by the secretariat."""
    if is_secretariat(user):
        return True
    return is_staff_role(user) and thread.author_id is not None and thread.author_id == user.pk


def can_record_guidance(user: Any, participation: Participation | None = None) -> bool:
    """Bimtek, council and team decrees: secretariat, or the region team for its own region."""
    return can_submit_documents(user, participation)


def visible_participations(user: Any) -> Any:
    """Participations are public facts (who is in which cohort, at which stage)."""
    return Participation.objects.select_related("region", "cohort")
