"""Recording audit events; every domain service calls :func:`record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from kotacerdas.accounts.domain.actors import is_system, require_actor
from kotacerdas.accounts.models import AuditEvent


def record(
    *, actor: Any, action: str, target: models.Model, summary: str, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event; ``actor`` is the person or :data:`~kotacerdas.accounts.domain.actors.SYSTEM`.

    ``None`` (or an anonymous visitor) is refused: an event always says who did it.
    """
    require_actor(actor, action)
    system = is_system(actor)
    return AuditEvent.objects.create(
        actor=None if system else actor,
        by_system=system,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        data=data or {},
    )


def history(target: models.Model) -> models.QuerySet[AuditEvent]:
    """The events of one object, newest first."""
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
