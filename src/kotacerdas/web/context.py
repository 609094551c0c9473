"""Template context shared by every page: the navigation the current user may use, and where they are in it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kotacerdas.accounts.rules import is_staff_role, role_of
from kotacerdas.notifications.domain.inbox import unread_count

#: each header link (its key for ``{% nav_attrs %}``) and the URL name it points to
ENTRIES = {
    "dashboard": "dashboard",
    "map": "map",
    "ranking": "ranking",
    "progress": "progress",
    "assessment": "assessment-rounds",
    "tasks": "assessment-inbox",
    "pipeline": "cohorts",
    "data": "datasets",
    "jobs": "jobs",
    "users": "users",
    "audit": "audit",
    "reporting": "reporting-windows",
    "region": "region",
    "notifications": "inbox",
    "profile": "profile",
    "login": "login",
}
#: pages below a header link (URL name → key); any other ``assessment-…`` page is under "assessment"
SECTIONS = {
    "progress-province": "progress",
    "index-run": "ranking",
    "index-run-uncertainty": "ranking",
    "assessment-score": "tasks",
    "assessment-my-conflicts": "tasks",
    "cohort-new": "pipeline",
    "cohort-invite": "pipeline",
    "cohort-interview": "pipeline",
    "pipeline": "pipeline",
    "selection-run": "pipeline",
    "selection-decisions": "pipeline",
    "dataset-import": "data",
    "index-build": "data",
    "job": "jobs",
    "user-create": "users",
    "user-import": "users",
    "user": "users",
    "inbox-preferences": "notifications",
    "profile-password": "profile",
    "profile-language": "profile",
    "profile-token": "profile",
    "password-reset": "login",
    "password-reset-done": "login",
    "password-reset-confirm": "login",
    "password-reset-complete": "login",
}
PAGES = {name: key for key, name in ENTRIES.items()}


def current_entry(request: HttpRequest) -> tuple[str, str] | None:
    """The header link of the page shown and its ``aria-current`` value: ``page`` on the link's own page,
    ``true`` on a page below it (a cohort's board under "Alur kohort"); ``None`` when no link fits."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "web":
        return None
    name = match.url_name or ""
    key = PAGES.get(name) or SECTIONS.get(name) or ("assessment" if name.startswith("assessment-") else None)
    if key == "region":  # "Daerah saya": the user's own region only
        region = getattr(request.user, "region", None)
        if region is None or match.kwargs.get("code") != region.code:
            return None
    if key == "tasks" and role_of(request.user) != "assessor":  # only assessors have "Tugas saya"
        key = "assessment"
    if key is None:
        return None
    return key, "page" if ENTRIES[key] == name else "true"


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {
        "role": role_of(request.user),
        "sees_pipeline": is_staff_role(request.user),
        "nav_here": current_entry(request),
    }


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the header's inbox link (one indexed query, logged-in users only)."""
    return {"unread_notifications": unread_count(request.user)}
