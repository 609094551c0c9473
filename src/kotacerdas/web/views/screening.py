"""Screening pages: build index runs from a dataset (secretariat) and the page of one run."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.accounts.error_text import localise
from kotacerdas.accounts.rules import is_staff_role
from kotacerdas.errors import KotaCerdasError
from kotacerdas.regions import rules
from kotacerdas.regions.domain.screening import (
    coherence_rows,
    framework_problems,
    queue_index_build,
    series_runs,
)
from kotacerdas.regions.domain.uncertainty_runs import queue_uncertainty
from kotacerdas.regions.forms import IndexBuildForm, IndicatorFormSet, UncertaintyForm, show_problems
from kotacerdas.regions.models import Dataset, IndexRun
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_refusal
from kotacerdas.web.views.selection import parse_yaml_mapping
from kotacerdas.web.views.uncertainty import DEFAULT_FACTORS


def known_names(dataset: Dataset) -> dict[str, str]:
    """Indicator names from earlier runs' iMeta (newest first): the table's suggestions."""
    names: dict[str, str] = {}
    runs = IndexRun.objects.filter(dataset__name=dataset.name).exclude(meta=[]).order_by("-created_at")
    for meta in runs.values_list("meta", flat=True)[:20]:
        for row in meta:
            if row.get("Type") == "Indicator" and row.get("iName") and row.get("iName") != row.get("iCode"):
                names.setdefault(str(row["iCode"]), str(row["iName"]))
    return names


def _initial_rows(dataset: Dataset) -> list[dict[str, Any]]:
    names = known_names(dataset)
    return [
        {"code": code, "include": not names or code in names, "name": names.get(code, ""), "direction": 1,
         "weight": 1.0, "pillar": ""}
        for code in dataset.indicators
    ]  # fmt: skip


@guarded(rules.can_manage_index_runs)
def build_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The framework table and settings form; a valid POST queues the build job and shows its progress."""
    dataset = get_object_or_404(Dataset, pk=pk)
    if request.method != "POST":
        form = IndexBuildForm(initial={"name": dataset.name})
        rows = IndicatorFormSet(initial=_initial_rows(dataset), prefix="ind")
        return render(request, "web/index_build.html", {"dataset": dataset, "form": form, "rows": rows})
    form = IndexBuildForm(request.POST)
    rows = IndicatorFormSet(request.POST, prefix="ind")
    if form.is_valid() and rows.is_valid():
        chosen = [r for r in rows.forms if r.cleaned_data.get("include")]
        if not all(r.cleaned_data.get("code") in dataset.indicators for r in rows.forms):
            form.add_error(None, _("Tabel indikator tidak cocok dengan dataset; muat ulang halaman."))
        else:
            choices = [r.choice() for r in chosen]
            settings = form.settings()
            show_problems(form, chosen, framework_problems(dataset, choices, settings))
            if form.is_valid() and all(r.is_valid() for r in chosen):
                try:
                    job = queue_index_build(
                        actor=request.user,
                        dataset=dataset,
                        name=form.cleaned_data["name"],
                        indicators=choices,
                        settings=settings,
                    )
                except KotaCerdasError as exc:
                    show_refusal(request, exc, form)
                else:
                    return redirect("web:job", pk=job.pk)
    context = {"dataset": dataset, "form": form, "rows": rows}
    return render(request, "web/index_build.html", context, status=400)


def _run_context(request: HttpRequest, run: IndexRun, form: UncertaintyForm | None = None) -> dict[str, Any]:
    indicators, aggregates, negatives = coherence_rows(run)
    manage = rules.can_manage_index_runs(request.user)
    return {
        "run": run,
        "indicators": indicators,
        "aggregates": aggregates,
        "negatives": negatives,
        "series": series_runs(run, rules.visible_index_runs(request.user)),
        "can_publish": rules.can_publish(request.user),
        "analyses": rules.visible_analyses(request.user, run) if is_staff_role(request.user) else [],
        "uncertainty_form": (
            (form or UncertaintyForm(initial={"factors": DEFAULT_FACTORS}))
            if manage and run.meta and run.dataset_id
            else None
        ),
        "settings": [(key, json.dumps(value, ensure_ascii=False)) for key, value in run.config.items()],
        "top_scores": run.scores.select_related("region").order_by("rank", "region__code")[:10],
    }


@guarded(rules.can_view_regions)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A run: framework, settings, coherence statistics, the years of its series, uncertainty analysis."""
    run = get_object_or_404(IndexRun.objects.select_related("dataset"), pk=pk)
    if not rules.can_view_index_run(request.user, run):
        raise Http404(_("Hasil indeks ini tidak ada."))
    return render(request, "web/index_run.html", _run_context(request, run))


@guarded(rules.can_manage_index_runs)
def run_uncertainty(request: HttpRequest, pk: int) -> HttpResponse:
    """POST: queue the run's uncertainty job and show its progress; bad input shows the form again."""
    run = get_object_or_404(IndexRun.objects.select_related("dataset"), pk=pk)
    if request.method != "POST":
        deny(request)
    form = UncertaintyForm(request.POST)
    if form.is_valid():
        values = form.values(DEFAULT_FACTORS)
        try:
            job = queue_uncertainty(
                actor=request.user,
                run=run,
                factors=parse_yaml_mapping(values["factors"], "factors"),
                samples=values["samples"],
                seed=values["seed"],
                top=values["top"],
            )
        except KotaCerdasError as exc:
            form.add_error("factors", localise(exc))
        else:
            return redirect("web:job", pk=job.pk)
    return render(request, "web/index_run.html", _run_context(request, run, form), status=400)
