"""The secretariat's round set-up form: a new round from a shipped rubric over a cohort's regions.

The view reads the form and calls :func:`~kotacerdas.assessment.domain.rubrics.store_rubric` and
:func:`~kotacerdas.assessment.domain.rounds.create_round`; their refusals are shown on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.rounds import create_round
from kotacerdas.assessment.domain.rubrics import store_rubric
from kotacerdas.assessment.enums import RoundKind
from kotacerdas.assessment.models import Round
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.io.rubric_files import list_rubrics, load_rubric
from kotacerdas.programme.lifecycle import EXITS, State
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.web.permissions import guarded
from kotacerdas.web.views.inputs import date_field, float_field, int_field

#: participations that left the programme are not assessed
LEFT = frozenset(EXITS | {State.SUBSTITUTED, State.NOT_SELECTED})


def _participations(request: HttpRequest) -> list[Participation]:
    """The cohort's participations still in the programme, narrowed to the listed codes if any."""
    raw = request.POST.get("cohort", "")
    cohort = Cohort.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if cohort is None:
        raise InputError(f"cohort: {raw!r} is not a cohort", hint="choose one from the list")
    people = cohort.participations.exclude(state__in=LEFT).select_related("region").order_by("region__code")
    codes = [c.strip() for c in request.POST.get("regions", "").replace(",", " ").split() if c.strip()]
    if not codes:
        return list(people)
    chosen = [p for p in people if p.region.code in codes]
    unknown = sorted(set(codes) - {p.region.code for p in chosen})
    if unknown:
        raise InputError(
            f"regions: {', '.join(unknown)} not in {cohort.name} (or no longer in the programme)",
            hint="leave the field empty for the whole cohort",
        )
    return chosen


def _create(request: HttpRequest) -> Round:
    with transaction.atomic():
        rubric = store_rubric(actor=request.user, rubric=load_rubric(request.POST.get("rubric", "")))
        name = request.POST.get("name", "").strip()
        if not name:
            raise InputError("name: the round needs a name", hint="e.g. Evaluasi tahunan 2025")
        deadline = date_field(request, "deadline")
        assert deadline is not None
        return create_round(
            actor=request.user,
            name=name,
            kind=request.POST.get("kind", ""),
            rubric=rubric,
            participations=_participations(request),
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
            messages.error(request, str(exc))
            status = 400
    context: dict[str, Any] = {
        "kinds": RoundKind.choices,
        "rubrics": list_rubrics(),
        "cohorts": Cohort.objects.order_by("-year", "-id"),
        "values": request.POST,
    }
    return render(request, "assessment/round_new.html", context, status=status)
