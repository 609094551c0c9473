"""Invitations: a new user gets an e-mail with a one-time link to set their own password.

The link is Django's password-reset link (``PasswordResetTokenGenerator``): it stops working once the
password is set (the token hashes the password), after ``PASSWORD_RESET_TIMEOUT``, or when the user logs
in. No e-mail is sent inside the web request: :func:`invite_users` sends the signal
:data:`invitations_requested` inside its transaction, and the notifications app answers it by queueing
one job (``notifications.invitations``) for all the users of the call, in the same transaction, so the
worker sends the e-mails (:func:`send_invitations`) only once the users are committed, and a bulk import
of 500 people is one job, not 500 e-mails in the request. A failed send never rolls back a user; the
secretariat can send the invitation again from the user's page. (The signal keeps the accounts layer
below the job queue; without a receiver, e.g. in a bare script, the e-mails go after commit in-process.)
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.accounts.models import User
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.errors import PermissionDeniedError, StateError

log = logging.getLogger(__name__)

#: sent inside :func:`invite_users`'s transaction with ``actor`` and ``user_ids``; a receiver queues the send
invitations_requested = Signal()


def invitation_link(user: User) -> str:
    """The absolute one-time link where ``user`` sets a password (the base URL comes from settings)."""
    path = reverse(
        "web:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.KOTACERDAS_BASE_URL.rstrip('/')}{path}"


def compose_invitation(user: User) -> EmailMessage:
    """Subject and body in the invited user's language (``user.language``, chosen by the secretariat)."""
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    with translation.override(user.email_language):
        text = _(
            "Anda diundang ke platform Kota Cerdas sebagai %(role)s dengan nama pengguna %(username)s. "
            "Buka tautan di bawah untuk menetapkan kata sandi Anda sendiri; tautan berlaku %(days)d hari "
            "dan hanya sekali."
        ) % {"role": user.get_role_display(), "username": user.username, "days": days}
        subject = _("[Kota Cerdas] Undangan: tetapkan kata sandi Anda")
    body = "\n\n".join([text, invitation_link(user), "— Kota Cerdas"])
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_invitations(*, user_ids: Sequence[int]) -> dict[str, int]:
    """Send the invitations of ``user_ids`` now (on the worker); links are made at sending time.

    Users who meanwhile set a password, were deactivated or lost their e-mail address are skipped.
    A failed e-mail is logged and counted; the others are still sent.
    """
    users = User.objects.filter(pk__in=list(user_ids)).order_by("pk")
    due = [u for u in users if u.email and u.is_active and not u.has_usable_password()]
    sent = failed = 0
    if due:
        connection = get_connection()
        for user in due:
            try:
                connection.send_messages([compose_invitation(user)])
                sent += 1
            except (
                smtplib.SMTPException,
                OSError,
            ) as exc:  # the user exists; the invitation can be sent again
                log.warning("invitation e-mail not sent to %s: %s", user.email, exc)
                failed += 1
        connection.close()
    return {"sent": sent, "failed": failed, "skipped": len(user_ids) - len(due)}


def invite_users(*, actor: Any, users: Sequence[User]) -> int:
    """Audit the invitation of each user (who needs an e-mail and no password yet) and queue the e-mails."""
    if not can_manage_users(actor):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh %(action)s") % {"action": _("mengirim undangan")},
            code="secretariat_only",
        )
    ids = []
    with transaction.atomic():
        for user in users:
            if not user.email:
                raise StateError(
                    _("pengguna %(user)r tidak memiliki alamat e-mail") % {"user": user.username},
                    hint=_("tambahkan lebih dulu"),
                    code="no_email",
                )
            if not user.is_active:
                raise StateError(
                    _("pengguna %(user)r nonaktif") % {"user": user.username},
                    hint=_("aktifkan kembali pengguna itu lebih dulu"),
                    code="user_deactivated",
                )
            if user.has_usable_password():
                raise StateError(
                    _("pengguna %(user)r sudah menetapkan kata sandi") % {"user": user.username},
                    hint=_("ia dapat memakai 'Lupa kata sandi?' di halaman masuk"),
                    code="password_already_set",
                )
            record(
                actor=actor,
                action="user.invite",
                target=user,
                summary=wording(gettext_lazy("Undangan untuk %(email)s"), email=user.email),
            )
            ids.append(user.pk)
        if ids and not invitations_requested.send(sender=User, actor=actor, user_ids=ids):
            transaction.on_commit(lambda: send_invitations(user_ids=ids))
    return len(ids)
