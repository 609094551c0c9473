"""The secretariat's funnel pages: a new cohort, invitations from a published screening run (confirmed),
and a readiness-interview round on the invited regions. Each page reads a form and calls the domain
service the API calls too; refusals are shown on the form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.assessment.domain.funnel import create_interview_round
from kotacerdas.errors import KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain.cohorts import create_cohort
from kotacerdas.programme.domain.invitations import METHODS, Pick, codes_from_csv, invite, parse_codes, pick
from kotacerdas.programme.domain.participation import Reason
from kotacerdas.programme.domain.selection import UNDECIDED
from kotacerdas.programme.models import Cohort
from kotacerdas.programme.selection_forms import CohortForm, InviteForm
from kotacerdas.regions.models import IndexRun
from kotacerdas.web.confirm import ConfirmForm, confirm_page
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal


@guarded(rules.can_manage_programmes)
def cohort_create(request: HttpRequest) -> HttpResponse:
    """A new cohort: name, year, target size and (optional) phases."""
    form = CohortForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = create_cohort(
                actor=request.user,
                programme=form.cleaned_data["programme"],
                name=form.cleaned_data["name"],
                year=form.cleaned_data["year"],
                target_size=form.cleaned_data["target_size"],
                phases=form.cleaned_data["phases"],
            )
        except KotaCerdasError as exc:
            show_refusal(request, exc, form)
        else:
            messages.success(request, _("Kohort %(name)s dibuat.") % {"name": cohort.name})
            return redirect("web:pipeline", pk=cohort.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/cohort_form.html", {"form": form}, status=status)


def published_runs() -> Any:
    return IndexRun.objects.filter(published=True)


def _picks(request: HttpRequest, form: InviteForm) -> list[Pick]:
    data = form.cleaned_data
    rows: list[tuple[str, Reason]] = []
    if data["method"] == "csv" and data.get("file"):
        upload = data["file"]
        rows = codes_from_csv(upload.read(), upload.name)
    return pick(
        run=data["index_run"],
        method=data["method"],
        n=data.get("n"),
        threshold=data.get("threshold"),
        codes=parse_codes(data.get("codes") or ""),
        rows=rows,
        note=data.get("note") or "",
    )


class ChosenForm(forms.Form):
    """The confirmed invitations: the run, the method and the picked regions (``code|reason`` each)."""

    index_run = forms.ModelChoiceField(queryset=IndexRun.objects.filter(published=True))
    method = forms.ChoiceField(choices=[(m, m) for m in METHODS])
    pick = forms.MultipleChoiceField(widget=forms.MultipleHiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = self.data.getlist("pick") if hasattr(self.data, "getlist") else []
        self.fields["pick"].choices = [(p, p) for p in given if "|" in p and len(p) <= 400]  # type: ignore[attr-defined]


def _invite_confirmed(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    chosen = ChosenForm(request.POST)
    confirm = ConfirmForm(request.POST, statement=_("Saya mengerti."))
    if not (chosen.is_valid() and confirm.is_valid()):
        messages.error(request, _("Konfirmasi undangan tidak lengkap; mulai lagi."))
        return redirect("web:cohort-invite", pk=cohort.pk)
    picks = [Pick.from_token(p) for p in chosen.cleaned_data["pick"]]
    if not picks:
        messages.error(request, _("Konfirmasi undangan tidak lengkap; mulai lagi."))
        return redirect("web:cohort-invite", pk=cohort.pk)
    try:
        done = invite(
            actor=request.user,
            cohort=cohort,
            run=chosen.cleaned_data["index_run"],
            picks=picks,
            method=chosen.cleaned_data["method"],
        )
    except KotaCerdasError as exc:
        show_refusal(request, exc)
        return redirect("web:cohort-invite", pk=cohort.pk)
    messages.success(
        request,
        _("%(n)d daerah diundang; %(k)d sudah ada di kohort.")
        % {"n": len(done.invited), "k": len(done.skipped)},
    )
    return redirect("web:pipeline", pk=cohort.pk)


@guarded(rules.can_transition)
def cohort_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite regions from a published screening run: top N, threshold, hand-picked or CSV; then confirm."""
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method == "POST" and "confirm_step" in request.POST:
        return _invite_confirmed(request, cohort)
    form = InviteForm(request.POST or None, request.FILES or None, runs=published_runs())
    if request.method == "POST" and form.is_valid():
        try:
            picks = _picks(request, form)
        except KotaCerdasError as exc:
            show_refusal(request, exc, form)
        else:
            present = set(cohort.participations.values_list("region__code", flat=True))
            new = [p for p in picks if p.code not in present]
            names = {"n": len(new), "cohort": cohort.name, "run": form.cleaned_data["index_run"].name}
            lines = [
                _("%(n)d daerah diundang ke %(cohort)s dari %(run)s, masing-masing dengan alasannya:")
                % names,
                ", ".join(p.code for p in new[:60]) + (" …" if len(new) > 60 else ""),
                _("Daerah yang sudah ada di kohort dilewati (%(k)d).") % {"k": len(picks) - len(new)},
                _("Semua undangan dicatat sekaligus atau tidak sama sekali, dan masuk log audit."),
            ]
            hidden = [
                ("index_run", str(form.cleaned_data["index_run"].pk)),
                ("method", form.cleaned_data["method"]),
                ("confirm_step", "1"),
                *(("pick", p.token()) for p in picks),
            ]
            return confirm_page(
                request,
                title=_("Undang %(n)d daerah") % names,
                consequences=lines,
                form=ConfirmForm(statement=_("Saya mengerti: %(n)d daerah diundang ke %(cohort)s.") % names),
                action_url=request.path,
                cancel_url=reverse("web:cohort-invite", args=[cohort.pk]),
                hidden=hidden,
            )
    status = 400 if request.method == "POST" else 200
    context = {"cohort": cohort, "form": form, "invited": cohort.participations.count()}
    return render(request, "web/invite_form.html", context, status=status)


class InterviewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama putaran"), max_length=160)
    deadline = forms.DateField(label=gettext_lazy("Tenggat"), widget=forms.DateInput(attrs={"type": "date"}))
    assessors_per_submission = forms.IntegerField(
        label=gettext_lazy("Asesor per daerah (k)"), min_value=1, initial=3
    )
    max_load = forms.IntegerField(label=gettext_lazy("Beban maksimum"), min_value=1, initial=10)


@guarded(rules.can_transition)
def cohort_interview(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: a readiness-interview round over the cohort's invited regions (then set up as usual)."""
    cohort = get_object_or_404(Cohort, pk=pk)
    initial = {"name": _("Wawancara kesiapan %(cohort)s") % {"cohort": cohort.name}}
    form = InterviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = create_interview_round(actor=request.user, cohort=cohort, **form.cleaned_data)
        except KotaCerdasError as exc:
            show_refusal(request, exc, form)
        else:
            messages.success(
                request,
                _("Putaran %(name)s dibuat untuk %(n)d daerah.")
                % {"name": round_.name, "n": round_.submissions.count()},
            )
            return redirect("web:assessment-round", pk=round_.pk)
    waiting = cohort.participations.filter(state__in=UNDECIDED).count()
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/interview_form.html",
        {"cohort": cohort, "form": form, "waiting": waiting},
        status=status,
    )
