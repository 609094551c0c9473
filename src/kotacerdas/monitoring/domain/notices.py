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
    """Each region team whose region has a masterplan covering the year is told once per change, with
    a link to that masterplan's KPI actuals."""
    plans = Masterplan.objects.filter(start_year__lte=window.year, end_year__gte=window.year).order_by(
        "region_id", "-start_year"
    )
    latest: dict[int, Masterplan] = {}
    for plan in plans:
        latest.setdefault(plan.region_id, plan)
    params = {
        "year": window.year,
        "opens": date_format(window.opens_on, "Y-m-d"),
        "closes": date_format(window.closes_on, "Y-m-d"),
    }
    for region_id, plan in latest.items():
        notify(
            recipients=User.objects.filter(role=Role.REGION_TEAM, is_active=True, region_id=region_id),
            kind=Kind.REPORTING_WINDOW,
            params=params,
            url=reverse("web:kpi-actuals", args=[plan.pk]),
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
