"""Small POST actions from the region page (each calls one domain service)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from kotacerdas.accounts.error_text import localise
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.programme import rules as programme_rules
from kotacerdas.programme.domain.participation import form_institution, record_bimtek
from kotacerdas.programme.models import Participation
from kotacerdas.web.permissions import deny, guarded


def _date(raw: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{field}: {raw!r} is not a date", hint="write it as 2024-05-31") from None


def _guidance_target(request: HttpRequest, pk: int) -> Participation:
    participation = get_object_or_404(Participation.objects.select_related("region"), pk=pk)
    if request.method != "POST" or not programme_rules.can_record_guidance(request.user, participation):
        deny(request)
    return participation


@guarded(programme_rules.can_submit_for_some_region)
def record_bimtek_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a bimtek stage with dates and attendance (secretariat or the region's own team)."""
    participation = _guidance_target(request, pk)
    try:
        stage = request.POST.get("stage", "")
        attendees = request.POST.get("attendees", "")
        if not stage.isdigit() or not attendees.isdigit():
            raise InputError("stage and attendees must be whole numbers")
        record_bimtek(
            actor=request.user,
            participation=participation,
            stage=int(stage),
            start=_date(request.POST.get("start", ""), "start"),
            end=_date(request.POST.get("end", ""), "end"),
            attendees=int(attendees),
        )
        messages.success(request, _("Bimtek tercatat."))
    except KotaCerdasError as exc:
        messages.error(request, localise(exc))
    return redirect("web:region", code=participation.region.code)


@guarded(programme_rules.can_submit_for_some_region)
def record_decree_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decree (SK) of the Dewan Smart City or the Tim Pelaksana; members one per line."""
    participation = _guidance_target(request, pk)
    try:
        kind = request.POST.get("kind", "")
        if kind not in ("council", "team"):
            raise InputError(f"unknown institution {kind!r}", hint="council or team")
        members = [m.strip() for m in request.POST.get("members", "").splitlines() if m.strip()]
        form_institution(
            actor=request.user,
            participation=participation,
            kind=kind,
            decree_number=request.POST.get("decree_number", ""),
            decree_date=_date(request.POST.get("decree_date", ""), "decree_date"),
            members=members,
        )
        messages.success(request, _("SK tercatat."))
    except KotaCerdasError as exc:
        messages.error(request, localise(exc))
    return redirect("web:region", code=participation.region.code)
