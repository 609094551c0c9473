"""Changing a masterplan after it was created: its vision and period, a programme, a KPI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, StateError
from kotacerdas.monitoring.domain.access import require_editor
from kotacerdas.monitoring.framework import BudgetSource, Dimension, Horizon, QuickWinStatus, belongs
from kotacerdas.monitoring.models import Kpi, KpiTarget, Masterplan, MasterplanProgramme, QuickWinUpdate

MAX_YEAR_SPAN = 10


def _period(start_year: int, end_year: int) -> None:
    if not 0 <= end_year - start_year <= MAX_YEAR_SPAN:
        raise InputError(
            f"masterplan period {start_year}–{end_year} must run forward and span at most 10 years"
        )


@transaction.atomic
def update_masterplan(
    *, actor: Any, masterplan: Masterplan, vision: str, start_year: int, end_year: int
) -> Masterplan:
    """New vision or period; every programme, KPI target, actual and budget year must stay inside it."""
    require_editor(actor, masterplan.region, "edit a masterplan")
    if not vision.strip():
        raise InputError("the masterplan needs a vision")
    _period(start_year, end_year)
    plan = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
    programmes = plan.programmes.all()
    years = [(p.name, p.start_year) for p in programmes]
    years += [
        (f"KPI {t.kpi.name}", t.year) for t in KpiTarget.objects.filter(kpi__programme__masterplan=plan)
    ]
    outside = [f"{name} ({year})" for name, year in years if not start_year <= year <= end_year]
    if outside:
        raise InputError(
            f"period {start_year}–{end_year} leaves out: {', '.join(outside[:5])}",
            hint="change those years first, or keep the period",
        )
    before = f"{plan.start_year}–{plan.end_year}"
    plan.vision, plan.start_year, plan.end_year = vision.strip(), start_year, end_year
    plan.save(update_fields=["vision", "start_year", "end_year"])
    record(
        actor=actor,
        action="masterplan.edit",
        target=plan,
        summary=f"{plan.region.name} {before} → {start_year}–{end_year}",
    )
    return plan


@transaction.atomic
def update_programme(
    *,
    actor: Any,
    programme: MasterplanProgramme,
    name: str,
    dimension: str,
    sub_dimension: str,
    horizon: int,
    owner_opd: str,
    budget_source: str,
    budget_amount: Decimal | int,
    start_year: int,
    quick_win: bool,
    description: str = "",
) -> MasterplanProgramme:
    """Change a programme. Flagging it a quick win starts its history; a quick win whose status has
    moved on stays one (its history is kept)."""
    item = (
        MasterplanProgramme.objects.select_for_update()
        .select_related("masterplan__region")
        .get(pk=programme.pk)
    )
    plan = item.masterplan
    require_editor(actor, plan.region, "edit a programme")
    if not name.strip() or not owner_opd.strip():
        raise InputError("a programme needs a name and an owner OPD")
    if dimension not in Dimension.values or not belongs(dimension, sub_dimension):
        raise InputError(f"sub-dimension {sub_dimension!r} is not part of {dimension!r}")
    if horizon not in Horizon.values:
        raise InputError(f"horizon must be 1, 5 or 10 years, got {horizon}")
    if budget_source not in BudgetSource.values:
        raise InputError(f"unknown budget source {budget_source!r}", hint=", ".join(BudgetSource.values))
    if Decimal(budget_amount) < 0:
        raise InputError(f"budget amount {budget_amount} is negative")
    if not plan.start_year <= start_year <= plan.end_year:
        raise InputError(f"start year {start_year} lies outside the masterplan period")
    if item.quick_win and not quick_win and item.status != QuickWinStatus.PLANNED:
        raise StateError(
            f"{item.name!r} is a quick win with status {item.status}", hint="it stays a quick win"
        )
    if quick_win and not item.quick_win:
        item.status = QuickWinStatus.PLANNED
        QuickWinUpdate.objects.create(
            programme=item,
            status=QuickWinStatus.PLANNED,
            on=dt.date(start_year, 1, 1),
            actor=stored_user(actor),
        )
    elif not quick_win:
        item.status = ""
    item.name, item.dimension, item.sub_dimension = name.strip(), dimension, sub_dimension
    item.horizon, item.owner_opd, item.budget_source = horizon, owner_opd.strip(), budget_source
    item.budget_amount, item.start_year = Decimal(budget_amount), start_year
    item.quick_win, item.description = quick_win, description
    item.save()
    record(actor=actor, action="masterplan.programme.edit", target=item, summary=item.name)
    return item


@transaction.atomic
def save_kpi(
    *,
    actor: Any,
    programme: MasterplanProgramme,
    name: str,
    unit: str,
    targets: dict[int, float],
    baseline: float | None = None,
    baseline_year: int | None = None,
    higher_is_better: bool = True,
    kpi: Kpi | None = None,
) -> Kpi:
    """Create a KPI of ``programme`` (or change ``kpi``): baseline, direction and one target per year."""
    plan = programme.masterplan
    require_editor(actor, plan.region, "set a KPI")
    if kpi is not None and kpi.programme_id != programme.pk:
        raise InputError(f"KPI {kpi.name!r} belongs to another programme")
    if not name.strip() or not unit.strip():
        raise InputError("a KPI needs a name and a unit")
    outside = sorted(y for y in targets if not plan.start_year <= y <= plan.end_year)
    if outside:
        raise InputError(f"KPI {name!r}: years {outside} lie outside {plan.start_year}–{plan.end_year}")
    if (baseline is None) != (baseline_year is None):
        raise InputError(f"KPI {name!r}: give the baseline together with its year")
    if baseline_year is not None and baseline_year > plan.end_year:
        raise InputError(f"KPI {name!r}: baseline year {baseline_year} lies after the masterplan")
    row = kpi or Kpi(programme=programme)
    row.name, row.unit, row.higher_is_better = name.strip(), unit.strip(), higher_is_better
    row.baseline, row.baseline_year = baseline, baseline_year
    row.save()
    row.targets.all().delete()
    KpiTarget.objects.bulk_create(KpiTarget(kpi=row, year=y, target=t) for y, t in sorted(targets.items()))
    record(
        actor=actor,
        action="masterplan.kpi.edit" if kpi else "masterplan.kpi",
        target=programme,
        summary=f"KPI {row.name}",
        data={"targets": {str(y): t for y, t in targets.items()}, "baseline": baseline},
    )
    return row
