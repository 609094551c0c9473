"""A user's own inbox: reading, marking as read, choosing which kinds also come by e-mail."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.errors import PermissionDeniedError
from kotacerdas.notifications.kinds import Kind
from kotacerdas.notifications.models import EmailOptOut, Notification


def inbox(user: Any) -> QuerySet[Notification]:
    """The user's notifications, newest first, with their e-mail delivery."""
    return Notification.objects.filter(recipient=user.pk).select_related("email")


def unread_count(user: Any) -> int:
    """How many of the user's notifications are unread (0 for the public)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user.pk, read_at__isnull=True).count()


def mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications as read (someone else's is refused)."""
    if notification.recipient_id != actor.pk:
        raise PermissionDeniedError(_("pemberitahuan ini milik orang lain"), code="not_your_notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor: Any) -> int:
    """Mark all of the actor's notifications as read; returns how many changed."""
    return Notification.objects.filter(recipient=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_email_kinds(*, actor: Any, kinds: Iterable[str]) -> list[str]:
    """Keep e-mail for exactly these kinds (the inbox always gets everything); returns the kinds kept."""
    wanted = {Kind(k) for k in kinds}
    EmailOptOut.objects.filter(user=actor.pk).delete()
    EmailOptOut.objects.bulk_create(EmailOptOut(user_id=actor.pk, kind=k) for k in Kind if k not in wanted)
    return sorted(wanted)


def email_kinds(user: Any) -> set[str]:
    """The kinds the user receives by e-mail."""
    out = set(EmailOptOut.objects.filter(user=user.pk).values_list("kind", flat=True))
    return {k.value for k in Kind if k.value not in out}
