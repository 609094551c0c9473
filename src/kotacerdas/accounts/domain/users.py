"""Users: the secretariat creates, edits, deactivates and reactivates them; API tokens for scripts.

A user's full name is kept in ``first_name`` (Indonesian names do not split into first and last names;
``last_name`` stays empty). Every password that is set goes through Django's password validators.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.authtoken.models import Token

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.invitations import invite_users
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.accounts.enums import Language, Role
from kotacerdas.accounts.models import User
from kotacerdas.accounts.passwords import check_password
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.errors import InputError, Location, PermissionDeniedError, StateError

EDITABLE = ("username", "name", "email", "role", "region", "language")

#: how the audit summary of an edit names each changed field: by its label on the user form
FIELD_NAMES = {
    "username": gettext_lazy("Nama pengguna"),
    "name": gettext_lazy("Nama lengkap"),
    "email": gettext_lazy("Surel"),
    "role": gettext_lazy("Peran"),
    "region": gettext_lazy("Daerah"),
    "language": gettext_lazy("Bahasa surel"),
}


def _require_manager(actor: Any, action: str) -> None:
    if not can_manage_users(actor):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh %(action)s") % {"action": action}, code="secretariat_only"
        )


def _check_fields(user: User) -> None:
    """The rules every create and edit shares: a usable username, a unique username and e-mail, region."""
    if not user.username.strip():
        raise InputError(
            _("nama pengguna kosong"), location=Location(column="username"), code="username_empty"
        )
    longest = User._meta.get_field("username").max_length or 150
    if len(user.username) > longest:
        raise InputError(
            _("nama pengguna terdiri atas %(length)s karakter; paling banyak %(limit)s")
            % {"length": len(user.username), "limit": longest},
            location=Location(column="username"),
            code="username_too_long",
        )
    for column, value, validate in (
        ("username", user.username, User.username_validator),
        ("email", user.email, validate_email),
    ):
        try:
            if value:
                validate(value)
        except ValidationError:
            raise InputError(
                (
                    _("nama pengguna %(value)r tidak sah")
                    if column == "username"
                    else _("alamat e-mail %(value)r tidak sah")
                )
                % {"value": value},
                location=Location(column=column),
                hint=_("nama pengguna hanya memakai huruf, angka dan . @ + - _")
                if column == "username"
                else None,
                code=f"invalid_{column}",
            ) from None
    if user.language not in Language.values:
        raise InputError(
            _("bahasa %(language)r tidak dikenal") % {"language": user.language},
            location=Location(column="language"),
            hint=", ".join(Language.values),
            code="unknown_language",
        )
    if (user.role == Role.REGION_TEAM) != (user.region_id is not None):
        raise InputError(
            _("pengguna %(user)r: daerah wajib untuk tim daerah dan hanya untuk mereka")
            % {"user": user.username},
            location=Location(column="region"),
            hint=_("pilih daerah untuk peran tim daerah, tidak ada untuk peran lain"),
            code="region_for_region_team",
        )
    others = User.objects.exclude(pk=user.pk)
    if others.filter(username=user.username).exists():
        raise InputError(
            _("pengguna %(user)r sudah ada") % {"user": user.username},
            location=Location(column="username"),
            code="username_taken",
        )
    if user.email and others.filter(email__iexact=user.email).exists():
        raise InputError(
            _("alamat e-mail %(email)r milik pengguna lain") % {"email": user.email},
            location=Location(column="email"),
            code="email_taken",
        )


@transaction.atomic
def create_user(
    *,
    actor: Any,
    username: str,
    role: Role | str,
    password: str | None = None,
    region: Any = None,
    email: str = "",
    name: str = "",
    demo: bool = False,
    invite: bool = True,
    language: Language | str = Language.ID,
) -> User:
    """Create a user with a role; without a password it has none usable, and an e-mail invites them to set one.

    ``invite=False`` leaves the invitation to the caller (a bulk import invites everyone in one call).

    The password validators run, except for ``demo=True``: the demo's published logins
    (``demo-<name>-2026``), which only the demo loader creates and which production mode refuses.
    """
    _require_manager(actor, _("membuat pengguna"))
    if role not in Role.values:
        raise InputError(
            _("peran %(role)r tidak dikenal") % {"role": role},
            location=Location(column="role"),
            hint=", ".join(Role.values),
            code="unknown_role",
        )
    user = User(
        username=username.strip(),
        role=role,
        region=region,
        email=email.strip(),
        first_name=name.strip(),
        language=language,
    )
    _check_fields(user)
    if demo and settings.KOTACERDAS_MODE == "production":
        raise StateError(
            _("pengguna %(user)r: akun demo (kata sandinya terbuka) ditolak dalam mode produksi")
            % {"user": username},
            code="demo_account_in_production",
        )
    if password is None:
        user.set_unusable_password()
    else:
        if not demo:
            check_password(password, user)
        user.set_password(password)
    user.save()
    record(
        actor=actor,
        action="user.create",
        target=user,
        summary=wording(
            gettext_lazy("%(user)s dibuat dengan peran %(role)s"),
            user=user.username,
            role=Role(user.role).label,
        ),
        data={
            "role": str(user.role),
            "region": getattr(region, "code", None),
            "email": user.email,
            "language": str(user.language),
            "demo": demo,
        },
    )
    if invite and password is None and user.email:
        invite_users(actor=actor, users=[user])
    return user


def _value(user: User, field: str) -> Any:
    if field == "name":
        return user.first_name
    if field == "region":
        return user.region.code if user.region_id is not None else None  # type: ignore[union-attr]
    return getattr(user, field)


@transaction.atomic
def update_user(*, actor: Any, user: User, **changes: Any) -> User:
    """Change any of username, name, e-mail, role, region and language; the audit event lists old and new values."""
    _require_manager(actor, _("mengubah pengguna"))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InputError(
            _("kolom ini tidak dapat diubah: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            hint=", ".join(EDITABLE),
            code="field_not_editable",
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    before = {field: _value(user, field) for field in changes}
    for field, value in changes.items():
        if field == "name":
            user.first_name = str(value).strip()
        elif field in ("username", "email"):
            setattr(user, field, str(value).strip())
        else:
            setattr(user, field, value)
    if user.role not in Role.values:
        raise InputError(
            _("peran %(role)r tidak dikenal") % {"role": user.role},
            location=Location(column="role"),
            code="unknown_role",
        )
    _check_fields(user)
    diff = {f: [before[f], _value(user, f)] for f in changes if before[f] != _value(user, f)}
    if diff:
        user.save()
        record(
            actor=actor,
            action="user.update",
            target=user,
            summary=wording(
                gettext_lazy("Data %(user)s diubah: %(fields)s"),
                user=user.username,
                fields=[FIELD_NAMES[field] for field in diff],
            ),
            data=diff,
        )
    return user


@transaction.atomic
def set_active(*, actor: Any, user: User, active: bool) -> User:
    """Deactivate (never delete) or reactivate a user; a deactivated user cannot log in or use a token."""
    _require_manager(actor, _("menonaktifkan pengguna") if not active else _("mengaktifkan kembali pengguna"))
    if not active and getattr(actor, "pk", None) == user.pk:
        raise StateError(
            _("Anda tidak dapat menonaktifkan akun Anda sendiri"),
            hint=_("minta pengguna sekretariat lain"),
            code="own_account",
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        Token.objects.filter(user=user).delete()
    action = "user.reactivate" if active else "user.deactivate"
    record(actor=actor, action=action, target=user, summary=user.username)
    return user


def _require_self_or_manager(actor: Any, user: User, action: str) -> None:
    if not (can_manage_users(actor) or (getattr(actor, "pk", None) == user.pk and user.is_active)):
        raise PermissionDeniedError(
            _("hanya pengguna itu sendiri atau sekretariat yang boleh %(action)s") % {"action": action},
            code="self_or_secretariat_only",
        )


@transaction.atomic
def issue_token(*, actor: Any, user: User) -> str:
    """A fresh API token for ``user`` (any older one is replaced); the user themself or the secretariat."""
    _require_self_or_manager(actor, user, _("menerbitkan token API"))
    if not user.is_active:
        raise StateError(
            _("pengguna %(user)r nonaktif") % {"user": user.username},
            hint=_("aktifkan kembali pengguna itu lebih dulu"),
            code="user_deactivated",
        )
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record(
        actor=actor,
        action="token.issue",
        target=user,
        summary=wording(gettext_lazy("Token API untuk %(user)s diterbitkan"), user=user.username),
    )
    return str(token.key)


@transaction.atomic
def revoke_token(*, actor: Any, user: User) -> bool:
    """Delete ``user``'s API token; False when there was none."""
    _require_self_or_manager(actor, user, _("mencabut token API"))
    deleted, _kinds = Token.objects.filter(user=user).delete()
    if deleted:
        record(
            actor=actor,
            action="token.revoke",
            target=user,
            summary=wording(gettext_lazy("Token API %(user)s dicabut"), user=user.username),
        )
    return bool(deleted)


