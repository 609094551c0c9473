"""Shared checks of the assessment services: roles and round states."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.rules import is_secretariat
from kotacerdas.assessment.models import Round
from kotacerdas.errors import PermissionDeniedError, StateError


def require_secretariat(actor: Any, action: str) -> None:
    """The secretariat and the platform itself (:data:`~kotacerdas.accounts.domain.actors.SYSTEM`) may.

    ``None`` is no one and is refused like any other role.
    """
    if not (is_system(actor) or is_secretariat(actor)):
        raise PermissionDeniedError(f"only the secretariat may {action}")


def require_state(round_: Round, *states: str, action: str) -> None:
    if round_.state not in states:
        allowed = ", ".join(states)
        raise StateError(
            f"cannot {action}: round {round_.name!r} is {round_.state}", hint=f"allowed when: {allowed}"
        )


def locked(round_: Round) -> Round:
    """The round row, locked for the rest of the transaction."""
    return Round.objects.select_for_update().get(pk=round_.pk)
