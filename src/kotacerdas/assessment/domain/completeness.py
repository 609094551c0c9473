"""Is a round complete enough to close or publish? The gaps, and the audited override of them.

Closing and publishing are refused while the round has gaps (unsubmitted assignments, regions without
an assessor, open disagreement flags, agreement not computed, regions without a result). The secretariat
may go ahead anyway by giving a reason: the reason and the gaps are audited and kept on the round
(``Round.overrides``), and the public results page shows them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.assessment.enums import ReviewState
from kotacerdas.assessment.models import Assignment, Moderation, Round
from kotacerdas.errors import StateError

INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class Completeness:
    """Counts that decide whether a round may be closed or published without an override."""

    assignments: int
    submitted: int
    unassigned: int  # submissions with no active assignment
    open_flags: int
    agreement: bool  # Krippendorff's alpha was computed
    without_result: int  # submissions with no computed result

    @property
    def unsubmitted(self) -> int:
        return self.assignments - self.submitted

    def gaps(self, action: str) -> dict[str, int]:
        """The gaps that block ``action`` (``close`` or ``publish``), by kind; empty when complete."""
        found = {"unsubmitted": self.unsubmitted, "unassigned": self.unassigned}
        if action == "publish":
            found |= {
                "open_flags": self.open_flags,
                "no_agreement": int(not self.agreement),
                "without_result": self.without_result,
            }
        return {kind: n for kind, n in found.items() if n}

    def describe_text(self, action: str) -> str:
        """The gaps of ``action`` in the active language (errors, and the audit log worded per language)."""
        words = {
            "unsubmitted": _("%(n)s dari %(total)s penugasan belum dikirim")
            % {"n": self.unsubmitted, "total": self.assignments},
            "unassigned": _("%(n)s daerah belum memiliki asesor") % {"n": self.unassigned},
            "open_flags": _("%(n)s tanda ketidaksepakatan belum memiliki hasil moderasi")
            % {"n": self.open_flags},
            "no_agreement": _("kesepakatan (alfa Krippendorff) belum dihitung"),
            "without_result": _("%(n)s daerah belum memiliki hasil yang dihitung")
            % {"n": self.without_result},
        }
        return "; ".join(words[kind] for kind in self.gaps(action))


def round_completeness(round_: Round) -> Completeness:
    """Count the round's assignments, flags and results (read-only)."""
    active = Assignment.objects.filter(submission__round=round_, active=True)
    alpha = (round_.figures or {}).get("alpha") or {}
    return Completeness(
        assignments=active.count(),
        submitted=active.filter(state=ReviewState.SUBMITTED).count(),
        unassigned=round_.submissions.exclude(assignments__active=True).count(),
        open_flags=Moderation.objects.filter(submission__round=round_, decided_at__isnull=True).count(),
        agreement=alpha.get("value") is not None,
        without_result=round_.submissions.filter(result__isnull=True).count(),
    )


def require_complete(*, actor: Any, round_: Round, action: str, override_reason: str = "") -> None:
    """Refuse ``action`` on an incomplete round, unless a reason overrides it (audited, kept, shown).

    Call inside the transaction of the close/publish service, with the round row locked.
    """
    check = round_completeness(round_)
    gaps = check.gaps(action)
    if not gaps:
        return
    reason = override_reason.strip()
    if not reason:
        raise StateError(
            (
                _("tidak dapat menutup putaran %(round)r: %(gaps)s")
                if action == "close"
                else _("tidak dapat mengumumkan putaran %(round)r: %(gaps)s")
            )
            % {"round": round_.name, "gaps": check.describe_text(action)},
            hint=_(
                "tunggu sampai putaran lengkap, atau beri alasan pengecualian "
                "(dicatat di log audit dan ditampilkan di halaman hasil publik)"
            ),
            code=INCOMPLETE,
        )
    entry = {
        "action": action,
        "reason": reason[:1000],
        "gaps": gaps,
        "counts": asdict(check),
        "at": timezone.now().isoformat(),
    }
    round_.overrides = [*round_.overrides, entry]
    round_.save(update_fields=["overrides"])
    message = (
        gettext_lazy("%(round)s ditutup meskipun %(gaps)s; alasan: %(reason)s")
        if action == "close"
        else gettext_lazy("%(round)s diterbitkan meskipun %(gaps)s; alasan: %(reason)s")
    )

    def summary() -> str:
        """Called once per language by :func:`record`: the gaps are worded in that language too."""
        return wording(message, round=round_.name, gaps=check.describe_text(action), reason=reason[:200])()

    record(actor=actor, action=f"round.{action}.override", target=round_, summary=summary, data=entry)
