"""Who may see and change masterplans and quick wins."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.rules import is_anyone, is_region_team, is_secretariat, is_staff_role, team_region_id

can_view_masterplans = is_anyone


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
