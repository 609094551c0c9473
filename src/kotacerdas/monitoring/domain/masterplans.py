"""Writing masterplans, their programmes and KPI targets; quick-win status changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, StateError
from kotacerdas.monitoring.domain.access import require_editor
from kotacerdas.monitoring.domain.evidence import Evidence, attach, checked
from kotacerdas.monitoring.framework import (
    QUICK_WIN_TRANSITIONS,
    BudgetSource,
    Dimension,
    Horizon,
    QuickWinStatus,
    belongs,
)
from kotacerdas.monitoring.models import Kpi, KpiTarget, Masterplan, MasterplanProgramme, QuickWinUpdate
from kotacerdas.programme.models import Participation
from kotacerdas.regions.models import Region


@transaction.atomic
def create_masterplan(
    *,
    actor: Any,
    region: Region,
    vision: str,
    start_year: int,
    end_year: int,
    participation: Participation | None = None,
    synthetic: bool = False,
) -> Masterplan:
    """A masterplan of ``region`` covering ``start_year``–``end_year`` (at most 10 years)."""
    require_editor(actor, region, "create a masterplan")
    if not vision.strip():
        raise InputError("the masterplan needs a vision")
    if not 0 <= end_year - start_year <= 10:
        raise InputError(
            f"masterplan period {start_year}–{end_year} must run forward and span at most 10 years"
        )
    plan = Masterplan.objects.create(
        region=region,
        participation=participation,
        vision=vision.strip(),
        start_year=start_year,
        end_year=end_year,
        synthetic=synthetic,
    )
    record(
        actor=actor, action="masterplan.create", target=plan, summary=f"{region.name} {start_year}–{end_year}"
    )
    return plan


@transaction.atomic
def add_programme(
    *,
    actor: Any,
    masterplan: Masterplan,
    name: str,
    dimension: str,
    sub_dimension: str,
    horizon: int,
    owner_opd: str,
    budget_source: str,
    budget_amount: Decimal | int,
    start_year: int,
    quick_win: bool = False,
    description: str = "",
    on: dt.date | None = None,
) -> MasterplanProgramme:
    """Add a programme; quick wins start as planned, with a first status-history entry."""
    require_editor(actor, masterplan.region, "add a programme")
    if dimension not in Dimension.values:
        raise InputError(f"unknown dimension {dimension!r}", hint=", ".join(Dimension.values))
    if not belongs(dimension, sub_dimension):
        raise InputError(f"sub-dimension {sub_dimension!r} is not part of {dimension}")
    if horizon not in Horizon.values:
        raise InputError(f"horizon must be 1, 5 or 10 years, got {horizon}")
    if budget_source not in BudgetSource.values:
        raise InputError(f"unknown budget source {budget_source!r}", hint=", ".join(BudgetSource.values))
    if Decimal(budget_amount) < 0:
        raise InputError(f"budget amount {budget_amount} is negative")
    if not masterplan.start_year <= start_year <= masterplan.end_year:
        raise InputError(f"start year {start_year} lies outside the masterplan period")
    item = MasterplanProgramme.objects.create(
        masterplan=masterplan,
        name=name,
        dimension=dimension,
        sub_dimension=sub_dimension,
        horizon=horizon,
        owner_opd=owner_opd,
        budget_source=budget_source,
        budget_amount=Decimal(budget_amount),
        start_year=start_year,
        quick_win=quick_win,
        status=QuickWinStatus.PLANNED if quick_win else "",
        description=description,
    )
    if quick_win:
        QuickWinUpdate.objects.create(
            programme=item,
            status=QuickWinStatus.PLANNED,
            on=on or dt.date(start_year, 1, 1),
            note="",
            actor=stored_user(actor),
        )
    record(
        actor=actor, action="masterplan.programme", target=item, summary=f"{name} ({dimension}, {horizon} y)"
    )
    return item


@transaction.atomic
def set_kpi_targets(
    *, actor: Any, programme: MasterplanProgramme, name: str, unit: str, targets: dict[int, float]
) -> Kpi:
    """A KPI with one target per year (years inside the masterplan period)."""
    plan = programme.masterplan
    require_editor(actor, plan.region, "set KPI targets")
    outside = [y for y in targets if not plan.start_year <= y <= plan.end_year]
    if outside:
        raise InputError(f"KPI {name!r}: years {outside} lie outside {plan.start_year}–{plan.end_year}")
    kpi = Kpi.objects.create(programme=programme, name=name, unit=unit)
    KpiTarget.objects.bulk_create(KpiTarget(kpi=kpi, year=y, target=t) for y, t in sorted(targets.items()))
    record(
        actor=actor,
        action="masterplan.kpi",
        target=programme,
        summary=f"KPI {name}",
        data={"targets": targets},
    )
    return kpi


@transaction.atomic
def set_quick_win_status(
    *,
    actor: Any,
    programme: MasterplanProgramme,
    status: str,
    on: dt.date,
    note: str = "",
    evidence: Evidence | None = None,
) -> MasterplanProgramme:
    """Move a quick win planned → running → done, or to stopped (and from stopped back to running);
    a step may carry evidence (a link or a PDF)."""
    item = (
        MasterplanProgramme.objects.select_for_update()
        .select_related("masterplan__region")
        .get(pk=programme.pk)
    )
    require_editor(actor, item.masterplan.region, "change a quick win's status")
    if len(note) > 300:
        raise InputError(f"the note has {len(note)} characters; the limit is 300")
    proof = checked(evidence, required=False, what=f"quick win {item.name!r}")
    if not item.quick_win:
        raise StateError(
            f"{item.name!r} is not a quick win", hint="only flagged programmes have a status history"
        )
    if status not in QUICK_WIN_TRANSITIONS:
        raise InputError(f"unknown quick-win status {status!r}", hint=", ".join(QUICK_WIN_TRANSITIONS))
    if status not in QUICK_WIN_TRANSITIONS[item.status]:
        allowed = ", ".join(str(QuickWinStatus(s).label) for s in sorted(QUICK_WIN_TRANSITIONS[item.status]))
        raise StateError(
            _("quick win %(name)r: tidak dapat berpindah dari %(source)s ke %(target)s")
            % {
                "name": item.name,
                "source": QuickWinStatus(item.status).label,
                "target": QuickWinStatus(status).label,
            },
            hint=_("yang diizinkan: %(allowed)s") % {"allowed": allowed or _("tidak ada")},
            code="transition_not_allowed",
            params={"source": item.status, "target": status},
        )
    latest = item.status_history.order_by("-on", "-id").first()
    if latest is not None and on < latest.on:
        raise StateError(
            _("quick win %(name)s: %(status)s bertanggal %(on)s, lebih awal dari %(previous)s pada %(date)s")
            % {
                "name": repr(item.name),
                "status": QuickWinStatus(status).label,
                "on": date_format(on),
                "previous": QuickWinStatus(latest.status).label,
                "date": date_format(latest.on),
            },
            hint=_(
                "riwayat quick win bertanggal urut: setiap status sama dengan atau sesudah status sebelumnya"
            ),
        )
    item.status = status
    item.save(update_fields=["status"])
    update = QuickWinUpdate(programme=item, status=status, on=on, note=note, actor=stored_user(actor))
    attach(update, proof)
    update.save()
    record(
        actor=actor,
        action=f"quick_win.{status}",
        target=item,
        summary=f"{item.name}: {status}",
        data={"on": on.isoformat(), "evidence": update.evidence_url or update.evidence_file.name},
    )
    return item
