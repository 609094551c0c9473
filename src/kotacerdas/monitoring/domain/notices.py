"""Who hears about monitoring: region teams about reporting windows and comments on their masterplan."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.monitoring.models import Masterplan, MasterplanComment, ReportingWindow
from kotacerdas.notifications.domain.notify import notify
from kotacerdas.notifications.kinds import Kind


def notify_window(window: ReportingWindow) -> None:
    """Every active member of a region team whose region has a masterplan is told once per change."""
    people = User.objects.filter(
        role=Role.REGION_TEAM, is_active=True, region__masterplans__isnull=False
    ).distinct()
    notify(
        recipients=people,
        kind=Kind.REPORTING_WINDOW,
        params={
            "year": window.year,
            "opens": date_format(window.opens_on, "Y-m-d"),
            "closes": date_format(window.closes_on, "Y-m-d"),
        },
        url=reverse("web:inbox"),
        dedupe_key=f"window-{window.year}-{window.opens_on}-{window.closes_on}",
    )


def _person(user: Any) -> str:
    return getattr(user, "get_full_name", lambda: "")() or getattr(user, "username", "") or "—"


def notify_comment(comment: MasterplanComment, author: Any) -> None:
    """The region's team hears of a comment by others; earlier commenters hear of the team's answers."""
    plan: Masterplan = comment.masterplan
    team = User.objects.filter(region=plan.region, role=Role.REGION_TEAM, is_active=True)
    earlier = User.objects.filter(pk__in=plan.comments.exclude(author=None).values("author")).exclude(
        role=Role.REGION_TEAM
    )
    readers = [u for u in [*team, *earlier] if u.pk != getattr(author, "pk", None)]
    notify(
        recipients=readers,
        kind=Kind.MASTERPLAN_COMMENT,
        params={"author": _person(author), "region": plan.region.name},
        url=reverse("web:masterplan", args=[plan.pk]) + "#komentar",
    )
