"""Closing and publishing a round through the confirmation step (with the completeness check).

GET shows what will happen and the round's gaps; POST needs the ticked box, and a reason when the round
is incomplete. The services (:func:`close_round`, :func:`publish_round`) check completeness again.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.completeness import round_completeness
from kotacerdas.assessment.domain.rounds import close_round, publish_round
from kotacerdas.assessment.models import Round
from kotacerdas.errors import KotaCerdasError
from kotacerdas.web.completeness_text import gap_sentences
from kotacerdas.web.confirm import ConfirmForm, confirm_page
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal

SERVICES = {"close": close_round, "publish": publish_round}


def _texts(round_: Round, action: str, submitted: int, total: int) -> tuple[str, list[str], str]:
    """Title, consequences and checkbox statement of ``action`` on ``round_``."""
    if action == "close":
        return (
            _("Tutup penilaian: %(name)s") % {"name": round_.name},
            [
                _("%(n)d dari %(total)d penugasan sudah dikirim; nilai itu menjadi final.")
                % {"n": submitted, "total": total},
                _("Asesor tidak dapat lagi mengisi atau mengubah nilai di putaran ini."),
                _("Perbedaan penilaian di atas ambang ditandai untuk moderasi."),
            ],
            _("Saya mengerti: penilaian putaran ini ditutup dan nilainya tidak dapat diubah asesor lagi."),
        )
    return (
        _("Umumkan hasil: %(name)s") % {"name": round_.name},
        [
            _(
                "Peringkat, penghargaan dan angka kesepakatan tampil untuk publik di halaman hasil dan di API."
            ),
            _("Tim daerah dapat mengunduh umpan balik daerahnya."),
            _("Efek kalibrasi dan nama asesor tetap hanya untuk sekretariat."),
        ],
        _("Saya mengerti: hasil putaran ini diumumkan kepada publik."),
    )


@guarded(rules.can_manage_rounds)
def confirm_round_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Confirm and run ``close`` or ``publish`` on a round (GET: the confirmation page)."""
    if action not in SERVICES:
        raise Http404
    round_ = get_object_or_404(Round, pk=pk)
    check = round_completeness(round_)
    gaps = check.gaps(action)
    title, consequences, statement = _texts(round_, action, check.submitted, check.assignments)
    data = request.POST if request.method == "POST" else None
    form = ConfirmForm(data, statement=statement, needs_reason=bool(gaps))
    if form.is_valid():
        try:
            SERVICES[action](actor=request.user, round_=round_, override_reason=form.override_reason)
            messages.success(request, _("Putaran ditutup.") if action == "close" else _("Hasil diumumkan."))
            return redirect("web:assessment-round", pk=round_.pk)
        except KotaCerdasError as exc:
            show_refusal(request, exc, form)
    return confirm_page(
        request,
        title=title,
        consequences=consequences,
        gaps=gap_sentences(gaps, {"assignments": check.assignments}),
        form=form,
        action_url=reverse("web:assessment-round-confirm", args=[round_.pk, action]),
        cancel_url=reverse("web:assessment-round", args=[round_.pk]),
        status=400 if data is not None else 200,
    )
