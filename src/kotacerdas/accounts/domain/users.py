"""Creating users with a role, and API tokens for scripts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from rest_framework.authtoken.models import Token

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.accounts.passwords import check_password
from kotacerdas.errors import InputError, StateError


@transaction.atomic
def create_user(
    *,
    actor: Any,
    username: str,
    password: str,
    role: Role,
    region: Any = None,
    email: str = "",
    demo: bool = False,
) -> User:
    """Create a user; a region team needs a region and nobody else may have one.

    The password validators run, except for ``demo=True``: the demo's published logins
    (``demo-<name>-2026``), which only the demo loader creates and which production mode refuses.
    """
    if (role == Role.REGION_TEAM) != (region is not None):
        raise InputError(
            f"user {username!r}: a region is required for region teams and only for them",
            hint="pass region= for role region_team, omit it otherwise",
        )
    if User.objects.filter(username=username).exists():
        raise InputError(f"user {username!r} already exists")
    user = User(username=username, role=role, region=region, email=email)
    if demo and settings.KOTACERDAS_MODE == "production":
        raise StateError(
            f"user {username!r}: demo accounts (published passwords) are refused in production mode"
        )
    if not demo:
        check_password(password, user)
    user.set_password(password)
    user.save()
    record(
        actor=actor,
        action="user.create",
        target=user,
        summary=f"{username} ({role})",
        data={"role": role, "demo": demo},
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
def issue_token(*, actor: Any, user: User) -> str:
    """A fresh API token for ``user`` (any older one is replaced)."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    record(actor=actor, action="token.issue", target=user, summary=f"API token for {user.username}")
    return str(token.key)
