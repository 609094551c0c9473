"""The secretariat's assessment set-up forms besides the round itself.

Assessor profiles, declared conflicts, score amendments after close and the citizen impact survey; each
POST reads a form of :mod:`kotacerdas.assessment.forms` and calls one assessment service. The profile,
conflict and survey forms are shown again with their field errors or the service's refusal
(:func:`~kotacerdas.web.service_errors.show_refusal`); the amendment form of the score page answers with a
message and a redirect, like the scoring form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.conflicts import declare_conflict
from kotacerdas.assessment.domain.people import save_assessor_profile
from kotacerdas.assessment.domain.scoring import amend_score
from kotacerdas.assessment.domain.survey import record_impact_survey
from kotacerdas.assessment.forms import AmendForm, AssessorProfileForm, DeclareConflictForm, SurveyForm
from kotacerdas.assessment.models import AssessorProfile, Round, Score
from kotacerdas.errors import KotaCerdasError
from kotacerdas.io.rubric_files import list_rubrics
from kotacerdas.monitoring.framework import SUB_DIMENSION_CHOICES, Dimension, framework_name
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import post_form, show_refusal
from kotacerdas.web.views.assessment_rounds import render_dashboard


def expertise_groups() -> list[str]:
    """The rubric group ids of all shipped rubrics, in first-seen order (the expertise dimensions)."""
    seen: dict[str, None] = {}
    for rubric in list_rubrics():
        for group in rubric.groups:
            seen.setdefault(group.id, None)
    return list(seen)


@guarded(rules.can_manage_rounds)
def assessors(request: HttpRequest) -> HttpResponse:
    """GET lists the profiles; POST creates or updates the profile of one assessor user."""
    form = AssessorProfileForm(request.POST or None, groups=expertise_groups())
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                save_assessor_profile(
                    actor=request.user,
                    user=form.cleaned_data["user"],
                    affiliation=form.cleaned_data["affiliation"],
                    home_province_code=form.cleaned_data["home_province_code"],
                    expertise=form.expertise(),
                    available=form.cleaned_data["available"],
                )
            except KotaCerdasError as exc:
                status = show_refusal(request, exc, form)
            else:
                messages.success(request, _("Profil asesor tersimpan."))
                return redirect("web:assessment-assessors")
    context = {"profiles": AssessorProfile.objects.select_related("user"), "form": form}
    return render(request, "assessment/assessors.html", context, status=status)


def _posted_round(request: HttpRequest, pk: int) -> Round:
    round_ = get_object_or_404(Round.objects.select_related("rubric"), pk=pk)
    if request.method != "POST":
        deny(request)
    return round_


def _dashboard_post(
    request: HttpRequest,
    round_: Round,
    form: DeclareConflictForm | SurveyForm,
    service: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """Call ``service`` with the valid ``form``; else show the round's dashboard again with the form's
    field errors (400) or the service's refusal (its status)."""
    status = 400
    if form.is_valid():
        try:
            service(actor=request.user, **form.cleaned_data)
        except KotaCerdasError as exc:
            status = show_refusal(request, exc, form)
        else:
            messages.success(request, done)
            return redirect("web:assessment-round", pk=round_.pk)
    if isinstance(form, DeclareConflictForm):
        return render_dashboard(request, round_, declare_form=form, status=status)
    return render_dashboard(request, round_, survey_form=form, status=status)


@guarded(rules.can_manage_rounds)
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare a conflict of an assessor with one region of the round."""
    round_ = _posted_round(request, pk)
    form = DeclareConflictForm(request.POST, round_=round_)
    return _dashboard_post(request, round_, form, declare_conflict, _("Konflik kepentingan tercatat."))


@guarded(rules.can_manage_rounds)
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an amendment (new value with a reason) of a submitted score after the round closed."""
    score = get_object_or_404(Score.objects.select_related("assignment"), pk=pk)
    if request.method != "POST":
        deny(request)
    post_form(
        request,
        AmendForm(request.POST),
        lambda data: amend_score(actor=request.user, score=score, **data),
        _("Amandemen nilai tercatat."),
    )
    return redirect("web:assessment-score", pk=score.assignment_id)


@guarded(rules.can_manage_rounds)
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one surveyed programme of a region's citizen impact survey (yearly rounds)."""
    round_ = _posted_round(request, pk)
    form = SurveyForm(
        request.POST, round_=round_, sub_dimensions=SUB_DIMENSION_CHOICES, dimensions=Dimension.choices
    )
    return _dashboard_post(request, round_, form, _record_survey, _("Hasil survei dampak tercatat."))


def _record_survey(**data: Any) -> Any:
    """:func:`record_impact_survey` with the dimension named by the monitoring framework."""
    return record_impact_survey(**data, name=framework_name(data["dimension"], data["sub_dimension"]))
