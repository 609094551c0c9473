"""Who hears about what in the programme: region teams about their region's steps, decisions, comments.

Called by the services of this app inside their transactions; :func:`notify` delivers after commit.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.notifications.domain.notify import notify
from kotacerdas.notifications.kinds import Kind
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Document, Participation

#: a selection's outcome is its own kind of notice; every other step is a lifecycle notice
DECISIONS = {State.SELECTED, State.NOT_SELECTED}


def region_team(region: Any) -> list[User]:
    """The active members of a region's team."""
    return list(User.objects.filter(region=region, role=Role.REGION_TEAM, is_active=True))


def notify_step(participation: Participation, target: State, reason: str = "") -> None:
    """Tell the region's team that its participation moved (a selection decision names its reason)."""
    region, cohort = participation.region, participation.cohort
    url = reverse("web:region", args=[region.code])
    if target in DECISIONS:
        params = {"region": region.name, "cohort": cohort.name, "decision": target.label, "reason": reason}
        notify(recipients=region_team(region), kind=Kind.SELECTION, params=params, url=url)
    else:
        params = {"region": region.name, "cohort": cohort.name, "state": target.label}
        notify(recipients=region_team(region), kind=Kind.LIFECYCLE, params=params, url=url)


def notify_comment(document: Document, author: Any) -> None:
    """Tell the region's team (and never the author) that a book version has a new comment."""
    region = document.participation.region
    readers = [u for u in region_team(region) if u.pk != getattr(author, "pk", None)]
    params = {
        "author": getattr(author, "get_full_name", lambda: "")() or getattr(author, "username", "—"),
        "book": document.book,
        "version": document.version,
        "region": region.name,
    }
    notify(
        recipients=readers,
        kind=Kind.BOOK_COMMENT,
        params=params,
        url=reverse("web:region", args=[region.code]),
    )
