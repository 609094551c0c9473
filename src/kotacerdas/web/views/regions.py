"""The region page: profile, indicators, lifecycle timeline, documents, masterplan and quick wins."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.rules import is_logged_in, is_staff_role
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.io.registry import normalise_code
from kotacerdas.monitoring import rules as monitoring_rules
from kotacerdas.monitoring.domain.region_progress import region_progress
from kotacerdas.monitoring.domain.roadmap import roadmap
from kotacerdas.monitoring.framework import Dimension
from kotacerdas.programme import rules as programme_rules
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.forms import BookUploadForm
from kotacerdas.programme.lifecycle import TERMINAL, State, next_states
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.regions import rules
from kotacerdas.regions.domain.profile import indicator_profile
from kotacerdas.regions.domain.screening import TrendPoint, region_trend
from kotacerdas.regions.forms import RunFilterForm
from kotacerdas.regions.models import IndexScore, Region
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_form_errors, show_refusal
from kotacerdas.web.views.book_reviews import book_panels


def _lifecycle_context(
    request: HttpRequest, region: Region, participations: list[Participation]
) -> dict[str, Any]:
    """What the secretariat's lifecycle forms need: the cohorts and the legal instruments of the region."""
    if not programme_rules.can_transition(request.user):
        return {"manage": False}
    joined = {p.cohort_id for p in participations}
    return {
        "manage": True,
        "open_cohorts": Cohort.objects.exclude(pk__in=joined).order_by("year", "id"),
        "instruments": ["perwali", "perda"] if region.type == "kota" else ["perbup", "perda"],
        "ended": sorted(TERMINAL - {State.AWARDED}),
        "legalisable": [State.BOOKS_SUBMITTED, State.PRESENTED, State.AWARDED],
        "substitutable": [State.SELECTED, State.MOU_SIGNED],
    }


TREND_W, TREND_H, TREND_PAD = 320, 120, 16


def rank_chart(trend: list[TrendPoint]) -> dict[str, Any] | None:
    """Coordinates of a small inline SVG line of the rank per year (rank 1 at the top)."""
    if len(trend) < 2:
        return None
    worst = max(p.regions for p in trend)
    step = (TREND_W - 2 * TREND_PAD) / (len(trend) - 1)
    points = [  # coordinates as text: a template would localise a float (16,0 in Indonesian)
        {
            "x": f"{TREND_PAD + i * step:.1f}",
            "y": f"{TREND_PAD + (p.rank - 1) / max(worst - 1, 1) * (TREND_H - 2 * TREND_PAD):.1f}",
            "point": p,
        }
        for i, p in enumerate(trend)
    ]
    return {
        "width": TREND_W,
        "height": TREND_H,
        "points": points,
        "line": " ".join(f"{q['x']},{q['y']}" for q in points),
        "worst": worst,
    }


@guarded(rules.can_view_regions)
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        canonical = normalise_code(code)
    except InputError:
        raise Http404(_("Tidak ada kabupaten/kota dengan kode %(code)s.") % {"code": code}) from None
    if canonical != code:  # /wilayah/6371/ is Kota Banjarmasin too
        return redirect("web:region", canonical, permanent=True)
    region = get_object_or_404(Region, code=code)
    participations = list(
        Participation.objects.filter(region=region)
        .select_related("cohort", "substitutes__region")
        .prefetch_related(
            "changes",
            "bimteks",
            "institutions",
            "documents__comments__author",
            "documents__comments__resolved_by",
            "documents__reviews__actor",
        )
    )
    visible_runs = rules.visible_index_runs(request.user)
    scores = IndexScore.objects.filter(region=region, run__in=visible_runs).select_related(
        "run", "run__dataset"
    )
    wanted = RunFilterForm(request.GET, runs=visible_runs).chosen()
    score = (scores.filter(run=wanted) if wanted else scores.order_by("-run__created_at")).first()
    plans = (
        monitoring_rules.visible_masterplans(request.user)
        .filter(region=region)
        .prefetch_related("programmes__kpis__targets", "programmes__status_history")
    )
    trend = region_trend(region, score.run, visible_runs) if score else []
    chosen = score.run if score and wanted else None
    if (
        chosen is not None
        and chosen.dataset is not None
        and (chosen.dataset.published or is_staff_role(request.user))
    ):
        profile = indicator_profile(region, chosen)  # this run's indicators, by their iMeta names
    else:
        profile = [] if chosen is not None else indicator_profile(region)
    context = {
        "region": region,
        "participations": participations,
        "score": score,
        "chosen_run": chosen,
        "trend": trend,
        "rank_chart": rank_chart(trend),
        "plans": [(plan, roadmap(plan)) for plan in plans],
        "can_edit_plan": monitoring_rules.can_edit_masterplan(request.user, region.pk),
        "progress": region_progress(
            region, today=timezone.localdate(), masterplans=monitoring_rules.visible_masterplans(request.user)
        ),
        "show_evidence": monitoring_rules.can_see_evidence(request.user, region.pk),
        "strengths": profile[:3],
        "weaknesses": profile[-3:][::-1] if len(profile) > 3 else [],
        "dimensions": Dimension,
        **_lifecycle_context(request, region, participations),
        "permitted": [
            (
                p,
                programme_rules.can_view_documents(request.user, p),
                programme_rules.can_submit_documents(request.user, p),
                next_states(p.state),
                book_panels(request.user, p) if programme_rules.can_view_documents(request.user, p) else [],
            )
            for p in participations
        ],
    }
    return render(request, "web/region.html", context)


@guarded(is_logged_in)
def upload_book(request: HttpRequest, pk: int) -> HttpResponse:
    """POST one book version (PDF) for a participation; region teams only for their own region."""
    participation = get_object_or_404(Participation.objects.select_related("region"), pk=pk)
    if request.method != "POST" or not programme_rules.can_submit_documents(request.user, participation):
        deny(request)
    form = BookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("web:region", code=participation.region.code)
    upload = form.cleaned_data["file"]
    try:
        submit_book(
            actor=request.user,
            participation=participation,
            book=form.cleaned_data["book"],
            name=upload.name or "",
            content=upload.read(),
        )
        messages.success(request, _("Dokumen tersimpan."))
    except KotaCerdasError as exc:
        show_refusal(request, exc)
    return redirect("web:region", code=participation.region.code)
