"""Permission predicates on users (plain functions; every app's ``rules.py`` builds on these).

The public is any visitor who is not logged in (an anonymous user).
"""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.enums import Role


def role_of(user: Any) -> str | None:
    """The user's role, or ``None`` for the public."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return getattr(user, "role", None) or None


def is_logged_in(user: Any) -> bool:
    return role_of(user) is not None


def is_secretariat(user: Any) -> bool:
    return role_of(user) == Role.SECRETARIAT


def is_assessor(user: Any) -> bool:
    return role_of(user) == Role.ASSESSOR


def is_region_team(user: Any) -> bool:
    return role_of(user) == Role.REGION_TEAM


def is_staff_role(user: Any) -> bool:
    """Secretariat or assessor: the national side that sees every region."""
    return role_of(user) in (Role.SECRETARIAT, Role.ASSESSOR)


def team_region_id(user: Any) -> int | None:
    """The region a region team works for (``None`` for other roles)."""
    return getattr(user, "region_id", None) if is_region_team(user) else None


def is_anyone(user: Any) -> bool:
    """Public pages: everyone, logged in or not."""
    return True


def can_manage_users(user: Any) -> bool:
    """Accounts (create, edit, deactivate, import, invite, audit log): the secretariat, or the platform itself."""
    return is_system(user) or is_secretariat(user)
