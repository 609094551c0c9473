"""Password rules: Django's ``AUTH_PASSWORD_VALIDATORS`` on every path that sets a password.

The manager (``User.objects.create_user``/``create_superuser``, hence ``createsuperuser --noinput``), the
domain services and Django's ``changepassword`` all run the same validators; none of them stores a
password such as ``"1"``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.errors import InputError, Location


def check_password(password: str, user: Any) -> None:
    """Raise :class:`InputError` naming every broken rule if ``password`` is too weak for ``user``."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InputError(
            _("kata sandi untuk %(user)r ditolak: %(reasons)s")
            % {"user": user.username, "reasons": " ".join(str(m) for m in exc.messages)},
            location=Location(column="password"),
            hint=_("pakai sedikitnya 8 karakter, bukan kata sandi umum dan tidak mirip nama pengguna"),
            code="weak_password",
        ) from None
