"""Shared checks of the assessment services: roles and round states."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.rules import is_secretariat
from kotacerdas.assessment.enums import RoundState
from kotacerdas.assessment.models import Round
from kotacerdas.errors import PermissionDeniedError, StateError

#: the actions the guards name (the services' English keys) in the reader's language
ACTIONS: dict[str, Promise] = {
    "amend scores": _lazy("mengubah skor"),
    "close rounds": _lazy("menutup putaran"),
    "compute results": _lazy("menghitung hasil"),
    "create cohorts": _lazy("membuat kohort"),
    "create rounds": _lazy("membuat putaran"),
    "declare conflicts for others": _lazy("menyatakan konflik untuk orang lain"),
    "detect conflicts": _lazy("mendeteksi konflik"),
    "edit assessor profiles": _lazy("mengubah profil asesor"),
    "form presentation panels": _lazy("membentuk panel presentasi"),
    "invite regions": _lazy("mengundang daerah"),
    "override assignments": _lazy("mengganti penugasan"),
    "publish rounds": _lazy("mengumumkan putaran"),
    "record impact surveys": _lazy("mencatat survei dampak"),
    "record moderation outcomes": _lazy("mencatat hasil moderasi"),
    "run selections": _lazy("menjalankan seleksi"),
    "run the assignment": _lazy("menjalankan penugasan"),
    "store rubrics": _lazy("menyimpan rubrik"),
    "save scores": _lazy("menyimpan skor"),
    "submit scores": _lazy("mengirim skor"),
    "moderate": _lazy("memoderasi"),
    "publish": _lazy("mengumumkan"),
    "close the round": _lazy("menutup putaran"),
    "change the submission": _lazy("mengubah berkas penilaian"),
}


def action_text(action: str) -> str:
    """An action's words in the active language (the key itself when it has none)."""
    return str(ACTIONS.get(action, action))


def require_secretariat(actor: Any, action: str) -> None:
    """The secretariat and the platform itself (:data:`~kotacerdas.accounts.domain.actors.SYSTEM`) may.

    ``None`` is no one and is refused like any other role.
    """
    if not (is_system(actor) or is_secretariat(actor)):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh %(action)s") % {"action": action_text(action)},
            code="secretariat_only",
        )


def require_state(round_: Round, *states: str, action: str) -> None:
    if round_.state not in states:
        allowed = ", ".join(str(RoundState(s).label) for s in states)
        raise StateError(
            _("tidak dapat %(action)s: putaran %(round)r berstatus %(state)s")
            % {"action": action_text(action), "round": round_.name, "state": RoundState(round_.state).label},
            hint=_("diizinkan saat: %(allowed)s") % {"allowed": allowed},
            code="round_state",
        )


def locked(round_: Round) -> Round:
    """The round row, locked for the rest of the transaction."""
    return Round.objects.select_for_update().get(pk=round_.pk)
