"""Planned and realised budget of a programme per year (rupiah)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError
from kotacerdas.monitoring.domain.access import require_editor
from kotacerdas.monitoring.models import MasterplanProgramme, ProgrammeBudget

LIMIT = Decimal(10) ** 16  # the column holds 16 digits


def _amount(value: Decimal | int | None, what: str, programme: str, year: int) -> Decimal | None:
    if value is None:
        return None
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0 or amount >= LIMIT or amount != amount.to_integral_value():
        label = _("anggaran rencana") if what == "planned" else _("anggaran realisasi")
        raise InputError(
            _("%(programme)s %(year)s: %(what)s %(value)s harus bilangan bulat rupiah, 0 sampai 16 angka")
            % {"programme": programme, "year": year, "what": label, "value": value},
            code="invalid_amount",
        )
    return amount


@transaction.atomic
def set_budget(
    *,
    actor: Any,
    programme: MasterplanProgramme,
    year: int,
    planned: Decimal | int,
    realised: Decimal | int | None = None,
) -> ProgrammeBudget:
    """Record the planned (and, once known, realised) budget of ``programme`` in ``year``."""
    plan = programme.masterplan
    require_editor(actor, plan.region, "set a programme budget")
    if not plan.start_year <= year <= plan.end_year:
        raise InputError(
            _("%(programme)s: tahun %(year)s di luar %(start)s–%(end)s")
            % {"programme": programme.name, "year": year, "start": plan.start_year, "end": plan.end_year},
            code="year_outside_period",
        )
    planned_amount = _amount(planned, "planned", programme.name, year) or Decimal(0)
    realised_amount = _amount(realised, "realised", programme.name, year)
    row, created = ProgrammeBudget.objects.select_for_update().update_or_create(
        programme=programme, year=year, defaults={"planned": planned_amount, "realised": realised_amount}
    )
    record(
        actor=actor,
        action="programme.budget",
        target=programme,
        summary=wording(
            gettext_lazy("%(programme)s %(year)s: rencana Rp %(planned)s, realisasi Rp %(realised)s")
            if realised_amount is not None
            else gettext_lazy("%(programme)s %(year)s: rencana Rp %(planned)s, realisasi belum ada"),
            programme=programme.name,
            year=str(year),
            planned=int(planned_amount),
            realised=int(realised_amount) if realised_amount is not None else None,
        ),
        data={"year": year, "created": created},
    )
    return row
