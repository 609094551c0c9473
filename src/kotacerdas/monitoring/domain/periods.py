"""A KPI's years must lie inside its masterplan's period: one check for creating and for editing KPIs."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from kotacerdas.errors import InputError
from kotacerdas.monitoring.models import Masterplan


def require_years_in_period(plan: Masterplan, kpi_name: str, years: Iterable[int]) -> None:
    """Refuse target years outside the masterplan's period, naming them, so no target is stored unplanned."""
    outside = sorted(y for y in years if not plan.start_year <= y <= plan.end_year)
    if outside:
        raise InputError(
            _("KPI %(name)r: tahun %(years)s di luar %(start)s–%(end)s")
            % {
                "name": kpi_name,
                "years": ", ".join(map(str, outside)),
                "start": plan.start_year,
                "end": plan.end_year,
            },
            code="year_outside_period",
        )
