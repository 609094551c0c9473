"""An assessor's task list: the open tasks first, optionally one state only, and the count of each state.

The list only names the round, its deadline and the region and reads just those columns: the rows it
joins also hold large JSON (region boundaries, questionnaires, the round's figures), left unread.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from kotacerdas.assessment import rules
from kotacerdas.assessment.enums import ReviewState
from kotacerdas.assessment.models import Assignment

#: the columns a task list shows (the joined rows also hold large JSON: boundaries, questionnaires, figures)
SHOWN = (
    "state",
    "submission__round__name",
    "submission__round__deadline",
    "submission__participation__region__name",
)
#: submitted tasks after the open ones (not yet scored, or a draft)
OPEN_FIRST = Case(
    When(state=ReviewState.SUBMITTED, then=Value(1)), default=Value(0), output_field=IntegerField()
)


def task_list(user: Any, *, state: str = "") -> QuerySet[Assignment]:
    """The user's visible tasks (``state`` one of ``ReviewState``, or all): open ones first, then by
    deadline, round and region."""
    tasks: QuerySet[Assignment] = (
        rules.visible_assignments(user)
        .select_related(None)
        .select_related("submission__round", "submission__participation__region")
        .only(*SHOWN)
    )
    if state:
        tasks = tasks.filter(state=state)
    return tasks.order_by(
        OPEN_FIRST,
        "submission__round__deadline",
        "submission__round__name",
        "submission__participation__region__name",
        "pk",
    )


def task_counts(user: Any) -> dict[str, int]:
    """How many of the user's visible tasks are in each state (every state listed, in order)."""
    counts = dict.fromkeys(ReviewState.values, 0)
    for row in rules.visible_assignments(user).order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts
