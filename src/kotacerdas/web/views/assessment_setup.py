"""The secretariat's round set-up form: a new round from a shipped rubric over a cohort's regions.

The view reads :class:`~kotacerdas.assessment.forms.RoundForm` and calls
:func:`~kotacerdas.assessment.domain.rounds.set_up_round`, the service the API calls too; its refusals
are shown on the form (:func:`~kotacerdas.web.service_errors.show_refusal`).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.rounds import cohort_participations, set_up_round
from kotacerdas.assessment.forms import RoundForm
from kotacerdas.errors import KotaCerdasError
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal


@guarded(rules.can_manage_rounds)
def round_new(request: HttpRequest) -> HttpResponse:
    """GET the form; POST creates the round in draft and opens its dashboard."""
    form = RoundForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                round_ = set_up_round(
                    actor=request.user,
                    name=data["name"],
                    kind=data["kind"],
                    rubric_key=data["rubric"],
                    participations=cohort_participations(cohort=data["cohort"], codes=data["regions"]),
                    deadline=data["deadline"],
                    assessors_per_submission=data["assessors_per_submission"],
                    min_load=data["min_load"],
                    max_load=data["max_load"],
                    objective=data["objective"],
                    disagreement_threshold=data["disagreement_threshold"],
                    seed=data["seed"],
                )
            except KotaCerdasError as exc:
                status = show_refusal(request, exc, form)
            else:
                messages.success(
                    request,
                    _("Putaran %(name)s dibuat dengan %(n)d daerah.")
                    % {"name": round_.name, "n": round_.submissions.count()},
                )
                return redirect("web:assessment-round", pk=round_.pk)
    return render(request, "assessment/round_new.html", {"form": form}, status=status)
