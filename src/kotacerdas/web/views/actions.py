"""Small POST actions from the region page (each calls one domain service).

Like the lifecycle forms (:mod:`kotacerdas.web.views.participation`), each answer is a redirect back to
the region page with a message: success, the form's field errors, or the service's refusal.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from kotacerdas.programme import rules as programme_rules
from kotacerdas.programme.domain.participation import form_institution, record_bimtek
from kotacerdas.programme.lifecycle_forms import BimtekForm, DecreeForm
from kotacerdas.programme.models import Participation
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import post_form


def _guidance_target(request: HttpRequest, pk: int) -> Participation:
    participation = get_object_or_404(Participation.objects.select_related("region"), pk=pk)
    if request.method != "POST" or not programme_rules.can_record_guidance(request.user, participation):
        deny(request)
    return participation


@guarded(programme_rules.can_submit_for_some_region)
def record_bimtek_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a bimtek stage with dates and attendance (secretariat or the region's own team)."""
    participation = _guidance_target(request, pk)
    post_form(
        request,
        BimtekForm(request.POST),
        lambda data: record_bimtek(actor=request.user, participation=participation, **data),
        _("Bimtek tercatat."),
    )
    return redirect("web:region", code=participation.region.code)


@guarded(programme_rules.can_submit_for_some_region)
def record_decree_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decree (SK) of the Dewan Smart City or the Tim Pelaksana; members one per line."""
    participation = _guidance_target(request, pk)
    post_form(
        request,
        DecreeForm(request.POST),
        lambda data: form_institution(actor=request.user, participation=participation, **data),
        _("SK tercatat."),
    )
    return redirect("web:region", code=participation.region.code)
