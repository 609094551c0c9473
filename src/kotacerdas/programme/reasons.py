"""Every selection decision's reason in the reader's language (Indonesian source texts, English too).

The engine writes one English sentence per region (``Decision.reason``, kept for the CLI and the audit
record); the platform shows a translatable text with parameters built from the decision's fields
(status, score, threshold, shortfall, binding quota) and the few values the English sentence names.
Numbers are written with the active language's separators.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

NUMBER = r"(-?[\d.]+(?:e[-+]?\d+)?)"
_QUOTA = re.compile(
    r"^(?P<bounds>.+?) (?:per (?P<per>\S+)|(?P<by>\S+) = (?P<value>.+?)) (?P<scope>in each phase|over all phases)$"
)
_BOUND = re.compile(r"^(min share|max share|min|max) (\S+)$")
_CROWDED = re.compile(
    r"^crowded out by (?P<quota>.+?) \((?P<where>[^()]*)\): \S+ " + NUMBER + " beats " + NUMBER
)
_ALUMNUS = re.compile(r"^excluded: already in an earlier cohort \((?P<cohort>.+)\)$")


def num(value: Any, digits: int = 2) -> str:
    """A number in the active language's format (``81,25`` in Indonesian)."""
    return number_format(round(float(value), digits), decimal_pos=digits, use_l10n=True)


def column_name(column: str) -> str:
    return {
        "province": _("provinsi"),
        "province_code": _("kode provinsi"),
        "island_group": _("kelompok pulau"),
        "type": _("jenis daerah"),
        "score": _("skor"),
    }.get(column, column)


def quota_text(label: str) -> str:
    """``max 2 per province in each phase`` → ``maks. 2 per provinsi di tiap tahap`` (else unchanged)."""
    m = _QUOTA.match(label.strip())
    if not m:
        return label
    words = []
    for part in m["bounds"].split(" and "):
        b = _BOUND.match(part.strip())
        if not b:
            return label
        kind, value = b.groups()
        if "share" in kind:
            value = f"{float(value):.0%}"
        words.append(
            {
                "min": _("min. %(n)s"),
                "max": _("maks. %(n)s"),
                "min share": _("porsi min. %(n)s"),
                "max share": _("porsi maks. %(n)s"),
            }[kind]
            % {"n": value}
        )
    target = (
        _("per %(column)s") % {"column": column_name(m["per"])}
        if m["per"]
        else _("%(column)s = %(value)s") % {"column": column_name(m["by"]), "value": m["value"]}
    )
    scope = _("di tiap tahap") if m["scope"] == "in each phase" else _("di semua tahap")
    joiner = " " + _("dan") + " "
    return f"{joiner.join(words)} {target} {scope}"


def _enter(row: Mapping[str, Any]) -> str:
    if row.get("threshold") is None:
        return ""
    return "; " + _("akan masuk dengan skor di atas %(t)s") % {"t": num(row["threshold"])}


def reason_text(row: Mapping[str, Any], cutoff: float | None = None) -> str:
    """The reason of one stored decision row, in the active language."""
    status, reason = row.get("status"), str(row.get("reason", ""))
    score = num(row.get("score", 0))
    if status == "selected":
        text = _("Terpilih untuk tahap %(phase)s: skor %(score)s") % {
            "phase": row.get("phase"),
            "score": score,
        }
        if "brought in by" in reason:
            text += "; " + _("masuk berkat kuota minimum")
        return text
    if status == "excluded":
        if "not interviewed" in reason:
            return _("Dikecualikan: belum diwawancarai dalam putaran wawancara kesiapan yang sudah diumumkan")
        alumnus = _ALUMNUS.match(reason)
        if alumnus:
            return _("Dikecualikan: sudah menjadi peserta kohort sebelumnya (%(cohort)s)") % {
                "cohort": alumnus["cohort"]
            }
        if "listed under exclude" in reason:
            return _("Dikecualikan dalam konfigurasi seleksi")
        return _("Dikecualikan: %(detail)s") % {"detail": reason.removeprefix("excluded: ")}
    if status == "ineligible":
        return _("Tidak memenuhi syarat: %(rule)s") % {
            "rule": row.get("binding") or reason.removeprefix("ineligible: ")
        }
    if status == "crowded_out":
        m = _CROWDED.match(reason)
        if m:
            return _(
                "Tersingkir oleh kuota %(quota)s (%(where)s): skor %(score)s melebihi %(beaten)s, skor terendah "
                "yang terpilih di luar kelompoknya%(enter)s"
            ) % {
                "quota": quota_text(m["quota"]),
                "where": m["where"].replace(" of ", "/"),
                "score": num(m[3]),
                "beaten": num(m[4]),
                "enter": _enter(row),
            }
        quotas = "; ".join(quota_text(q) for q in str(row.get("binding") or "").split("; ") if q)
        return _(
            "Tersingkir: kursinya dipegang kuota minimum (%(quotas)s); skor %(score)s di atas batas %(cutoff)s%(enter)s"
        ) % {
            "quotas": quotas or _("gabungan kuota"),
            "score": score,
            "cutoff": num(cutoff) if cutoff is not None else "–",
            "enter": _enter(row),
        }
    if status == "below_cutoff":
        if cutoff is None:
            return _("Di bawah batas: skor %(score)s") % {"score": score} + _enter(row)
        gap = row.get("shortfall")
        if gap is not None and gap <= 1e-9:
            return _(
                "Di bawah batas: seri di %(score)s dengan daerah terakhir yang terpilih; seri dimenangkan kode yang lebih kecil"
            ) % {"score": score} + _enter(row)
        return _("Di bawah batas: skor %(score)s, %(gap)s di bawah batas %(cutoff)s") % {
            "score": score,
            "gap": num(gap if gap is not None else cutoff - float(row.get("score", 0))),
            "cutoff": num(cutoff),
        } + _enter(row)
    if status == "blocked":
        return _("Terhalang: tidak ada susunan yang memenuhi semua kuota dan memuat daerah ini (%(why)s)") % {
            "why": row.get("binding") or ""
        }
    return reason
