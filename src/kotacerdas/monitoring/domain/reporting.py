"""Yearly KPI actuals, reported by the region team while the secretariat's reporting window is open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import is_system, require_actor, stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.monitoring import rules
from kotacerdas.monitoring.domain.access import require_editor
from kotacerdas.monitoring.domain.evidence import Evidence, attach, checked
from kotacerdas.monitoring.domain.notices import notify_window
from kotacerdas.monitoring.models import Kpi, KpiActual, ReportingWindow

FIRST_YEAR, LAST_YEAR = 2000, 2100


@transaction.atomic
def open_reporting_window(*, actor: Any, year: int, opens_on: dt.date, closes_on: dt.date) -> ReportingWindow:
    """The secretariat opens (or moves) the window in which the actuals of ``year`` are reported;
    the region teams with a masterplan are told."""
    require_actor(actor, "open a reporting window")
    if not (is_system(actor) or rules.can_open_reporting_window(actor)):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh membuka jendela pelaporan"), code="secretariat_only"
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(
            _("tahun %(year)s di luar %(start)s–%(end)s")
            % {"year": year, "start": FIRST_YEAR, "end": LAST_YEAR},
            code="year_out_of_range",
        )
    if closes_on < opens_on:
        raise InputError(
            _("jendela ditutup %(closes)s, sebelum dibuka %(opens)s")
            % {"closes": date_format(closes_on, "j F Y"), "opens": date_format(opens_on, "j F Y")},
            code="end_before_start",
        )
    window, created = ReportingWindow.objects.select_for_update().update_or_create(
        year=year, defaults={"opens_on": opens_on, "closes_on": closes_on}
    )
    if created:
        window.opened_by = stored_user(actor)
        window.save(update_fields=["opened_by"])
    record(
        actor=actor,
        action="reporting_window.open" if created else "reporting_window.change",
        target=window,
        summary=wording(
            gettext_lazy("Jendela pelaporan %(year)s: %(opens)s – %(closes)s"),
            year=str(year),
            opens=opens_on,
            closes=closes_on,
        ),
    )
    notify_window(window)
    return window


def open_window(year: int, today: dt.date | None = None) -> ReportingWindow | None:
    """The window of ``year`` if it is open on ``today`` (both ends included)."""
    day = today or timezone.localdate()
    return ReportingWindow.objects.filter(year=year, opens_on__lte=day, closes_on__gte=day).first()


def open_windows(today: dt.date | None = None) -> list[ReportingWindow]:
    day = today or timezone.localdate()
    return list(ReportingWindow.objects.filter(opens_on__lte=day, closes_on__gte=day).order_by("year"))


def _refusal(year: int) -> StateError:
    window = ReportingWindow.objects.filter(year=year).first()
    if window is None:
        message = _("Pelaporan capaian tahun %(year)s belum dibuka oleh sekretariat.") % {"year": year}
    else:
        message = _("Pelaporan capaian tahun %(year)s hanya dibuka %(opens)s sampai %(closes)s.") % {
            "year": year,
            "opens": date_format(window.opens_on, "j F Y"),
            "closes": date_format(window.closes_on, "j F Y"),
        }
    return StateError(message, hint=_("laporkan saat jendela pelaporan terbuka"), code="window_closed")


@transaction.atomic
def report_actual(
    *,
    actor: Any,
    kpi: Kpi,
    year: int,
    value: float,
    evidence: Evidence | None = None,
    note: str = "",
    synthetic: bool = False,
    today: dt.date | None = None,
) -> KpiActual:
    """The value of ``kpi`` in ``year`` with its evidence (a link or a PDF), once per KPI and year; it may
    be corrected while the window of ``year`` is open. The platform itself (the demo) needs no window."""
    plan = kpi.programme.masterplan
    require_editor(actor, plan.region, "report a KPI actual")
    if synthetic and not is_system(actor):
        raise PermissionDeniedError(
            _("hanya pemuat demo platform yang menulis capaian sintetis"), code="synthetic_demo_only"
        )
    if not is_system(actor) and open_window(year, today) is None:
        raise _refusal(year)
    if not plan.start_year <= year <= plan.end_year:
        raise InputError(
            _("KPI %(name)r: tahun %(year)s di luar %(start)s–%(end)s")
            % {"name": kpi.name, "year": year, "start": plan.start_year, "end": plan.end_year},
            code="year_outside_period",
        )
    if value != value or value in (float("inf"), float("-inf")):
        raise InputError(
            _("KPI %(name)r: %(value)s bukan angka") % {"name": kpi.name, "value": value}, code="not_a_number"
        )
    if len(note) > 300:
        raise InputError(
            _("catatan terdiri atas %(length)s karakter; batasnya %(limit)s")
            % {"length": len(note), "limit": 300},
            code="text_too_long",
        )
    proof = checked(evidence, required=not synthetic, what=f"KPI {kpi.name!r} {year}")
    row = KpiActual.objects.select_for_update().filter(kpi=kpi, year=year).first()
    corrected = row is not None
    row = row or KpiActual(kpi=kpi, year=year)
    row.value, row.note, row.synthetic, row.reported_by = value, note, synthetic, stored_user(actor)
    if not proof.empty:  # new evidence replaces the old (a synthetic correction without any keeps it)
        row.evidence_file = ""
        attach(row, proof)
    row.save()
    record(
        actor=actor,
        action="kpi.actual.correct" if corrected else "kpi.actual",
        target=kpi,
        summary=wording(
            gettext_lazy("%(region)s: %(kpi)s %(year)s = %(value)s %(unit)s"),
            region=plan.region.name,
            kpi=kpi.name,
            year=str(year),
            value=float(value),
            unit=kpi.unit,
        ),
        data={"year": year, "value": value, "evidence": row.evidence_url or row.evidence_file.name},
    )
    return row
