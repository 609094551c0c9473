"""The secretariat's assessment set-up forms besides the round itself.

Assessor profiles, declared conflicts, score amendments after close and the citizen impact survey;
each POST calls one assessment service and shows its refusal as a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.conflicts import declare_conflict
from kotacerdas.assessment.domain.people import save_assessor_profile
from kotacerdas.assessment.domain.scoring import amend_score
from kotacerdas.assessment.domain.survey import record_impact_survey
from kotacerdas.assessment.models import AssessorProfile, Round, Score, Submission
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.io.registry import load_registry
from kotacerdas.io.rubric_files import list_rubrics
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_refusal
from kotacerdas.web.views.inputs import float_field, int_field


def _run(request: HttpRequest, done: str, call: Callable[[], Any]) -> bool:
    try:
        call()
        messages.success(request, done)
        return True
    except KotaCerdasError as exc:
        show_refusal(request, exc)
        return False


def expertise_groups() -> list[str]:
    """The rubric group ids of all shipped rubrics, in first-seen order (the expertise dimensions)."""
    seen: dict[str, None] = {}
    for rubric in list_rubrics():
        for group in rubric.groups:
            seen.setdefault(group.id, None)
    return list(seen)


def _expertise(request: HttpRequest, groups: list[str]) -> dict[str, float]:
    levels = {}
    for group in groups:
        if request.POST.get(f"expertise-{group}", "").strip():
            levels[group] = float_field(request, f"expertise-{group}")
    return levels


@guarded(rules.can_manage_rounds)
def assessors(request: HttpRequest) -> HttpResponse:
    """GET lists the profiles; POST creates or updates the profile of one assessor user."""
    groups = expertise_groups()
    status = 200
    if request.method == "POST":

        def save() -> None:
            raw = request.POST.get("user", "")
            user = User.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
            if user is None:
                raise InputError(f"user: {raw!r} is not a user")
            save_assessor_profile(
                actor=request.user,
                user=user,
                affiliation=request.POST.get("affiliation", ""),
                home_province_code=request.POST.get("home_province_code", ""),
                expertise=_expertise(request, groups),
                available=request.POST.get("available") == "on",
            )

        if _run(request, _("Profil asesor tersimpan."), save):
            return redirect("web:assessment-assessors")
        status = 400
    provinces = [(p.code, p.name) for p in load_registry().provinces.values()]
    context = {
        "profiles": AssessorProfile.objects.select_related("user"),
        "users": User.objects.filter(role=Role.ASSESSOR).order_by("username"),
        "provinces": provinces,
        "groups": groups,
    }
    return render(request, "assessment/assessors.html", context, status=status)


@guarded(rules.can_manage_rounds)
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare a conflict of an assessor with one region of the round."""
    round_ = get_object_or_404(Round, pk=pk)
    if request.method != "POST":
        deny(request)

    def call() -> None:
        assessor = AssessorProfile.objects.filter(pk=_pk(request, "assessor")).first()
        submission = round_.submissions.filter(pk=_pk(request, "submission")).first()
        if assessor is None or submission is None:
            raise InputError("choose an assessor and a region of this round")
        declare_conflict(
            actor=request.user,
            assessor=assessor,
            submission=submission,
            reason=request.POST.get("reason", ""),
        )

    _run(request, _("Konflik kepentingan tercatat."), call)
    return redirect("web:assessment-round", pk=round_.pk)


def _pk(request: HttpRequest, field: str) -> int:
    raw = request.POST.get(field, "")
    return int(raw) if raw.isdigit() else 0


@guarded(rules.can_manage_rounds)
def amend(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an amendment (new value with a reason) of a submitted score after the round closed."""
    score = get_object_or_404(Score.objects.select_related("assignment"), pk=pk)
    if request.method != "POST":
        deny(request)
    _run(
        request,
        _("Amandemen nilai tercatat."),
        lambda: amend_score(
            actor=request.user,
            score=score,
            value=float_field(request, "value"),
            reason=request.POST.get("reason", ""),
        ),
    )
    return redirect("web:assessment-score", pk=score.assignment_id)


@guarded(rules.can_manage_rounds)
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one surveyed programme of a region's citizen impact survey (yearly rounds)."""
    round_ = get_object_or_404(Round, pk=pk)
    if request.method != "POST":
        deny(request)

    def call() -> None:
        submission: Submission | None = round_.submissions.filter(pk=_pk(request, "submission")).first()
        if submission is None:
            raise InputError("choose a region of this round")
        record_impact_survey(
            actor=request.user,
            submission=submission,
            dimension=request.POST.get("dimension", ""),
            sub_dimension=request.POST.get("sub_dimension", "").strip(),
            programme=request.POST.get("programme", "").strip(),
            respondents=int_field(request, "respondents"),
            mean_score=float_field(request, "mean_score"),
        )

    _run(request, _("Hasil survei dampak tercatat."), call)
    return redirect("web:assessment-round", pk=round_.pk)
