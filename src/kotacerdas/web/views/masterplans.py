"""The masterplan pages: read (by who may), create and edit (the region's team or the secretariat),
programmes, KPIs, budgets, quick-win steps and the comment thread. Each POST calls one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.errors import KotaCerdasError
from kotacerdas.monitoring import forms as mf
from kotacerdas.monitoring import rules
from kotacerdas.monitoring.domain import budgets, comments, editing, masterplans
from kotacerdas.monitoring.domain.roadmap import roadmap
from kotacerdas.monitoring.models import (
    Kpi,
    KpiActual,
    Masterplan,
    MasterplanComment,
    MasterplanProgramme,
    QuickWinUpdate,
)
from kotacerdas.programme.models import Participation
from kotacerdas.regions.models import Region
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import post_form, show_refusal


def visible_plan(request: HttpRequest, pk: int) -> Masterplan:
    """The masterplan if the user may read it; a 404 otherwise (its existence is not told)."""
    plan = rules.visible_masterplans(request.user).filter(pk=pk).first()
    if plan is None:
        raise Http404(_("Masterplan tidak ditemukan."))
    return plan


def editable_plan(request: HttpRequest, pk: int) -> Masterplan:
    plan = visible_plan(request, pk)
    if not rules.can_edit_masterplan(request.user, plan.region_id):
        deny(request)
    return plan


def _data(request: HttpRequest) -> Any:
    """The POST data of a form page, or ``None`` on GET (an empty POST is still a bound form)."""
    return request.POST if request.method == "POST" else None


def plan_url(plan: Masterplan, anchor: str = "") -> str:
    return reverse("web:masterplan", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], Masterplan],
    *,
    title: str,
    back: str,
    anchor: str = "",
) -> HttpResponse:
    """GET shows ``form``; a valid POST calls ``save`` and goes to the masterplan; errors show on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            plan = save(form.cleaned_data)
        except KotaCerdasError as exc:
            show_refusal(request, exc, form)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect(plan_url(plan, anchor))
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "back": back}
    return render(request, "web/masterplan_form.html", context, status=status)


