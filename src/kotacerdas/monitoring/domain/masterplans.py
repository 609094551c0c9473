"""Writing masterplans, their programmes and KPI targets; quick-win status changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, StateError
from kotacerdas.monitoring.domain.access import require_editor
from kotacerdas.monitoring.domain.evidence import Evidence, attach, checked
from kotacerdas.monitoring.domain.periods import require_years_in_period
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
        raise InputError(_("masterplan memerlukan visi"), code="vision_required")
    if not 0 <= end_year - start_year <= 10:
        raise InputError(
            _("periode masterplan %(start)s–%(end)s harus maju dan paling lama 10 tahun")
            % {"start": start_year, "end": end_year},
            code="masterplan_period",
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
        raise InputError(
            _("dimensi %(dimension)r tidak dikenal") % {"dimension": dimension},
            hint=", ".join(Dimension.values),
            code="unknown_dimension",
        )
    if not belongs(dimension, sub_dimension):
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
    if not masterplan.start_year <= start_year <= masterplan.end_year:
        raise InputError(
            _("tahun mulai %(year)s di luar periode masterplan") % {"year": start_year},
            code="year_outside_period",
        )
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
        actor=actor,
        action="masterplan.programme",
        target=item,
        summary=wording(
            gettext_lazy("%(name)s: %(dimension)s, %(horizon)s"),
            name=name,
            dimension=Dimension(dimension).label,
            horizon=Horizon(horizon).label,
        ),
    )
    return item


@transaction.atomic
def set_kpi_targets(
    *, actor: Any, programme: MasterplanProgramme, name: str, unit: str, targets: dict[int, float]
) -> Kpi:
    """A KPI with one target per year (years inside the masterplan period)."""
    plan = programme.masterplan
    require_editor(actor, plan.region, "set KPI targets")
    require_years_in_period(plan, name, targets)
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
        raise InputError(
            _("catatan terdiri atas %(length)s karakter; batasnya %(limit)s")
            % {"length": len(note), "limit": 300},
            code="text_too_long",
        )
    proof = checked(evidence, required=False, what=f"quick win {item.name!r}")
    if not item.quick_win:
        raise StateError(
            _("%(name)r bukan quick win") % {"name": item.name},
            hint=_("hanya program yang ditandai yang memiliki riwayat status"),
            code="not_a_quick_win",
        )
    if status not in QUICK_WIN_TRANSITIONS:
        raise InputError(
            _("status quick win %(status)r tidak dikenal") % {"status": status},
            hint=", ".join(QUICK_WIN_TRANSITIONS),
            code="unknown_quick_win_status",
        )
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
        summary=wording(
            gettext_lazy("%(name)s: %(status)s"), name=item.name, status=QuickWinStatus(status).label
        ),
        data={"on": on.isoformat(), "evidence": update.evidence_url or update.evidence_file.name},
    )
    return item
