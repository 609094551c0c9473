"""KPI actuals of a masterplan (reported inside the secretariat's window) and the windows themselves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.errors import KotaCerdasError
from kotacerdas.monitoring import forms as mf
from kotacerdas.monitoring import rules
from kotacerdas.monitoring.domain import reporting
from kotacerdas.monitoring.models import Kpi, ReportingWindow
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal
from kotacerdas.web.views.masterplans import plan_with_everything, visible_plan


@guarded(rules.can_view_masterplans)
def kpi_actuals(request: HttpRequest, pk: int) -> HttpResponse:
    """The table of baseline, targets and actuals per KPI and year; the region's team (or the
    secretariat) reports a year's actual here while that year's window is open."""
    plan = plan_with_everything(visible_plan(request, pk))
    can_report = rules.can_edit_masterplan(request.user, plan.region_id)
    windows = reporting.open_windows()
    kpis = Kpi.objects.filter(programme__masterplan=plan).select_related("programme")
    windows = [w for w in windows if plan.start_year <= w.year <= plan.end_year]
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = mf.ActualForm(*data, kpis=kpis, years=[w.year for w in windows], auto_id="actual_%s")
    status = 200
    if request.method == "POST":
        if not can_report:
            return redirect("web:masterplan", pk=plan.pk)  # route rule passed; nothing to do for readers
        if form.is_valid():
            try:
                reporting.report_actual(
                    actor=request.user,
                    kpi=form.cleaned_data["kpi"],
                    year=form.cleaned_data["year"],
                    value=form.cleaned_data["value"],
                    evidence=form.evidence(),
                    note=form.cleaned_data["note"],
                )
            except KotaCerdasError as exc:
                show_refusal(request, exc, form)
            else:
                messages.success(request, _("Capaian tersimpan."))
                return redirect("web:kpi-actuals", pk=plan.pk)
        status = 400
    years = list(range(plan.start_year, plan.end_year + 1))
    table: list[dict[str, Any]] = []
    for programme in plan.programmes.all():
        for kpi in programme.kpis.all():
            targets = {t.year: t.target for t in kpi.targets.all()}
            actuals = {a.year: a for a in kpi.actuals.all()}
            cells = [(y, targets.get(y), actuals.get(y)) for y in years]
            table.append({"programme": programme, "kpi": kpi, "cells": cells})
    context = {
        "plan": plan,
        "table": table,
        "years": years,
        "form": form,
        "can_report": can_report,
        "windows": windows,
        "synthetic": any(a.synthetic for row in table for _y, _t, a in row["cells"] if a),
    }
    return render(request, "web/kpi_actuals.html", context, status=status)


@guarded(rules.can_open_reporting_window)
def reporting_windows(request: HttpRequest) -> HttpResponse:
    """The secretariat opens (or moves) the window of a year; the region teams are told."""
    form = mf.WindowForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                reporting.open_reporting_window(actor=request.user, **form.cleaned_data)
            except KotaCerdasError as exc:
                show_refusal(request, exc, form)
            else:
                messages.success(request, _("Jendela pelaporan tersimpan; tim daerah diberi tahu."))
                return redirect("web:reporting-windows")
        status = 400
    windows = ReportingWindow.objects.select_related("opened_by")
    return render(request, "web/reporting_windows.html", {"form": form, "windows": windows}, status=status)
