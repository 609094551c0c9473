"""The secretariat's lifecycle forms on the region page; each POST calls one programme service.

Refusals of the services (:class:`~kotacerdas.errors.StateError`, :class:`~kotacerdas.errors.InputError`)
are shown as messages on the region page, never as an error page. Withdrawing, cancelling and
substituting first show a confirmation page (:mod:`kotacerdas.web.confirm`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.error_text import localise
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain import participation as services
from kotacerdas.programme.lifecycle import EXITS, State
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.regions.models import Region
from kotacerdas.web.confirm import ConfirmForm, confirm_page
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
        messages.error(request, localise(exc))


def _participation(pk: int) -> Participation:
    return get_object_or_404(Participation.objects.select_related("region", "cohort"), pk=pk)


def _cohort(request: HttpRequest) -> Cohort:
    raw = request.POST.get("cohort", "")
    cohort = Cohort.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if cohort is None:
        raise InputError(
            _("kohort: %(raw)r bukan kohort") % {"raw": raw},
            hint=_("pilih salah satu dari daftar"),
            code="no_cohort",
        )
    return cohort


def _state(raw: str, allowed: frozenset[State] | None = None) -> State:
    try:
        state = State(raw)
    except ValueError:
        raise InputError(_("%(raw)r bukan status siklus") % {"raw": raw}, code="no_state") from None
    if allowed is not None and state not in allowed:
        raise InputError(
            _("keikutsertaan dimulai sebagai %(allowed)s, bukan %(state)s")
            % {"allowed": _(" atau ").join(str(s.label) for s in sorted(allowed)), "state": state.label},
            code="invalid_initial_state",
        )
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
    raw = request.POST.get("to", "")
    if raw in EXITS and _legal(p, raw):
        ask = _needs_confirmation(
            request,
            p,
            _ending_texts(p, State(raw), request.POST.get("reason", "").strip()),
            _carried(request, "to", "on", "reason"),
        )
        if ask is not None:
            return ask
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
    """Give the slot of this participation to another region (by Kemendagri code), after confirmation."""
    p = _participation(pk)
    _post_only(request)
    code = request.POST.get("region", "").strip()
    by = Region.objects.filter(code=code).first()
    names = {"old": p.region.name, "new": by.name if by else code, "cohort": p.cohort.name}
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
