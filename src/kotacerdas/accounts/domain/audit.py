"""Recording audit events; every domain service calls :func:`record` inside its transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from kotacerdas.accounts.domain.actors import is_system, require_actor
from kotacerdas.accounts.domain.wording import Wordable, in_each_language
from kotacerdas.accounts.models import AuditEvent


def record(
    *, actor: Any, action: str, target: models.Model, summary: Wordable, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event; ``actor`` is the person or :data:`~kotacerdas.accounts.domain.actors.SYSTEM`.

    ``summary`` is worded in every platform language now (:mod:`~kotacerdas.accounts.domain.wording`),
    so the log reads in each reader's language. ``None`` (or an anonymous visitor) is refused: an event
    always says who did it.
    """
    require_actor(actor, action)
    system = is_system(actor)
    summaries = in_each_language(summary, limit=300)
    return AuditEvent.objects.create(
        actor=None if system else actor,
        by_system=system,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summaries[settings.LANGUAGE_CODE],
        summaries=summaries,
        data=data or {},
    )


def history(target: models.Model) -> models.QuerySet[AuditEvent]:
    """The events of one object, newest first."""
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))


def search(
    *,
    actor: str = "",
    action: str = "",
    target_type: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> models.QuerySet[AuditEvent]:
    """Events newest first, filtered by actor username (``system`` for the platform), action code, object
    type and an inclusive date range (days in the platform's time zone)."""
    events = AuditEvent.objects.select_related("actor")
    if actor == "system":
        events = events.filter(by_system=True)
    elif actor:
        events = events.filter(actor__username=actor)
    if action:
        events = events.filter(action=action)
    if target_type:
        events = events.filter(target_type=target_type)
    if since is not None:
        events = events.filter(at__date__gte=since)
    if until is not None:
        events = events.filter(at__date__lte=until)
    return events


def actions() -> list[str]:
    """Every action code the log holds (for the filter's choices)."""
    return sorted(AuditEvent.objects.order_by().values_list("action", flat=True).distinct())


def target_types() -> list[str]:
    """Every object type the log holds (for the filter's choices)."""
    return sorted(AuditEvent.objects.order_by().values_list("target_type", flat=True).distinct())
