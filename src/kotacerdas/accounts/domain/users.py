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
from rest_framework.authtoken.models import Token

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.invitations import invite_users
from kotacerdas.accounts.enums import Language, Role
from kotacerdas.accounts.models import User
from kotacerdas.accounts.passwords import check_password
from kotacerdas.accounts.rules import can_manage_users
from kotacerdas.errors import InputError, Location, PermissionDeniedError, StateError

EDITABLE = ("username", "name", "email", "role", "region", "language")


def _require_manager(actor: Any, action: str) -> None:
    if not can_manage_users(actor):
        raise PermissionDeniedError(f"only the secretariat may {action}")


def _check_fields(user: User) -> None:
    """The rules every create and edit shares: a usable username, a unique username and e-mail, region."""
    if not user.username.strip():
        raise InputError("the username is empty", location=Location(column="username"))
    longest = User._meta.get_field("username").max_length or 150
    if len(user.username) > longest:
        raise InputError(
            f"the username has {len(user.username)} characters; at most {longest}",
            location=Location(column="username"),
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
                f"{column} {value!r} is not valid",
                location=Location(column=column),
                hint="a username uses letters, digits and . @ + - _ only" if column == "username" else None,
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
            f"user {user.username!r}: a region is required for region teams and only for them",
            location=Location(column="region"),
            hint="choose a region for role region_team, none otherwise",
        )
    others = User.objects.exclude(pk=user.pk)
    if others.filter(username=user.username).exists():
        raise InputError(f"user {user.username!r} already exists", location=Location(column="username"))
    if user.email and others.filter(email__iexact=user.email).exists():
        raise InputError(
            f"the e-mail address {user.email!r} belongs to another user", location=Location(column="email")
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
    _require_manager(actor, "create users")
    if role not in Role.values:
        raise InputError(
            f"unknown role {role!r}", location=Location(column="role"), hint=", ".join(Role.values)
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
            f"user {username!r}: demo accounts (published passwords) are refused in production mode"
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
        summary=f"{user.username} ({user.role})",
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
    _require_manager(actor, "edit users")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InputError(
            f"these fields cannot be edited: {', '.join(sorted(unknown))}", hint=", ".join(EDITABLE)
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
        raise InputError(f"unknown role {user.role!r}", location=Location(column="role"))
    _check_fields(user)
    diff = {f: [before[f], _value(user, f)] for f in changes if before[f] != _value(user, f)}
    if diff:
        user.save()
        record(
            actor=actor,
            action="user.update",
            target=user,
            summary=f"{user.username}: {', '.join(diff)}",
            data=diff,
        )
    return user


@transaction.atomic
def set_active(*, actor: Any, user: User, active: bool) -> User:
    """Deactivate (never delete) or reactivate a user; a deactivated user cannot log in or use a token."""
    _require_manager(actor, "deactivate users" if not active else "reactivate users")
    if not active and getattr(actor, "pk", None) == user.pk:
        raise StateError("you cannot deactivate your own account", hint="ask another secretariat user")
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
        raise PermissionDeniedError(f"only the user themself or the secretariat may {action}")


@transaction.atomic
def issue_token(*, actor: Any, user: User) -> str:
    """A fresh API token for ``user`` (any older one is replaced); the user themself or the secretariat."""
    _require_self_or_manager(actor, user, "issue an API token")
    if not user.is_active:
        raise StateError(f"user {user.username!r} is deactivated", hint="reactivate the user first")
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record(actor=actor, action="token.issue", target=user, summary=f"API token for {user.username}")
    return str(token.key)


@transaction.atomic
def revoke_token(*, actor: Any, user: User) -> bool:
    """Delete ``user``'s API token; False when there was none."""
    _require_self_or_manager(actor, user, "revoke an API token")
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        record(actor=actor, action="token.revoke", target=user, summary=f"API token of {user.username}")
    return bool(deleted)


@transaction.atomic
def set_language(*, actor: Any, user: User, language: Language | str) -> User:
    """The language of ``user``'s e-mails; the user themself or the secretariat."""
    _require_self_or_manager(actor, user, "choose the e-mail language")
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
            summary=f"{user.username}: e-mails in {language}",
            data={"language": [before, str(language)]},
        )
    return user


@transaction.atomic
def change_password(*, actor: Any, user: User, password: str) -> None:
    """Set a new password for ``user`` after the password validators accepted it."""
    check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    record(actor=actor, action="user.password", target=user, summary=f"password of {user.username} changed")


@transaction.atomic
def change_own_password(*, actor: Any, user: User, old_password: str, new_password: str) -> User:
    """A user changes their own password, knowing the old one; the new one must pass the validators."""
    if getattr(actor, "pk", None) != user.pk:
        raise PermissionDeniedError("users change only their own password")
    if not user.check_password(old_password):
        raise InputError("the current password is wrong", location=Location(column="old_password"))
    check_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record(
        actor=actor, action="user.password", target=user, summary=f"{user.username} changed their password"
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
        summary=f"{user.username} set their password from a link",
    )
    return user
