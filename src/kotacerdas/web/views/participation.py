"""The secretariat's lifecycle forms on the region page; each POST calls one programme service.

Refusals of the services (:class:`~kotacerdas.errors.StateError`, :class:`~kotacerdas.errors.InputError`)
are shown as messages on the region page, never as an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain import participation as services
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.regions.models import Region
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.views.inputs import date_field


def _post_only(request: HttpRequest) -> None:
    if request.method != "POST":
        deny(request)


def _run(request: HttpRequest, done: str, call: Callable[[], Any]) -> None:
    """Call the service; its refusal becomes an error message."""
    try:
        call()
        messages.success(request, done)
    except KotaCerdasError as exc:
        messages.error(request, str(exc))


def _participation(pk: int) -> Participation:
    return get_object_or_404(Participation.objects.select_related("region", "cohort"), pk=pk)


def _cohort(request: HttpRequest) -> Cohort:
    raw = request.POST.get("cohort", "")
    cohort = Cohort.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if cohort is None:
        raise InputError(f"cohort: {raw!r} is not a cohort", hint="choose one from the list")
    return cohort


def _state(raw: str, allowed: frozenset[State] | None = None) -> State:
    try:
        state = State(raw)
    except ValueError:
        raise InputError(f"{raw!r} is not a lifecycle state") from None
    if allowed is not None and state not in allowed:
        raise InputError(f"a participation starts as {' or '.join(sorted(allowed))}, not {raw}")
    return state


@guarded(rules.can_manage_programmes)
def enrol_view(request: HttpRequest, code: str) -> HttpResponse:
    """Enrol the region into a cohort as invited or selected."""
    region = get_object_or_404(Region, code=code)
    _post_only(request)
    _run(
        request,
        _("Daerah didaftarkan ke kohort."),
        lambda: services.enrol(
            actor=request.user,
            cohort=_cohort(request),
            region=region,
            state=_state(request.POST.get("state", ""), frozenset({State.INVITED, State.SELECTED})),
            on=date_field(request, "on", required=False),
            reason=request.POST.get("reason", "").strip(),
        ),
    )
    return redirect("web:region", code=region.code)


@guarded(rules.can_transition)
def transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move one participation to the chosen next state, with a reason."""
    p = _participation(pk)
    _post_only(request)
    _run(
        request,
        _("Tahap keikutsertaan diperbarui."),
        lambda: services.transition(
            actor=request.user,
            participation=p,
            to=_state(request.POST.get("to", "")),
            on=date_field(request, "on", required=False),
            reason=request.POST.get("reason", "").strip(),
        ),
    )
    return redirect("web:region", code=p.region.code)


@guarded(rules.can_transition)
def substitute_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the slot of this participation to another region (by Kemendagri code)."""
    p = _participation(pk)
    _post_only(request)

    def call() -> None:
        code = request.POST.get("region", "").strip()
        by_region = Region.objects.filter(code=code).first()
        if by_region is None:
            raise InputError(f"region: {code!r} is not a Kemendagri code", hint="e.g. 63.71")
        services.substitute(
            actor=request.user,
            participation=p,
            by_region=by_region,
            on=date_field(request, "on", required=False),
            reason=request.POST.get("reason", "").strip(),
        )

    _run(request, _("Daerah pengganti tercatat."), call)
    return redirect("web:region", code=p.region.code)


@guarded(rules.can_transition)
def reselect_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Select the region again in a later cohort, pointing back to this participation."""
    p = _participation(pk)
    _post_only(request)
    _run(
        request,
        _("Daerah dipilih kembali."),
        lambda: services.reselect(
            actor=request.user,
            previous=p,
            cohort=_cohort(request),
            on=date_field(request, "on", required=False),
            reason=request.POST.get("reason", "").strip(),
        ),
    )
    return redirect("web:region", code=p.region.code)


@guarded(rules.can_transition)
def legalise_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the Perwali/Perbup/Perda that made the masterplan law."""
    p = _participation(pk)
    _post_only(request)

    def call() -> None:
        number = request.POST.get("number", "").strip()
        if not number:
            raise InputError("number: the regulation number is required", hint="e.g. 12 Tahun 2019")
        on = date_field(request, "on")
        assert on is not None
        services.legalise_masterplan(
            actor=request.user,
            participation=p,
            instrument=request.POST.get("instrument", ""),
            number=number,
            on=on,
        )

    _run(request, _("Pengesahan masterplan tercatat."), call)
    return redirect("web:region", code=p.region.code)
