"""Recording audit events; every domain service calls :func:`record` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from kotacerdas.accounts.models import AuditEvent


def record(
    *, actor: Any, action: str, target: models.Model, summary: str, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event; ``actor`` is the person (``None`` for system loaders such as the demo)."""
    person = actor if getattr(actor, "pk", None) is not None else None
    return AuditEvent.objects.create(
        actor=person,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:300],
        data=data or {},
    )


def history(target: models.Model) -> models.QuerySet[AuditEvent]:
    """The events of one object, newest first."""
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
