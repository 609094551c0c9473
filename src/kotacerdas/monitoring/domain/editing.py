"""Changing a masterplan after it was created: its vision and period, a programme, a KPI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, StateError
from kotacerdas.monitoring.domain.access import require_editor
from kotacerdas.monitoring.domain.periods import require_years_in_period
from kotacerdas.monitoring.framework import BudgetSource, Dimension, Horizon, QuickWinStatus, belongs
from kotacerdas.monitoring.models import Kpi, KpiTarget, Masterplan, MasterplanProgramme, QuickWinUpdate

MAX_YEAR_SPAN = 10


def _period(start_year: int, end_year: int) -> None:
    if not 0 <= end_year - start_year <= MAX_YEAR_SPAN:
        raise InputError(
            _("periode masterplan %(start)s–%(end)s harus maju dan paling lama 10 tahun")
            % {"start": start_year, "end": end_year},
            code="masterplan_period",
        )


@transaction.atomic
def update_masterplan(
    *, actor: Any, masterplan: Masterplan, vision: str, start_year: int, end_year: int
) -> Masterplan:
    """New vision or period; every programme, KPI target, actual and budget year must stay inside it."""
    require_editor(actor, masterplan.region, "edit a masterplan")
    if not vision.strip():
        raise InputError(_("masterplan memerlukan visi"), code="vision_required")
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
            _("periode %(start)s–%(end)s meninggalkan: %(names)s")
            % {"start": start_year, "end": end_year, "names": ", ".join(outside[:5])},
            hint=_("ubah dulu tahun-tahun itu, atau pertahankan periodenya"),
            code="period_leaves_out",
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
        raise InputError(_("program memerlukan nama dan OPD pemilik"), code="name_required")
    if dimension not in Dimension.values or not belongs(dimension, sub_dimension):
        raise InputError(
            _("subdimensi %(sub)r bukan bagian dari %(dimension)s")
            % {"sub": sub_dimension, "dimension": dimension},
            code="unknown_sub_dimension",
        )
    if horizon not in Horizon.values:
        raise InputError(
            _("horizon harus 1, 5 atau 10 tahun, bukan %(horizon)s") % {"horizon": horizon},
            code="unknown_horizon",
        )
    if budget_source not in BudgetSource.values:
        raise InputError(
            _("sumber anggaran %(source)r tidak dikenal") % {"source": budget_source},
            hint=", ".join(BudgetSource.values),
            code="unknown_budget_source",
        )
    if Decimal(budget_amount) < 0:
        raise InputError(
            _("jumlah anggaran %(amount)s negatif") % {"amount": budget_amount}, code="negative_amount"
        )
    if not plan.start_year <= start_year <= plan.end_year:
        raise InputError(
            _("tahun mulai %(year)s di luar periode masterplan") % {"year": start_year},
            code="year_outside_period",
        )
    if item.quick_win and not quick_win and item.status != QuickWinStatus.PLANNED:
        raise StateError(
            _("%(name)r adalah quick win berstatus %(status)s")
            % {"name": item.name, "status": item.get_status_display()},
            hint=_("program itu tetap quick win"),
            code="stays_quick_win",
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
        raise InputError(
            _("KPI %(name)r milik program lain") % {"name": kpi.name}, code="kpi_of_other_programme"
        )
    if not name.strip() or not unit.strip():
        raise InputError(_("KPI memerlukan nama dan satuan"), code="name_required")
    require_years_in_period(plan, name, targets)
    if (baseline is None) != (baseline_year is None):
        raise InputError(
            _("KPI %(name)r: isi nilai dasar bersama tahunnya") % {"name": name}, code="baseline_year"
        )
    if baseline_year is not None and baseline_year > plan.end_year:
        raise InputError(
            _("KPI %(name)r: tahun nilai dasar %(year)s jatuh setelah masterplan")
            % {"name": name, "year": baseline_year},
            code="baseline_year",
        )
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