@guarded(rules.can_edit_some_masterplan)
def masterplan_create(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    if not rules.can_edit_masterplan(request.user, region.pk):
        deny(request)
    participation = Participation.objects.filter(region=region).order_by("-cohort__year").first()
    form = mf.MasterplanForm(_data(request))
    return _form_page(
        request,
        form,
        lambda d: masterplans.create_masterplan(
            actor=request.user, region=region, participation=participation, **d
        ),
        title=_("Masterplan baru %(region)s") % {"region": region.name},
        back=reverse("web:region", args=[region.code]),
    )


@guarded(rules.can_edit_some_masterplan)
def masterplan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = editable_plan(request, pk)
    initial = {"vision": plan.vision, "start_year": plan.start_year, "end_year": plan.end_year}
    form = mf.MasterplanForm(_data(request), initial=initial)
    return _form_page(
        request,
        form,
        lambda d: editing.update_masterplan(actor=request.user, masterplan=plan, **d),
        title=_("Ubah masterplan %(region)s") % {"region": plan.region.name},
        back=plan_url(plan),
    )


@guarded(rules.can_edit_some_masterplan)
def programme_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = editable_plan(request, pk)
    form = mf.ProgrammeForm(_data(request), initial={"start_year": plan.start_year})

    def save(data: dict[str, Any]) -> Masterplan:
        return masterplans.add_programme(actor=request.user, masterplan=plan, **data).masterplan

    return _form_page(
        request, form, save, title=_("Program baru"), back=plan_url(plan, "program"), anchor="program"
    )


def _programme(request: HttpRequest, pk: int) -> MasterplanProgramme:
    item = get_object_or_404(MasterplanProgramme, pk=pk)
    editable_plan(request, item.masterplan_id)
    return item


@guarded(rules.can_edit_some_masterplan)
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _programme(request, pk)
    fields = mf.ProgrammeForm.base_fields
    form = mf.ProgrammeForm(_data(request), initial={f: getattr(item, f) for f in fields})

    def save(data: dict[str, Any]) -> Masterplan:
        return editing.update_programme(actor=request.user, programme=item, **data).masterplan

    return _form_page(
        request, form, save, title=item.name, back=plan_url(item.masterplan, "program"), anchor="program"
    )


@guarded(rules.can_edit_some_masterplan)
def kpi_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = _programme(request, pk)
    return _kpi_page(request, item, None)


@guarded(rules.can_edit_some_masterplan)
def kpi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = get_object_or_404(Kpi.objects.select_related("programme"), pk=pk)
    item = _programme(request, kpi.programme_id)
    return _kpi_page(request, item, kpi)


def _kpi_page(request: HttpRequest, item: MasterplanProgramme, kpi: Kpi | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if kpi is not None:
        initial = {
            "name": kpi.name,
            "unit": kpi.unit,
            "baseline": kpi.baseline,
            "baseline_year": kpi.baseline_year,
            "higher_is_better": kpi.higher_is_better,
            "targets": "\n".join(f"{t.year}: {t.target:g}" for t in kpi.targets.all()),
        }
    form = mf.KpiForm(_data(request), initial=initial)

    def save(data: dict[str, Any]) -> Masterplan:
        editing.save_kpi(actor=request.user, programme=item, kpi=kpi, **data)
        return item.masterplan

    title = _("KPI %(programme)s") % {"programme": item.name}
    return _form_page(request, form, save, title=title, back=plan_url(item.masterplan, "kpi"), anchor="kpi")


@guarded(rules.can_edit_some_masterplan)
def budget_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Planned and realised budget of one of the masterplan's programmes in one year."""
    plan = editable_plan(request, pk)
    if request.method != "POST":
        deny(request)
    post_form(
        request,
        mf.BudgetForm(request.POST, programmes=plan.programmes.all()),
        lambda d: budgets.set_budget(actor=request.user, **d),
        _("Anggaran tersimpan."),
    )
    return redirect(plan_url(plan, "anggaran"))


@guarded(rules.can_edit_some_masterplan)
def quick_win_status(request: HttpRequest, pk: int) -> HttpResponse:
    """A quick-win step (only the legal next statuses are offered and accepted), with evidence."""
    item = _programme(request, pk)
    if request.method != "POST":
        deny(request)
    form = mf.QuickWinForm(request.POST, request.FILES, current=item.status)
    post_form(
        request,
        form,
        lambda d: masterplans.set_quick_win_status(
            actor=request.user,
            programme=item,
            status=d["status"],
            on=d["on"],
            note=d["note"],
            evidence=form.evidence(),
        ),
        _("Status quick win diperbarui."),
    )
    return redirect(plan_url(item.masterplan, f"qw-{item.pk}"))


@guarded(rules.can_comment_some_masterplan)
def comment_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    if request.method != "POST" or not rules.can_comment_masterplan(request.user, plan):
        deny(request)
    post_form(
        request,
        mf.CommentForm(request.POST),
        lambda d: comments.comment_on_masterplan(actor=request.user, masterplan=plan, text=d["text"]),
        _("Komentar tersimpan."),
    )
    return redirect(plan_url(plan, "komentar"))


def plan_with_everything(plan: Masterplan) -> Masterplan:
    """The masterplan with its programmes, KPIs (targets, actuals), budgets and quick-win history."""
    return (
        Masterplan.objects.select_related("region", "participation__cohort")
        .prefetch_related(
            Prefetch(
                "programmes",
                MasterplanProgramme.objects.prefetch_related(
                    "kpis__targets",
                    Prefetch("kpis__actuals", KpiActual.objects.select_related("reported_by")),
                    "budgets",
                    Prefetch("status_history", QuickWinUpdate.objects.select_related("actor")),
                ),
            ),
            Prefetch("comments", MasterplanComment.objects.select_related("author")),
        )
        .get(pk=plan.pk)
    )


@guarded(rules.can_view_masterplans)
def masterplan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_with_everything(visible_plan(request, pk))
    can_edit = rules.can_edit_masterplan(request.user, plan.region_id)
    programmes = list(plan.programmes.all())
    rows = [
        {
            "programme": p,
            "budget_planned": sum(b.planned for b in p.budgets.all()),
            "budget_realised": sum(b.realised or 0 for b in p.budgets.all()),
            "qw_form": mf.QuickWinForm(current=p.status, auto_id=f"qw{p.pk}_%s")
            if can_edit and p.quick_win
            else None,
        }
        for p in programmes
    ]
    context = {
        "plan": plan,
        "rows": rows,
        "road": roadmap(plan),
        "can_edit": can_edit,
        "public": rules.is_public(plan),
        "can_comment": rules.can_comment_masterplan(request.user, plan),
        "comment_form": mf.CommentForm(),
        "budget_form": mf.BudgetForm(programmes=plan.programmes.all(), auto_id="budget_%s"),
    }
    return render(request, "web/masterplan.html", context)


@guarded(rules.can_view_masterplans)
def evidence_download(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    """A KPI report's or a quick-win step's evidence PDF, for those who may read the masterplan."""
    row: KpiActual | QuickWinUpdate
    if kind == "kpi":
        row = get_object_or_404(KpiActual.objects.select_related("kpi__programme"), pk=pk)
        programme = row.kpi.programme
    elif kind == "quick-win":
        row = get_object_or_404(QuickWinUpdate.objects.select_related("programme"), pk=pk)
        programme = row.programme
    else:
        raise Http404
    visible_plan(request, programme.masterplan_id)
    if not row.evidence_file:
        raise Http404
    return FileResponse(
        row.evidence_file.open("rb"),
        as_attachment=True,
        filename=(row.evidence_file.name or "bukti.pdf").rsplit("/", 1)[-1],
        content_type="application/pdf",
    )
