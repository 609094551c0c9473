"""Assessors' pages: the inbox of their assignments and the scoring form (draft, submit)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.rubrics import for_reader
from kotacerdas.assessment.domain.scoring import effective_value, save_draft, submit_scores
from kotacerdas.assessment.domain.tasks import task_counts, task_list
from kotacerdas.assessment.enums import ReviewState, RoundKind
from kotacerdas.assessment.forms import ScoreForm, TaskFilterForm
from kotacerdas.assessment.models import Assignment
from kotacerdas.errors import KotaCerdasError
from kotacerdas.monitoring.domain.region_progress import region_progress
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_form_errors, show_refusal

TASKS_PER_PAGE = 50


@guarded(rules.can_score_some)
def inbox(request: HttpRequest) -> HttpResponse:
    """The task list: open tasks first, 50 a page, filtered by state, with the count of each state."""
    form = TaskFilterForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    tasks = task_list(request.user, state=form.cleaned_data["state"] if form.is_bound and valid else "")
    page = Paginator(tasks if valid else tasks.none(), TASKS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    counts = task_counts(request.user)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "counts": [(ReviewState(state), n) for state, n in counts.items()],
        "total": sum(counts.values()),
    }
    return render(request, "assessment/inbox.html", context, status=200 if valid else 400)


@guarded(rules.can_open_assignment)
def score(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows the form with the rubric anchors; POST saves a draft or submits (``action``)."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("submission__round__rubric", "submission__participation__region"),
        pk=pk,
    )
    if not rules.can_view_assignment(request.user, assignment):
        raise Http404
    rubric = for_reader(assignment.submission.round.rubric.rubric())
    if request.method == "POST":
        form = ScoreForm(request.POST, criteria=[(c.id, c.name) for c in rubric.criteria])
        if not form.is_valid():
            show_form_errors(request, form)
            return redirect("web:assessment-score", pk=assignment.pk)
        try:
            save_draft(
                actor=request.user, assignment=assignment, values=form.values(), comments=form.comments()
            )
            if request.POST.get("action") == "submit":
                submit_scores(actor=request.user, assignment=assignment)
                messages.success(request, _("Nilai dikirim."))
            else:
                messages.success(request, _("Draf disimpan."))
        except KotaCerdasError as exc:
            show_refusal(request, exc)
        return redirect("web:assessment-score", pk=assignment.pk)
    mine = {s.criterion: s for s in assignment.scores.all()}
    rows = [{"criterion": c, "score": mine.get(c.id)} for c in rubric.criteria]
    others = []
    if rules.can_see_other_scores(request.user, assignment.submission):
        for other in assignment.submission.assignments.filter(
            active=True, state=ReviewState.SUBMITTED
        ).exclude(pk=assignment.pk):
            values = {s.criterion: effective_value(s) for s in other.scores.all()}
            others.append(
                {
                    "assessor": other.assessor.user.username,
                    "values": [values.get(c.id) for c in rubric.criteria],
                }
            )
    yearly = assignment.submission.round.kind == RoundKind.YEARLY
    region = assignment.submission.participation.region
    context = {
        # the yearly evaluation's Output and Outcome take the region's reported actuals as evidence
        "progress": region_progress(region, today=timezone.localdate()) if yearly else None,
        "show_evidence": yearly,
        "assignment": assignment,
        "rubric": rubric,
        "rows": rows,
        "others": others,
        "amendable": assignment.state == ReviewState.SUBMITTED
        and assignment.submission.round.state == "closed"
        and rules.can_manage_rounds(request.user),
        "editable": assignment.state != ReviewState.SUBMITTED
        and assignment.submission.round.state == "scoring"
        and rules.can_score(request.user, assignment),
    }
    return render(request, "assessment/score.html", context)
