"""The secretariat's lifecycle forms on the region page; each POST calls one programme service.

Every POST is read by a Django form (:mod:`kotacerdas.programme.lifecycle_forms`). The policy of these
small forms is one: whatever happens, the answer is a redirect back to the region page with a message —
a success message, the form's field errors named by their labels
(:func:`~kotacerdas.web.service_errors.show_form_errors`), or the service's refusal in the reader's
language (:func:`~kotacerdas.web.service_errors.show_refusal`). The region page shows many such forms
at once, so it is not re-rendered with one of them bound. Withdrawing, cancelling and substituting first
show a confirmation page (:mod:`kotacerdas.web.confirm`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.errors import KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain import participation as services
from kotacerdas.programme.lifecycle import EXITS, State
from kotacerdas.programme.lifecycle_forms import (
    EnrolForm,
    LegaliseForm,
    ReselectForm,
    SubstituteForm,
    TransitionForm,
)
from kotacerdas.programme.models import Participation
from kotacerdas.regions.models import Region
from kotacerdas.web.confirm import ConfirmForm, confirm_page
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import show_form_errors, show_refusal


def _post_only(request: HttpRequest) -> None:
    if request.method != "POST":
        deny(request)


def _run(request: HttpRequest, form: forms.Form, done: str, call: Callable[[dict[str, Any]], Any]) -> None:
    """Call the service with the form's clean data; bad input or its refusal becomes an error message."""
    if not form.is_valid():
        show_form_errors(request, form)
        return
    try:
        call(form.cleaned_data)
        messages.success(request, done)
    except KotaCerdasError as exc:
        show_refusal(request, exc)


def _participation(pk: int) -> Participation:
    return get_object_or_404(Participation.objects.select_related("region", "cohort"), pk=pk)


@guarded(rules.can_manage_programmes)
def enrol_view(request: HttpRequest, code: str) -> HttpResponse:
    """Enrol the region into a cohort as invited or selected."""
    region = get_object_or_404(Region, code=code)
    _post_only(request)
    _run(
        request,
        EnrolForm(request.POST),
        _("Daerah didaftarkan ke kohort."),
        lambda data: services.enrol(actor=request.user, region=region, **data),
    )
    return redirect("web:region", code=region.code)


def _legal(p: Participation, target: str) -> bool:
    """Whether the move is allowed at all (an illegal one is refused by the service, unconfirmed)."""
    try:
        services.check_transition(p, target)
    except KotaCerdasError:
        return False
    return True


def _carried(request: HttpRequest, *names: str) -> list[tuple[str, str]]:
    """The first form's fields, carried through the confirmation page."""
    return [(n, v) for n in names for v in request.POST.getlist(n)]


def _needs_confirmation(
    request: HttpRequest, p: Participation, texts: tuple[str, list[str], str], carried: list[tuple[str, str]]
) -> HttpResponse | None:
    """The confirm page until the box is ticked (then ``None``: go ahead)."""
    title, consequences, statement = texts
    form = ConfirmForm(request.POST if "confirm_step" in request.POST else None, statement=statement)
    if form.is_valid():
        return None
    return confirm_page(
        request,
        title=title,
        consequences=consequences,
        form=form,
        action_url=request.path,
        cancel_url=reverse("web:region", args=[p.region.code]),
        hidden=[*carried, ("confirm_step", "1")],
        status=400 if "confirm_step" in request.POST else 200,
    )


def _ending_texts(p: Participation, to: State, reason: str) -> tuple[str, list[str], str]:
    names = {"region": p.region.name, "cohort": p.cohort.name, "state": to.label, "reason": reason or "—"}
    return (
        _("%(state)s: %(region)s") % names,
        [
            _("%(region)s keluar dari kohort %(cohort)s dengan tahap «%(state)s». Alasan: %(reason)s")
            % names,
            _(
                "Tahap ini akhir: keikutsertaan ini tidak dapat dipindahkan lagi (hanya dipilih ulang di kohort lain)."
            ),
            _("Tindakan ini dicatat di log audit dan tampil di riwayat daerah."),
        ],
        _("Saya mengerti: keikutsertaan %(region)s di kohort %(cohort)s berakhir.") % names,
    )


@guarded(rules.can_transition)
def transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move one participation to the chosen next state, with a reason (leaving asks for confirmation)."""
    p = _participation(pk)
    _post_only(request)
    form = TransitionForm(request.POST)
    if form.is_valid() and form.cleaned_data["to"] in EXITS and _legal(p, form.cleaned_data["to"]):
        ask = _needs_confirmation(
            request,
            p,
            _ending_texts(p, form.cleaned_data["to"], form.cleaned_data["reason"].strip()),
            _carried(request, "to", "on", "reason"),
        )
        if ask is not None:
            return ask
    _run(
        request,
        form,
        _("Tahap keikutsertaan diperbarui."),
        lambda data: services.transition(actor=request.user, participation=p, **data),
    )
    return redirect("web:region", code=p.region.code)


@guarded(rules.can_transition)
def substitute_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the slot of this participation to another region (by Kemendagri code), after confirmation."""
    p = _participation(pk)
    _post_only(request)
    form = SubstituteForm(request.POST)
    by = form.cleaned_data["region"] if form.is_valid() else None
    names = {"old": p.region.name, "new": by.name if by else "", "cohort": p.cohort.name}
    ask = (
        None
        if by is None or not _legal(p, State.SUBSTITUTED)
        else _needs_confirmation(
            request,
            p,
            (
                _("Ganti daerah: %(old)s") % names,
                [
                    _("%(new)s mengambil slot %(old)s di kohort %(cohort)s.") % names,
                    _(
                        "%(old)s pindah ke tahap «Digantikan» dan keluar dari kohort ini; tidak dapat dibatalkan."
                    )
                    % names,
                    _("Tindakan ini dicatat di log audit dan tampil di riwayat kedua daerah."),
                ],
                _("Saya mengerti: %(new)s menggantikan %(old)s.") % names,
            ),
            _carried(request, "region", "on", "reason"),
        )
    )
    if ask is not None:
        return ask
    _run(
        request,
        form,
        _("Daerah pengganti tercatat."),
        lambda data: services.substitute(
            actor=request.user,
            participation=p,
            by_region=data["region"],
            on=data["on"],
            reason=data["reason"],
        ),
    )
    return redirect("web:region", code=p.region.code)


@guarded(rules.can_transition)
def reselect_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Select the region again in a later cohort, pointing back to this participation."""
    p = _participation(pk)
    _post_only(request)
    _run(
        request,
        ReselectForm(request.POST),
        _("Daerah dipilih kembali."),
        lambda data: services.reselect(actor=request.user, previous=p, **data),
    )
    return redirect("web:region", code=p.region.code)


@guarded(rules.can_transition)
def legalise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the Perwali/Perbup/Perda that made the masterplan law."""
    p = _participation(pk)
    _post_only(request)

    _run(
        request,
        LegaliseForm(request.POST),
        _("Pengesahan masterplan tercatat."),
        lambda data: services.legalise_masterplan(actor=request.user, participation=p, **data),
    )
    return redirect("web:region", code=p.region.code)
