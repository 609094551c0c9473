"""Who may see and change masterplans, KPI reports, budgets and quick wins.

A masterplan is **public** (every visitor and every region sees it) once its participation has been
presented to the closing panel or awarded, or once it has been legalised (Perwali/Perbup/Perda): from
then on it is a document the region has defended in public. Before that (drafting during guidance) only
the secretariat, the assessors (the mentors) and the region's own team read it. A masterplan without a
participation stays private. There is no separate publish action: the lifecycle step is the publication.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kotacerdas.accounts.rules import (
    is_anyone,
    is_region_team,
    is_secretariat,
    is_staff_role,
    team_region_id,
)
from kotacerdas.monitoring.models import Masterplan
from kotacerdas.programme.lifecycle import State

#: the participation states from which a masterplan is public
PUBLIC_STATES = frozenset({State.PRESENTED, State.AWARDED})
PUBLIC = Q(participation__state__in=PUBLIC_STATES) | (
    Q(participation__isnull=False) & ~Q(participation__legal_instrument="")
)

can_view_masterplans = is_anyone
can_open_reporting_window = is_secretariat


def can_edit_some_masterplan(user: Any) -> bool:
    """Route-level rule: the secretariat or any region team (the region is checked per object)."""
    return is_secretariat(user) or is_region_team(user)


def can_edit_masterplan(user: Any, region_id: int | None = None) -> bool:
    """The secretariat, or the region team of the masterplan's region."""
    return is_secretariat(user) or (region_id is not None and team_region_id(user) == region_id)


#: programme progress is public in aggregate (figures per cohort, dimension, province and region; no
#: evidence, notes or reporters: see docs/platform.md "Kemajuan program")
can_view_progress = is_anyone


def can_see_evidence(user: Any, region_id: int | None = None) -> bool:
    """Evidence links of KPI actuals: the national side (secretariat, assessors) and the region's team."""
    return is_staff_role(user) or (region_id is not None and team_region_id(user) == region_id)
def is_public(plan: Masterplan) -> bool:
    """Whether every visitor may read ``plan`` (see the module's docstring)."""
    p = plan.participation
    return p is not None and (p.state in PUBLIC_STATES or bool(p.legal_instrument))


def visible_masterplans(user: Any) -> QuerySet[Masterplan]:
    """Staff read every masterplan; a region team its own region's and the public ones; the public these."""
    plans = Masterplan.objects.select_related("region", "participation")
    if is_staff_role(user):
        return plans
    region = team_region_id(user)
    return plans.filter(PUBLIC | Q(region_id=region)) if region else plans.filter(PUBLIC)


def can_view_masterplan(user: Any, plan: Masterplan) -> bool:
    return is_staff_role(user) or team_region_id(user) == plan.region_id or is_public(plan)


def can_comment_some_masterplan(user: Any) -> bool:
    """Route-level rule of comments: staff (secretariat, assessors as mentors) and region teams."""
    return is_staff_role(user) or is_region_team(user)


def can_comment_masterplan(user: Any, plan: Masterplan) -> bool:
    """The secretariat and the mentors comment on any masterplan; a region team answers on its own."""
    return is_staff_role(user) or (is_region_team(user) and team_region_id(user) == plan.region_id)
