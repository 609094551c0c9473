"""The pipeline board of a cohort: regions by stage; the secretariat moves several at once (confirmed)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.errors import KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain.participation import bulk_transition, check_transition
from kotacerdas.programme.lifecycle import TERMINAL, State, next_states
from kotacerdas.programme.lifecycle_forms import BulkMoveForm
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.web.confirm import ConfirmForm, confirm_page
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_form_errors, show_refusal


@guarded(rules.can_view_pipeline)
def cohorts(request: HttpRequest) -> HttpResponse:
    first = Cohort.objects.order_by("-year", "-id").first()
    return (
        redirect("web:pipeline", pk=first.pk)
        if first
        else render(
            request, "web/pipeline.html", {"cohort": None, "can_act": rules.can_transition(request.user)}
        )
    )


def _reachable(participations: list[Participation]) -> list[State]:
    """The stages at least one region of the board may move to now (the state machine's edges)."""
    targets = {s for p in participations for s in next_states(p.state)}
    return [s for s in State if s in targets]


@guarded(rules.can_view_pipeline)
def pipeline(request: HttpRequest, pk: int) -> HttpResponse:
    # the selection's reasons and the regions' boundaries are large JSON the board never shows: not read
    cohort = get_object_or_404(
        Cohort.objects.defer("selection").annotate(
            has_selection=ExpressionWrapper(~Q(selection={}), output_field=BooleanField())
        ),
        pk=pk,
    )
    participations = list(
        cohort.participations.select_related("region").defer("region__geometry").order_by("region__name")
    )
    columns = [(state, [p for p in participations if p.state == state]) for state in State]
    context = {
        "cohort": cohort,
        "columns": [c for c in columns if c[1]],
        "states": _reachable(participations),
        "all_cohorts": Cohort.objects.only("id", "name").order_by("year", "id"),  # not the large selection
        "can_act": rules.can_transition(request.user),
        "filled": len(participations),
    }
    return render(request, "web/pipeline.html", context)


def _all_legal(chosen: list[Participation], target: str) -> bool:
    """Whether every ticked region may move (an illegal move is refused by the service, unconfirmed)."""
    try:
        for p in chosen:
            check_transition(p, target)
    except KotaCerdasError:
        return False
    return True


def _confirmation(
    request: HttpRequest, cohort: Cohort, chosen: list[Participation], target: State
) -> HttpResponse | None:
    """The confirm page of a bulk move until its box is ticked (then ``None``)."""
    names = {"n": len(chosen), "state": target.label, "cohort": cohort.name}
    form = ConfirmForm(
        request.POST if "confirm_step" in request.POST else None,
        statement=_("Saya mengerti: %(n)d daerah dipindahkan ke tahap «%(state)s».") % names,
    )
    if form.is_valid():
        return None
    lines = [
        _("%(n)d daerah di kohort %(cohort)s pindah ke tahap «%(state)s»: semuanya, atau tidak satu pun.")
        % names,
        ", ".join(sorted(p.region.name for p in chosen)),
    ]
    if target in TERMINAL:
        lines.append(_("Tahap ini akhir: daerah-daerah ini tidak dapat dipindahkan lagi di kohort ini."))
    lines.append(_("Tindakan ini dicatat di log audit."))
    carried = [(n, v) for n in ("participation", "to", "reason") for v in request.POST.getlist(n)]
    return confirm_page(
        request,
        title=_("Pindahkan %(n)d daerah") % names,
        consequences=lines,
        form=form,
        action_url=request.path,
        cancel_url=reverse("web:pipeline", args=[cohort.pk]),
        hidden=[*carried, ("confirm_step", "1")],
        status=400 if "confirm_step" in request.POST else 200,
    )


@guarded(rules.can_transition)
def pipeline_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply one transition to the ticked regions: all of them move, or none (with the reason)."""
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method != "POST":
        deny(request)
    form = BulkMoveForm(request.POST, cohort=cohort)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("web:pipeline", pk=cohort.pk)
    chosen = list(form.cleaned_data["participation"])
    target = form.cleaned_data["to"]
    if _all_legal(chosen, target):
        ask = _confirmation(request, cohort, chosen, target)
        if ask is not None:
            return ask
    try:
        bulk_transition(
            actor=request.user, participations=chosen, to=target, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("%(n)d daerah dipindahkan.") % {"n": len(chosen)})
    except KotaCerdasError as exc:
        show_refusal(request, exc)
    return redirect("web:pipeline", pk=cohort.pk)