@transaction.atomic
def set_language(*, actor: Any, user: User, language: Language | str) -> User:
    """The language of ``user``'s e-mails; the user themself or the secretariat."""
    _require_self_or_manager(actor, user, _("memilih bahasa surel"))
    user = User.objects.select_for_update().get(pk=user.pk)
    before = user.language
    user.language = language
    _check_fields(user)
    if before != language:
        user.save(update_fields=["language"])
        record(
            actor=actor,
            action="user.language",
            target=user,
            summary=wording(
                gettext_lazy("%(user)s: surel dalam %(language)s"),
                user=user.username,
                language=Language(language).label,
            ),
            data={"language": [before, str(language)]},
        )
    return user


@transaction.atomic
def change_password(*, actor: Any, user: User, password: str) -> None:
    """Set a new password for ``user`` after the password validators accepted it."""
    check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        actor=actor,
        action="user.password",
        target=user,
        summary=wording(gettext_lazy("Kata sandi %(user)s diganti"), user=user.username),
    )


@transaction.atomic
def change_own_password(*, actor: Any, user: User, old_password: str, new_password: str) -> User:
    """A user changes their own password, knowing the old one; the new one must pass the validators."""
    if getattr(actor, "pk", None) != user.pk:
        raise PermissionDeniedError(
            _("pengguna hanya mengganti kata sandinya sendiri"), code="own_password_only"
        )
    if not user.check_password(old_password):
        raise InputError(
            _("kata sandi saat ini salah"), location=Location(column="old_password"), code="wrong_password"
        )
    check_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record(
        actor=actor,
        action="user.password",
        target=user,
        summary=wording(gettext_lazy("%(user)s mengganti kata sandinya sendiri"), user=user.username),
    )
    return user


@transaction.atomic
def set_password_from_link(*, user: User, password: str) -> User:
    """The user sets their password from an invitation or reset link (the view has checked the token)."""
    check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        actor=user,
        action="user.password",
        target=user,
        summary=wording(gettext_lazy("%(user)s menetapkan kata sandinya lewat tautan"), user=user.username),
    )
    return user
