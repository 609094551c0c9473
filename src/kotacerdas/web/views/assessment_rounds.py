"""The secretariat's round pages: list, dashboard (progress, overdue, disagreements) and its actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.assignment import override_assignment, run_assignment
from kotacerdas.assessment.domain.conflicts import assigned_despite_conflict, detect_conflicts
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.domain.panels import form_presentation_panels
from kotacerdas.assessment.domain.progress import disagreements, round_progress
from kotacerdas.assessment.domain.results import compute_results
from kotacerdas.assessment.enums import IMPACT_DIMENSIONS, RoundState
from kotacerdas.assessment.forms import OverrideForm
from kotacerdas.assessment.models import (
    AssessorProfile,
    Assignment,
    Conflict,
    ImpactSurvey,
    Moderation,
    Round,
)
from kotacerdas.errors import KotaCerdasError
from kotacerdas.monitoring.framework import SUB_DIMENSION_CHOICES
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_refusal

#: large JSON of a row's submission and region that lists naming the region never read
LARGE_SUBMISSION_FIELDS = ("submission__questionnaire", "submission__participation__region__geometry")
ACTIONS: dict[str, Callable[..., Any]] = {
    "conflicts": detect_conflicts,
    "assign": run_assignment,
    "compute": compute_results,
}


@guarded(rules.can_view_results_index)
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = rules.visible_rounds(request.user)
    return render(
        request, "assessment/rounds.html", {"rounds": rounds, "manage": rules.can_manage_rounds(request.user)}
    )


#: what the dashboard's lists show (only these columns are read: no large JSON, no password hashes)
ROW_REGION = "submission__participation__region__name"
ASSIGNMENT_COLUMNS = ("submission_id", ROW_REGION, "assessor__user__username", "affinity", "source", "state")
CONFLICT_COLUMNS = (
    ROW_REGION,
    "assessor__user__username",
    "rule",
    "reason",
    "declared_by__username",
    "declared_at",
)


@guarded(rules.can_manage_rounds)
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("rubric"), pk=pk)
    assessors = (
        AssessorProfile.objects.select_related("user").only("user__username").order_by("user__username")
    )
    # the rows name regions and assessors: each list reads only the columns it shows
    assignments = (
        Assignment.objects.filter(submission__round=round_, active=True)
        .select_related("submission__participation__region", "assessor__user")
        .only(*ASSIGNMENT_COLUMNS)
        .order_by("submission__participation__region__name", "assessor__user__username")
    )
    context = {
        "round": round_,
        "progress": round_progress(round_),
        "flags": disagreements(round_),
        "assignments": assignments,
        # each unsubmitted row links to its override page (the form with the legal replacements)
        "overridable": round_.state in (RoundState.DRAFT, RoundState.SCORING),
        "conflicts": Conflict.objects.filter(submission__round=round_)
        .select_related("assessor__user", "submission__participation__region", "declared_by")
        .only(*CONFLICT_COLUMNS),
        "to_replace": assigned_despite_conflict(round_),
        "assessors": assessors,
        "submissions": round_.submissions.select_related("participation__region")
        .only("round_id", "participation__region__name")  # round_id: the related manager sets it
        .order_by("participation__region__name"),
        "surveys": ImpactSurvey.objects.filter(submission__round=round_)
        .select_related("submission__participation__region")
        .only(ROW_REGION, "dimension", "sub_dimension", "programme", "respondents", "mean_score"),
        "impact_dimensions": IMPACT_DIMENSIONS,
        "sub_dimensions": SUB_DIMENSION_CHOICES,
    }
    return render(request, "assessment/round.html", context)


def _run(request: HttpRequest, done: str, call: Callable[[], Any]) -> None:
    try:
        call()
        messages.success(request, done)
    except KotaCerdasError as exc:
        show_refusal(request, exc)


@guarded(rules.can_manage_rounds)
def round_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One of: conflicts, assign, panels, compute (POST ``action``).

    Closing and publishing go through the confirmation page (``assessment-round-confirm``).
    """
    round_ = get_object_or_404(Round, pk=pk)
    name = request.POST.get("action", "") if request.method == "POST" else ""
    if name == "panels":
        size = request.POST.get("size", "")
        _run(
            request,
            _("Panel presentasi dibentuk."),
            lambda: form_presentation_panels(
                actor=request.user,
                round_=round_,
                size=int(size) if size.isdigit() else round_.assessors_per_submission,
            ),
        )
        return redirect("web:assessment-round", pk=round_.pk)
    action = ACTIONS.get(name)
    if action is None:
        deny(request)
    _run(request, _("Selesai."), lambda: action(actor=request.user, round_=round_))
    return redirect("web:assessment-round", pk=round_.pk)


@guarded(rules.can_manage_rounds)
def override(request: HttpRequest, pk: int) -> HttpResponse:
    """Give one assignment to another assessor (GET: the form with the legal replacements and what will
    happen; POST: :func:`override_assignment`, which checks every rule again)."""
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "submission__round", "submission__participation__region", "assessor__user"
        ).defer(*LARGE_SUBMISSION_FIELDS),
        pk=pk,
    )
    data = request.POST if request.method == "POST" else None
    form = OverrideForm(data, assignment=assignment)
    status = 200 if data is None else 400
    if form.is_valid():
        try:
            override_assignment(
                actor=request.user,
                assignment=assignment,
                assessor=form.cleaned_data["assessor"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Penugasan diganti."))
            return redirect("web:assessment-round", pk=assignment.submission.round_id)
        except KotaCerdasError as exc:
            status = show_refusal(request, exc, form)
    context = {"assignment": assignment, "round": assignment.submission.round, "form": form}
    return render(request, "assessment/override.html", context, status=status)


@guarded(rules.can_manage_rounds)
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(Moderation.objects.select_related("submission"), pk=pk)
    if request.method != "POST":
        deny(request)
    _run(
        request,
        _("Hasil moderasi dicatat."),
        lambda: moderate(actor=request.user, moderation=flag, outcome=request.POST.get("outcome", "")),
    )
    return redirect("web:assessment-round", pk=flag.submission.round_id)
