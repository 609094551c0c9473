"""Sending notifications: the domain service that makes a change calls :func:`notify` inside its
transaction; nothing is written or sent unless that transaction commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from kotacerdas.notifications.kinds import Kind
from kotacerdas.notifications.models import DATES, TRANSLATED, EmailDelivery, EmailOptOut, Notification


def notify(
    *,
    recipients: Iterable[Any],
    kind: Kind | str,
    params: Mapping[str, Any],
    url: str = "",
    dedupe_key: str = "",
) -> None:
    """Queue an inbox message (and an e-mail, unless opted out) for each recipient, after commit.

    Recipients are users; duplicates and inactive users are skipped. ``params`` fill the kind's sentence
    (values are stored as text). With a ``dedupe_key`` a person gets the same event at most once.
    """
    people = {u.pk: u for u in recipients if u is not None and u.is_active}
    if not people:
        return
    kind = Kind(kind)
    stored = stored_params(params)
    transaction.on_commit(lambda: deliver(list(people.values()), kind, stored, url, dedupe_key))


def stored_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as text; translatable ones (lazy strings) as their source text, translated when read;
    days (``datetime.date``) in ISO form, written out in the reader's language when read."""
    stored: dict[str, Any] = {}
    later, days = [], []
    with translation.override(settings.LANGUAGE_CODE):  # the source language of every message id
        for key, value in params.items():
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                stored[key] = value.isoformat()
                days.append(key)
                continue
            stored[key] = str(value)
            if isinstance(value, Promise):
                later.append(key)
    if later:
        stored[TRANSLATED] = later
    if days:
        stored[DATES] = days
    return stored


@transaction.atomic
def deliver(
    people: list[Any], kind: Kind, params: dict[str, str], url: str, dedupe_key: str
) -> list[Notification]:
    """Write the inbox rows and the pending e-mails (called once the change has committed)."""
    opted_out = set(
        EmailOptOut.objects.filter(user__in=[p.pk for p in people], kind=kind).values_list(
            "user_id", flat=True
        )
    )
    if dedupe_key:
        seen = set(
            Notification.objects.filter(
                recipient__in=[p.pk for p in people], dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
        people = [p for p in people if p.pk not in seen]
    created = []
    now = timezone.now()
    for person in people:
        notice = Notification.objects.create(
            recipient=person, kind=kind, params=params, url=url, dedupe_key=dedupe_key
        )
        created.append(notice)
        if person.email and person.pk not in opted_out:
            EmailDelivery.objects.create(notification=notice, address=person.email, next_attempt_at=now)
    return created
