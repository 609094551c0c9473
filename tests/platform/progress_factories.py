"""Synthetic masterplans with KPI actuals, yearly budgets and reporting windows (progress tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.monitoring.domain.masterplans import (
    add_programme,
    create_masterplan,
    set_kpi_targets,
    set_quick_win_status,
)
from kotacerdas.monitoring.framework import SUB_DIMENSIONS
from kotacerdas.monitoring.models import (
    Kpi,
    KpiActual,
    Masterplan,
    MasterplanProgramme,
    ProgrammeBudget,
    ReportingWindow,
)
from kotacerdas.programme.models import Participation
from tests.platform import factories as f


def plan(code: str = "63.71", participation: Participation | None = None, start: int = 2020) -> Masterplan:
    return create_masterplan(
        actor=SYSTEM,
        region=f.region(code),
        participation=participation,
        vision=f"{code} cerdas (sintetis)",
        start_year=start,
        end_year=start + 10,
    )


def programme(
    masterplan: Masterplan,
    dimension: str = "living",
    *,
    name: str = "Program sintetis",
    quick_win: bool = False,
    status: str = "",
) -> MasterplanProgramme:
    """A programme; a quick win is walked to ``status`` (running, done or stopped)."""
    item = add_programme(
        actor=SYSTEM,
        masterplan=masterplan,
        name=name,
        dimension=dimension,
        sub_dimension=SUB_DIMENSIONS[dimension][0][0],
        horizon=5,
        owner_opd="Diskominfo",
        budget_source="apbd",
        budget_amount=1_000_000_000,
        start_year=masterplan.start_year + 1,
        quick_win=quick_win or bool(status),
    )
    on = dt.date(masterplan.start_year + 1, 2, 1)
    if status in ("running", "done"):
        set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=on)
    if status in ("done", "stopped"):
        set_quick_win_status(actor=SYSTEM, programme=item, status=status, on=on)
    item.refresh_from_db()
    return item


def kpi(
    item: MasterplanProgramme,
    targets: dict[int, float],
    actuals: dict[int, float] | None = None,
    *,
    higher_is_better: bool = True,
    name: str = "Layanan daring",
    evidence_url: str = "",
) -> Kpi:
    made = set_kpi_targets(actor=SYSTEM, programme=item, name=name, unit="%", targets=targets)
    if not higher_is_better:
        Kpi.objects.filter(pk=made.pk).update(higher_is_better=False)
    for year, value in (actuals or {}).items():
        KpiActual.objects.create(kpi=made, year=year, value=value, synthetic=True, evidence_url=evidence_url)
    return made


def budget(
    item: MasterplanProgramme, year: int, planned: int, realised: int | None = None
) -> ProgrammeBudget:
    return ProgrammeBudget.objects.create(
        programme=item,
        year=year,
        planned=Decimal(planned),
        realised=None if realised is None else Decimal(realised),
    )


def window(year: int, closes_on: dt.date) -> ReportingWindow:
    return ReportingWindow.objects.create(
        year=year, opens_on=closes_on - dt.timedelta(days=60), closes_on=closes_on
    )
