"""Running a cohort's selection (secretariat) and every region's decision with its reason."""

from __future__ import annotations

from typing import Any

import yaml
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kotacerdas.accounts.error_text import localise
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain.selection import queue_selection
from kotacerdas.programme.models import Cohort
from kotacerdas.regions.models import IndexRun
from kotacerdas.web.permissions import guarded

#: the statuses the decisions page filters by, in display order
STATUSES = ("selected", "ineligible", "excluded", "crowded_out", "below_cutoff", "blocked")
DEFAULT_CONFIG = """\
# SELECTION.yaml (docs/selection.md); phases default to this cohort's year and target size
score: score
quotas:
  - {by: province, max: 2}
  - {by: island_group, min: 2}
  - {by: type, value: kabupaten, min_share: 0.3}
"""


def parse_yaml_mapping(text: str, name: str) -> dict[str, Any]:
    """A YAML mapping typed into a form; an error names the form field."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{name} is not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputError(f"{name} must be a YAML mapping of keys")
    return data


@guarded(rules.can_transition)
def selection_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The form (index run, SELECTION.yaml, options); POST queues the selection job."""
    cohort = get_object_or_404(Cohort, pk=pk)
    runs = IndexRun.objects.all()
    context: dict[str, Any] = {"cohort": cohort, "runs": runs, "config": DEFAULT_CONFIG}
    if request.method != "POST":
        return render(request, "web/selection_form.html", context)
    context["config"] = request.POST.get("config", "")
    try:
        wanted = request.POST.get("index_run", "")
        run = runs.filter(pk=int(wanted)).first() if wanted.isdigit() else None
        if run is None:
            raise InputError("choose an index run")
        job = queue_selection(
            actor=request.user,
            cohort=cohort,
            run=run,
            config=parse_yaml_mapping(context["config"], "the configuration"),
            exclude_alumni=request.POST.get("exclude_alumni") == "on",
            thresholds=request.POST.get("thresholds") == "on",
        )
    except KotaCerdasError as exc:
        messages.error(request, localise(exc))
        return render(request, "web/selection_form.html", context, status=400)
    return redirect("web:job", pk=job.pk)


@guarded(rules.can_view_pipeline)
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every region's decision: status, reason and "what it would take" (filter ``?status=``)."""
    cohort = get_object_or_404(Cohort, pk=pk)
    rows = list(cohort.selection.get("decisions", []))
    counts = {s: sum(r["status"] == s for r in rows) for s in STATUSES}
    status = request.GET.get("status", "")
    shown = [r for r in rows if r["status"] == status] if status in STATUSES else rows
    shown.sort(key=lambda r: (STATUSES.index(r["status"]) if r["status"] in STATUSES else 99, -r["score"]))
    context = {
        "cohort": cohort,
        "rows": shown,
        "counts": counts,
        "status": status,
        "statuses": STATUSES,
        "selection": cohort.selection,
        "can_act": rules.can_transition(request.user),
    }
    return render(request, "web/decisions.html", context)
