"""The completeness gaps of a round as sentences in the user's language (confirm and results pages)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _


def gap_sentences(gaps: Mapping[str, int], counts: Mapping[str, Any]) -> list[str]:
    """One sentence per gap kind of :meth:`~kotacerdas.assessment.domain.completeness.Completeness.gaps`."""
    out: list[str] = []
    for kind, n in gaps.items():
        if kind == "unsubmitted":
            out.append(
                _("%(n)d dari %(total)d penugasan belum dikirim asesor.")
                % {"n": n, "total": counts.get("assignments", n)}
            )
        elif kind == "unassigned":
            out.append(_("%(n)d daerah belum punya asesor.") % {"n": n})
        elif kind == "open_flags":
            out.append(_("%(n)d perbedaan penilaian belum dimoderasi.") % {"n": n})
        elif kind == "no_agreement":
            out.append(_("Kesepakatan antarasesor (alpha Krippendorff) belum dapat dihitung."))
        elif kind == "without_result":
            out.append(_("%(n)d daerah belum punya hasil.") % {"n": n})
    return out


def override_notes(overrides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The round's completeness overrides for the results page: action label, date, reason, gaps."""
    labels = {"close": _("Ditutup meski belum lengkap"), "publish": _("Diumumkan meski belum lengkap")}
    return [
        {
            "label": labels.get(o.get("action", ""), o.get("action", "")),
            "at": str(o.get("at", ""))[:10],
            "reason": o.get("reason", ""),
            "gaps": gap_sentences(o.get("gaps", {}), o.get("counts", {})),
        }
        for o in overrides
    ]
