"""The notifications app's periodic task: the e-mail outbox, sent by the worker every minute."""

from __future__ import annotations

import datetime as dt

from kotacerdas.jobs.registry import periodic
from kotacerdas.notifications.domain.email import send_pending_emails


@periodic("notifications.email", every=dt.timedelta(minutes=1))
def send_emails() -> dict[str, int]:
    """Send the notification e-mails that are due (new ones, and retries whose pause has passed)."""
    sent, failed = send_pending_emails()
    return {"sent": sent, "failed": failed}
