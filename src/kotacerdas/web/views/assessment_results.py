"""Results of a round (public once published), per-region feedback PDF and the summary workbook."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.feedback import build_feedback
from kotacerdas.assessment.domain.rubrics import for_reader, predicate_names
from kotacerdas.assessment.models import Round, Submission
from kotacerdas.assessment.reports.feedback_pdf import feedback_pdf
from kotacerdas.assessment.reports.summary_xlsx import summary_xlsx
from kotacerdas.web.completeness_text import override_notes
from kotacerdas.web.permissions import guarded

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@guarded(rules.can_view_results_index)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("rubric"), pk=pk)
    if not rules.can_view_results(request.user, round_):
        raise Http404
    rows = round_.submissions.filter(result__isnull=False).select_related("result", "participation__region")
    stored = round_.rubric.rubric()
    rubric = for_reader(stored)
    names = {g.id: g.name for g in rubric.groups}
    predicates = predicate_names(stored)  # a result stores the Indonesian label
    ranked = sorted(rows, key=lambda s: (s.result.rank, s.participation.region.name))
    context = {
        "round": round_,
        "rubric": rubric,
        "rows": [(s, predicates.get(s.result.predicate, s.result.predicate)) for s in ranked],
        "awards": [
            (names.get(a.category, _("Keseluruhan")), a)
            for a in round_.awards.select_related("submission__participation__region").order_by("pk")
        ],
        "figures": round_.figures,
        "overrides": override_notes(round_.overrides),
        "own_region": getattr(request.user, "region_id", None),
    }
    return render(request, "assessment/results.html", context)


@guarded(rules.can_view_feedback_route)
def feedback(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("round__rubric", "participation__region"),
        round_id=pk,
        participation__region__code=code,
    )
    if not rules.can_view_feedback(request.user, submission):
        raise Http404
    response = HttpResponse(feedback_pdf(build_feedback(submission)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="umpan-balik-{code}.pdf"'
    return response


@guarded(rules.can_manage_rounds)
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    response = HttpResponse(summary_xlsx(round_), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="ringkasan-putaran-{round_.pk}.xlsx"'
    return response
