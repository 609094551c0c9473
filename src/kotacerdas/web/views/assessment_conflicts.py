"""An assessor's own conflicts of interest: the list of them and the form to declare one.

The form calls :func:`kotacerdas.assessment.domain.conflicts.declare_conflict`, the service the
secretariat's dashboard form and the API call too.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.conflicts import declare_conflict
from kotacerdas.assessment.forms import OwnConflictForm
from kotacerdas.assessment.models import AssessorProfile
from kotacerdas.errors import KotaCerdasError
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal


@guarded(rules.can_declare_own_conflicts)
def my_conflicts(request: HttpRequest) -> HttpResponse:
    """GET lists the assessor's conflicts; POST declares one (reason required)."""
    profile = AssessorProfile.objects.filter(user__username=request.user.get_username()).first()
    form = OwnConflictForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if profile is None:
            messages.error(request, _("Anda belum memiliki profil asesor; mintalah sekretariat membuatnya."))
        elif form.is_valid():
            try:
                declare_conflict(
                    actor=request.user,
                    assessor=profile,
                    submission=form.cleaned_data["submission"],
                    reason=form.cleaned_data["reason"],
                )
            except KotaCerdasError as exc:
                show_refusal(request, exc)
            else:
                messages.success(request, _("Konflik kepentingan tercatat."))
                return redirect("web:assessment-my-conflicts")
    context = {"form": form, "profile": profile, "conflicts": rules.visible_conflicts(request.user)}
    return render(request, "assessment/my_conflicts.html", context, status=status)
