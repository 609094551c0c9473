"""Who hears about what in the programme: region teams about their region's steps, decisions, comments.

Called by the services of this app inside their transactions; :func:`notify` delivers after commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.accounts.rules import is_region_team
from kotacerdas.notifications.domain.notify import notify
from kotacerdas.notifications.kinds import Kind
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Document, DocumentComment, Participation

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


def _person(user: Any) -> str:
    return getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", "") or "—"


def book_url(document: Document) -> str:
    """The region page, scrolled to this book version."""
    return reverse("web:region", args=[document.participation.region.code]) + f"#dokumen-{document.pk}"


def _book_params(document: Document) -> dict[str, Any]:
    return {"book": document.book, "version": document.version, "region": document.participation.region.name}


def notify_comment(document: Document, author: Any, extra: Iterable[Any] = ()) -> None:
    """Tell the region's team (and ``extra`` people, never the author) of a new comment on a book version."""
    region = document.participation.region
    readers = [
        u for u in [*region_team(region), *extra] if u is not None and u.pk != getattr(author, "pk", None)
    ]
    notify(
        recipients=readers,
        kind=Kind.BOOK_COMMENT,
        params={"author": _person(author), **_book_params(document)},
        url=book_url(document),
    )


def notify_reply(thread: DocumentComment, author: Any) -> None:
    """A reply reaches the thread's opener; a reviewer's reply reaches the region's team as well."""
    if is_region_team(author):
        readers = [thread.author] if thread.author_id and thread.author_id != author.pk else []
        notify(
            recipients=readers,
            kind=Kind.BOOK_COMMENT,
            params={"author": _person(author), **_book_params(thread.document)},
            url=book_url(thread.document),
        )
    else:
        notify_comment(thread.document, author, extra=[thread.author])


def notify_review(document: Document, status: Any, actor: Any, extra: Iterable[Any] = ()) -> None:
    """Tell the region's team (and ``extra`` people, never the actor) that a version's review status changed."""
    region = document.participation.region
    readers = [
        u for u in [*region_team(region), *extra] if u is not None and u.pk != getattr(actor, "pk", None)
    ]
    notify(
        recipients=readers,
        kind=Kind.BOOK_REVIEW,
        params={**_book_params(document), "status": status.label},
        url=book_url(document),
    )
