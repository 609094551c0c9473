"""The pipeline board of a cohort: regions by stage; the secretariat moves several at once."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.errors import KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain.participation import bulk_transition
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort
from kotacerdas.web.permissions import deny, guarded


@guarded(rules.can_view_pipeline)
def cohorts(request: HttpRequest) -> HttpResponse:
    first = Cohort.objects.order_by("-year", "-id").first()
    return (
        redirect("web:pipeline", pk=first.pk)
        if first
        else render(request, "web/pipeline.html", {"cohort": None})
    )


@guarded(rules.can_view_pipeline)
def pipeline(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    participations = list(cohort.participations.select_related("region").order_by("region__name"))
    columns = [(state, [p for p in participations if p.state == state]) for state in State]
    context = {
        "cohort": cohort,
        "columns": [c for c in columns if c[1]],
        "states": State,
        "all_cohorts": Cohort.objects.order_by("year", "id"),
        "can_act": rules.can_transition(request.user),
        "filled": len(participations),
    }
    return render(request, "web/pipeline.html", context)


@guarded(rules.can_transition)
def pipeline_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply one transition to the ticked regions: all of them move, or none (with the reason)."""
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method != "POST":
        deny(request)
    ids = [int(i) for i in request.POST.getlist("participation") if i.isdigit()]
    chosen = list(cohort.participations.filter(pk__in=ids).select_related("region", "cohort"))
    try:
        if not chosen:
            raise KotaCerdasError("tick at least one region", code="input")
        bulk_transition(
            actor=request.user,
            participations=chosen,
            to=request.POST.get("to", ""),
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("%(n)d daerah dipindahkan.") % {"n": len(chosen)})
    except ValueError:
        messages.error(request, _("Tahap tujuan tidak dikenal."))
    except KotaCerdasError as exc:
        messages.error(request, str(exc))
    return redirect("web:pipeline", pk=cohort.pk)
