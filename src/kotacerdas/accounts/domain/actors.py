"""Who performs an action: a logged-in person, or :data:`SYSTEM`, the platform itself.

Every domain service takes ``actor=``. Loaders that no person triggers (the demo, the historical cohorts,
a job queued by no one) pass :data:`SYSTEM` explicitly. ``None`` is not an actor: the services and the
audit log refuse it, so a forgotten or lost actor (a job whose user was deleted) fails instead of running
with the checks skipped.
"""

from __future__ import annotations

from typing import Any, Final

from django.contrib.auth import get_user_model

from kotacerdas.errors import PermissionDeniedError


class SystemActor:
    """The platform acting on its own behalf; passes the secretariat's checks, owns no records.

    Shaped like a user where the predicates look (``pk``, ``is_authenticated``, ``role``) so that code
    which only reads those sees "not a person"; checks that the system may pass test :func:`is_system`.
    """

    pk: Final = None
    username: Final = "system"
    is_authenticated: Final = False
    is_active: Final = False
    role: Final = None
    region_id: Final = None

    def __repr__(self) -> str:
        return "SYSTEM"

    def __str__(self) -> str:
        return "system"


SYSTEM: Final = SystemActor()


def is_system(actor: Any) -> bool:
    """True for the platform itself (:data:`SYSTEM`), False for persons, anonymous visitors and ``None``."""
    return actor is SYSTEM


def is_person(actor: Any) -> bool:
    """True for a stored, logged-in user (what ``request.user`` is behind a login)."""
    return getattr(actor, "pk", None) is not None and bool(getattr(actor, "is_authenticated", False))


def require_actor(actor: Any, action: str) -> None:
    """Refuse ``None`` and anonymous visitors: every action is by a person or by :data:`SYSTEM`."""
    if not (is_system(actor) or is_person(actor)):
        raise PermissionDeniedError(
            f"{action}: no actor given ({actor!r})",
            hint="pass the logged-in user, or kotacerdas.accounts.domain.actors.SYSTEM for the platform itself",
        )


def actor_from_id(actor_id: int | None) -> Any:
    """The actor stored with queued work: :data:`SYSTEM` for ``None``, else that user, who must still exist.

    A job whose user has been deleted or deactivated fails here rather than running as the system.
    """
    if actor_id is None:
        return SYSTEM
    user = get_user_model().objects.filter(pk=actor_id, is_active=True).first()
    if user is None:
        raise PermissionDeniedError(
            f"the user #{actor_id} who queued this work no longer exists or is deactivated",
            hint="queue it again as an active user",
        )
    return user


def stored_user(actor: Any) -> Any:
    """The user to keep in a ``created_by``-style column: the person, or ``None`` for :data:`SYSTEM`."""
    return None if is_system(actor) else actor
