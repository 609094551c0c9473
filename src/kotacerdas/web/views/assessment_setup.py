"""The secretariat's round set-up form: a new round from a shipped rubric over a cohort's regions.

The view reads the form and calls :func:`~kotacerdas.assessment.domain.rounds.set_up_round`, the
service the API calls too; its refusals are shown on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.rounds import cohort_participations, set_up_round
from kotacerdas.assessment.domain.rubrics import for_reader
from kotacerdas.assessment.enums import RoundKind
from kotacerdas.assessment.models import Round
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.io.rubric_files import list_rubrics
from kotacerdas.programme.models import Cohort
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal
from kotacerdas.web.views.inputs import date_field, float_field, int_field


def _create(request: HttpRequest) -> Round:
    """Read the form and call :func:`~kotacerdas.assessment.domain.rounds.set_up_round`."""
    raw = request.POST.get("cohort", "")
    cohort = Cohort.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if cohort is None:
        raise InputError(f"cohort: {raw!r} is not a cohort", hint="choose one from the list")
    codes = [c.strip() for c in request.POST.get("regions", "").replace(",", " ").split() if c.strip()]
    deadline = date_field(request, "deadline")
    assert deadline is not None
    return set_up_round(
        actor=request.user,
        name=request.POST.get("name", ""),
        kind=request.POST.get("kind", ""),
        rubric_key=request.POST.get("rubric", ""),
        participations=cohort_participations(cohort=cohort, codes=codes),
        deadline=deadline,
        assessors_per_submission=int_field(request, "assessors_per_submission", minimum=1),
        min_load=int_field(request, "min_load"),
        max_load=int_field(request, "max_load", minimum=1),
        objective=request.POST.get("objective", ""),
        disagreement_threshold=float_field(request, "disagreement_threshold"),
        seed=int_field(request, "seed"),
    )


@guarded(rules.can_manage_rounds)
def round_new(request: HttpRequest) -> HttpResponse:
    """GET the form; POST creates the round in draft and opens its dashboard."""
    status = 200
    if request.method == "POST":
        try:
            round_ = _create(request)
            messages.success(
                request,
                _("Putaran %(name)s dibuat dengan %(n)d daerah.")
                % {"name": round_.name, "n": round_.submissions.count()},
            )
            return redirect("web:assessment-round", pk=round_.pk)
        except KotaCerdasError as exc:
            show_refusal(request, exc)
            status = 400
    context: dict[str, Any] = {
        "kinds": RoundKind.choices,
        "rubrics": [for_reader(r) for r in list_rubrics()],
        "cohorts": Cohort.objects.order_by("-year", "-id"),
        "values": request.POST,
    }
    return render(request, "assessment/round_new.html", context, status=status)
