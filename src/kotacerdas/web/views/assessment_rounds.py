"""The secretariat's round pages: list, dashboard (progress, overdue, disagreements) and its actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.assignment import override_assignment, replacements, run_assignment
from kotacerdas.assessment.domain.conflicts import assigned_despite_conflict, detect_conflicts
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.domain.panels import form_presentation_panels
from kotacerdas.assessment.domain.progress import disagreements, round_progress
from kotacerdas.assessment.domain.results import compute_results
from kotacerdas.assessment.enums import RoundState
from kotacerdas.assessment.forms import (
    DeclareConflictForm,
    ModerationForm,
    OverrideForm,
    RoundActionForm,
    SurveyForm,
    region_choices,
)
from kotacerdas.assessment.models import Assignment, Conflict, ImpactSurvey, Moderation, Round
from kotacerdas.errors import KotaCerdasError
from kotacerdas.monitoring.framework import SUB_DIMENSION_CHOICES, Dimension, framework_label
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import post_form, show_form_errors, show_refusal

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
    "submission__participation__region__province",  # a rule conflict's reason is worded from these
    "submission__consultant_institution",
    "assessor__user__username",
    "rule",
    "reason",
    "declared_by__username",
    "declared_at",
)


@guarded(rules.can_manage_rounds)
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    return render_dashboard(request, get_object_or_404(Round.objects.select_related("rubric"), pk=pk))


def render_dashboard(
    request: HttpRequest,
    round_: Round,
    *,
    declare_form: DeclareConflictForm | None = None,
    survey_form: SurveyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The round's dashboard; a posted conflict or survey form is shown again with its errors."""
    # the rows name regions and assessors: each list reads only the columns it shows; a row links to its
    # own reassignment page (assessment-override) rather than carrying a form with a list of assessors
    assignments = (
        Assignment.objects.filter(submission__round=round_, active=True)
        .select_related("submission__participation__region", "assessor__user")
        .only(*ASSIGNMENT_COLUMNS)
        .order_by("submission__participation__region__name", "assessor__user__username")
    )
    flags = disagreements(round_)
    regions = region_choices(round_)  # read once for both forms naming the round's regions
    for m in flags:
        m.form = ModerationForm(auto_id=f"moderasi-{m.pk}-%s")  # type: ignore[attr-defined]
    context = {
        "round": round_,
        "progress": round_progress(round_),
        "flags": flags,
        "assignments": _labelled(assignments, "state"),
        "overridable": round_.state in (RoundState.DRAFT, RoundState.SCORING),
        "conflicts": _labelled(
            Conflict.objects.filter(submission__round=round_)
            .select_related("assessor__user", "submission__participation__region", "declared_by")
            .only(*CONFLICT_COLUMNS),
            "rule",
        ),
        "to_replace": assigned_despite_conflict(round_),
        "action_form": RoundActionForm(round_=round_),
        "declare_form": declare_form or DeclareConflictForm(round_=round_, regions=regions),
        "survey_form": survey_form
        or SurveyForm(
            round_=round_, sub_dimensions=SUB_DIMENSION_CHOICES, dimensions=Dimension.choices, regions=regions
        ),
        "surveys": _named_surveys(
            ImpactSurvey.objects.filter(submission__round=round_)
            .select_related("submission__participation__region")
            .only(ROW_REGION, "dimension", "sub_dimension", "programme", "respondents", "mean_score")
        ),
    }
    return render(request, "assessment/round.html", context, status=status)


def _named_surveys(surveys: Any) -> list[ImpactSurvey]:
    """The surveys, each with ``framework_name``: its dimension and sub-dimension by name, not code."""
    listed: list[ImpactSurvey] = list(surveys)
    for survey in listed:
        survey.framework_name = framework_label(survey.dimension, survey.sub_dimension)  # type: ignore[attr-defined]
    return listed


def _labelled(rows: Any, name: str) -> list[Any]:
    """The rows, each with ``<name>_label``: its choice's label, looked up once per choice rather than per
    row (Django's ``get_<name>_display`` hashes every lazy label of the field's choices on each call)."""
    labels = {value: str(label) for value, label in rows.model._meta.get_field(name).flatchoices}
    listed: list[Any] = list(rows)
    for row in listed:
        value = getattr(row, name)
        setattr(row, f"{name}_label", labels.get(value, value))
    return listed


def _done(request: HttpRequest, done: str, call: Callable[[], Any]) -> None:
    try:
        call()
        messages.success(request, done)
    except KotaCerdasError as exc:
        show_refusal(request, exc)


@guarded(rules.can_manage_rounds)
def round_action(request: HttpRequest, pk: int) -> HttpResponse:
    """One of: conflicts, assign, panels, compute (POST ``action``), as far as the round's state allows.

    Closing and publishing go through the confirmation page (``assessment-round-confirm``).
    """
    round_ = get_object_or_404(Round, pk=pk)
    if request.method != "POST":
        deny(request)
    form = RoundActionForm(request.POST, round_=round_)
    if not form.is_valid():
        show_form_errors(request, form)
    elif form.cleaned_data["action"] == "panels":
        size = form.cleaned_data["size"] or round_.assessors_per_submission
        _done(
            request,
            _("Panel presentasi dibentuk."),
            lambda: form_presentation_panels(actor=request.user, round_=round_, size=size),
        )
    else:
        action = ACTIONS[form.cleaned_data["action"]]
        _done(request, _("Selesai."), lambda: action(actor=request.user, round_=round_))
    return redirect("web:assessment-round", pk=round_.pk)


@guarded(rules.can_manage_rounds)
def override(request: HttpRequest, pk: int) -> HttpResponse:
    """Give one assignment to another assessor (GET: the form offering the assessors free of its region,
    none preselected, and what will happen; POST: :func:`override_assignment`, which checks every rule
    again and whose refusal is shown on the form)."""
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "submission__round", "submission__participation__region", "assessor__user"
        ).defer(*LARGE_SUBMISSION_FIELDS),
        pk=pk,
    )
    panel = list(Assignment.objects.filter(submission_id=assignment.submission_id, active=True))
    candidates = replacements([*panel, assignment]).get(assignment.pk, [])
    data = request.POST if request.method == "POST" else None
    form = OverrideForm(data, assignment=assignment, candidates=candidates)
    status = 200 if data is None else 400
    if form.is_valid():
        try:
            override_assignment(actor=request.user, assignment=assignment, **form.cleaned_data)
            messages.success(request, _("Penugasan diganti."))
            return redirect("web:assessment-round", pk=assignment.submission.round_id)
        except KotaCerdasError as exc:
            status = show_refusal(request, exc, form)
    context = {"assignment": assignment, "round": assignment.submission.round, "form": form}
    return render(request, "assessment/override.html", context, status=status)


@guarded(rules.can_manage_rounds)
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the outcome of the moderation of one flagged disagreement."""
    flag = get_object_or_404(Moderation.objects.select_related("submission"), pk=pk)
    if request.method != "POST":
        deny(request)
    post_form(
        request,
        ModerationForm(request.POST),
        lambda data: moderate(actor=request.user, moderation=flag, **data),
        _("Hasil moderasi dicatat."),
    )
    return redirect("web:assessment-round", pk=flag.submission.round_id)
