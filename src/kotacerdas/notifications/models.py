"""Notifications: an in-app inbox per user, e-mail preferences, and the e-mail outbox with retries."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kotacerdas.notifications.kinds import MESSAGES, Kind

#: the parameter listing which other parameters are message ids, translated when the notice is read
TRANSLATED = "_translated"
#: the parameter listing which other parameters are days (ISO), written out in the reader's language
DATES = "_dates"


class Notification(models.Model):
    """One message to one person. The text is rendered from ``kind`` and ``params`` when it is read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    #: the same event is never notified twice (e.g. one "7 days left" reminder per round and person)
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [models.Index(fields=["recipient", "read_at"])]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="one_notification_per_event",
            )
        ]

    @property
    def text(self) -> str:
        """The message in the active language, with its parameters filled in (and translated where marked)."""
        params = _Params(self.params)
        for key in self.params.get(TRANSLATED, []):
            params[key] = gettext(params[key])
        for key in self.params.get(DATES, []):
            params[key] = date_format(dt.date.fromisoformat(params[key]), "j F Y")
        return str(MESSAGES[self.kind]) % params


class _Params(dict[str, Any]):
    """Parameters for ``%`` formatting; a missing one shows as a dash instead of failing the inbox."""

    def __missing__(self, key: str) -> str:
        return "—"


class EmailOptOut(models.Model):
    """A kind of notification a user does not want by e-mail (the inbox always gets it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")
        ]


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal (tidak dicoba lagi)")


class EmailDelivery(models.Model):
    """The e-mail of one notification: retried with growing pauses until sent or out of attempts."""

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="email")
    address = models.EmailField()
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
