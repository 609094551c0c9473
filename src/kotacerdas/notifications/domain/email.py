"""The e-mail outbox: sends pending notification e-mails through Django's e-mail framework.

Runs on the task worker (periodically, and right after new notifications), never inside the change that
caused them: a failed e-mail never rolls a change back. A failure is recorded on the delivery and retried
after 1, 5, 30 minutes, then 2 and 12 hours; after the last attempt the delivery is marked failed, which
the user sees in the inbox.

Each e-mail is written in its recipient's language (``User.language``), whoever caused it and whatever
language their request had: the worker has no request, so every text is rendered inside
``translation.override(recipient.language)``.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from kotacerdas.notifications.models import EmailDelivery, EmailStatus

#: pause before each retry (the first attempt is immediate)
RETRY_AFTER = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)


def compose(delivery: EmailDelivery) -> EmailMessage:
    """Subject and body in the recipient's language (their ``language``; Indonesian when unset)."""
    notice = delivery.notification
    link = f"{settings.KOTACERDAS_BASE_URL.rstrip('/')}{notice.url}" if notice.url else ""
    with translation.override(notice.recipient.email_language):
        subject = f"[Kota Cerdas] {notice.get_kind_display()}"
        body = "\n\n".join(part for part in (notice.text, link, "— Kota Cerdas") if part)
    return EmailMessage(subject=subject, body=body, to=[delivery.address])


def send_pending_emails(*, now: dt.datetime | None = None, limit: int = 200) -> tuple[int, int]:
    """Send every delivery that is due; returns (sent, failed this round)."""
    now = now or timezone.now()
    sent = failed = 0
    due = EmailDelivery.objects.filter(status=EmailStatus.PENDING, next_attempt_at__lte=now).select_related(
        "notification__recipient"
    )
    for delivery in due.order_by("next_attempt_at", "id")[:limit]:
        try:
            compose(delivery).send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as exc:
            _failed(delivery, now, f"{type(exc).__name__}: {exc}")
            failed += 1
        else:
            with transaction.atomic():
                delivery.status, delivery.sent_at = EmailStatus.SENT, now
                delivery.attempts += 1
                delivery.last_error = ""
                delivery.save(update_fields=["status", "sent_at", "attempts", "last_error"])
            sent += 1
    return sent, failed


def _failed(delivery: EmailDelivery, now: dt.datetime, reason: str) -> None:
    delivery.attempts += 1
    delivery.last_error = reason[:300]
    if delivery.attempts > len(RETRY_AFTER):
        delivery.status = EmailStatus.FAILED
    else:
        delivery.next_attempt_at = now + RETRY_AFTER[delivery.attempts - 1]
    delivery.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
