"""The notifications app's tasks: the e-mail outbox (sent by the worker every minute) and the invitation
e-mails (one job per :func:`kotacerdas.accounts.domain.invitations.invite_users` call).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext_lazy, pgettext_lazy

from kotacerdas.accounts.domain.invitations import invitations_requested, send_invitations
from kotacerdas.accounts.domain.wording import Wordable, wording
from kotacerdas.jobs.domain.runner import enqueue
from kotacerdas.jobs.registry import job_function, periodic
from kotacerdas.notifications.domain.email import send_pending_emails


@periodic("notifications.email", every=dt.timedelta(minutes=1))
def send_emails() -> dict[str, int]:
    """Send the notification e-mails that are due (new ones, and retries whose pause has passed)."""
    sent, failed = send_pending_emails()
    return {"sent": sent, "failed": failed}


@job_function("notifications.invitations", label=pgettext_lazy("jenis pekerjaan", "e-mail undangan"))
def invitation_emails(*, progress: Callable[[float, Wordable], None], user_ids: list[int]) -> dict[str, int]:
    """Send the invitation e-mails of one :func:`invite_users` call (links made now, on the worker)."""
    progress(0.0, wording(gettext_lazy("undangan: %(n)s"), n=len(user_ids)))
    return send_invitations(user_ids=user_ids)


@receiver(invitations_requested, dispatch_uid="kotacerdas.notifications.invitations")
def queue_invitations(*, actor: Any, user_ids: list[int], **_: Any) -> int:
    """Queue the job in the inviting transaction: the worker sees it only once the users are committed."""
    return enqueue(actor=actor, function=invitation_emails, arguments={"user_ids": list(user_ids)}).pk
