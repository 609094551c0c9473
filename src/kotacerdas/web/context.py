"""Template context shared by every page: the navigation the current user may use."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kotacerdas.accounts.rules import is_staff_role, role_of
from kotacerdas.notifications.domain.inbox import unread_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"role": role_of(request.user), "sees_pipeline": is_staff_role(request.user)}


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the header's inbox link (one indexed query, logged-in users only)."""
    return {"unread_notifications": unread_count(request.user)}
