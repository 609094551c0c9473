"""Invitations: a new user gets an e-mail with a one-time link to set their own password.

The link is Django's password-reset link (``PasswordResetTokenGenerator``): it stops working once the
password is set (the token hashes the password), after ``PASSWORD_RESET_TIMEOUT``, or when the user logs
in. The e-mail goes through Django's e-mail framework after the transaction commits, so a failed send never
rolls back the user; the secretariat can send the invitation again from the user's page.
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
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.models import User
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.errors import PermissionDeniedError, StateError

log = logging.getLogger(__name__)


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
    """Subject and body in Indonesian first, English below (the platform stores no user language)."""
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    parts = []
    for language in ("id", "en"):
        with translation.override(language):
            parts.append(
                _(
                    "Anda diundang ke platform Kota Cerdas sebagai %(role)s dengan nama pengguna %(username)s. "
                    "Buka tautan di bawah untuk menetapkan kata sandi Anda sendiri; tautan berlaku %(days)d hari "
                    "dan hanya sekali."
                )
                % {"role": user.get_role_display(), "username": user.username, "days": days}
            )
    with translation.override("id"):
        subject = _("[Kota Cerdas] Undangan: tetapkan kata sandi Anda")
    body = "\n\n".join([parts[0], parts[1], invitation_link(user), "— Kota Cerdas"])
    return EmailMessage(subject=subject, body=body, to=[user.email])


def _send(messages: list[EmailMessage]) -> None:
    try:
        get_connection().send_messages(messages)
    except (smtplib.SMTPException, OSError) as exc:  # the users exist; the invitation can be sent again
        log.warning("invitation e-mail not sent to %s: %s", [m.to for m in messages], exc)


def invite_users(*, actor: Any, users: Sequence[User]) -> int:
    """Audit and (after commit) e-mail an invitation to each user that has an e-mail and no password yet."""
    if not can_manage_users(actor):
        raise PermissionDeniedError("only the secretariat may send invitations")
    messages = []
    with transaction.atomic():
        for user in users:
            if not user.email:
                raise StateError(f"user {user.username!r} has no e-mail address", hint="add one first")
            if not user.is_active:
                raise StateError(f"user {user.username!r} is deactivated", hint="reactivate the user first")
            if user.has_usable_password():
                raise StateError(
                    f"user {user.username!r} has set a password already",
                    hint="they can use 'Lupa kata sandi?' on the login page",
                )
            messages.append(compose_invitation(user))
            record(actor=actor, action="user.invite", target=user, summary=f"invitation to {user.email}")
        transaction.on_commit(lambda: _send(messages))
    return len(messages)
