"""Running an uncertainty analysis of an index run from the ranking page (secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from kotacerdas.accounts.error_text import localise
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.regions import rules
from kotacerdas.regions.domain.uncertainty_runs import queue_uncertainty
from kotacerdas.regions.models import IndexRun
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.views.selection import parse_yaml_mapping

DEFAULT_FACTORS = """\
# docs/uncertainty.md
weights: {noise: 0.25}
normalise:
  - {method: minmax, range: [1, 100]}
  - {method: zscore, mean: 10, sd: 2}
aggregate: [{method: arithmetic}, {method: geometric}]
"""


def _integer(request: HttpRequest, name: str, default: int) -> int:
    raw = request.POST.get(name, "").strip()
    if not raw:
        return default
    if not raw.lstrip("-").isdigit():
        raise InputError(f"{name} must be a whole number, got {raw!r}")
    return int(raw)


@guarded(rules.can_manage_index_runs)
def run_uncertainty(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the uncertainty job of a run (factors YAML, samples, seed, top N); show its progress."""
    run = get_object_or_404(IndexRun, pk=pk)
    if request.method != "POST":
        deny(request)
    try:
        job = queue_uncertainty(
            actor=request.user,
            run=run,
            factors=parse_yaml_mapping(request.POST.get("factors", "") or DEFAULT_FACTORS, "factors"),
            samples=_integer(request, "samples", 1024),
            seed=_integer(request, "seed", 0),
            top=_integer(request, "top", 25),
        )
    except KotaCerdasError as exc:
        messages.error(request, localise(exc))
        return redirect(f"{reverse('web:ranking')}?run={run.pk}")
    return redirect("web:job", pk=job.pk)
