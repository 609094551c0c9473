"""Every selection decision's reason in the reader's language (Indonesian source texts, English too).

The engine gives each decision a structured reason (``Decision.why``: a code and its params, stored with
the decision as ``{"code", "params"}``) besides its English sentence (``Decision.reason``, kept for the
CLI and the audit record). :data:`REASONS` words each code with translatable texts; decisions stored
before the structured reasons existed are still read by parsing the English sentence (the fallback).
Numbers are written with the active language's separators.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kotacerdas.accounts.error_text import reason

NUMBER = r"(-?[\d.]+(?:e[-+]?\d+)?)"
_QUOTA = re.compile(
    r"^(?P<bounds>.+?) (?:per (?P<per>\S+)|(?P<by>\S+) = (?P<value>.+?)) (?P<scope>in each phase|over all phases)$"
)
_BOUND = re.compile(r"^(min share|max share|min|max) (\S+)$")
_CROWDED = re.compile(
    r"^crowded out by (?P<quota>.+?) \((?P<where>[^()]*)\): \S+ " + NUMBER + " beats " + NUMBER
)
_ALUMNUS = re.compile(r"^already in an earlier cohort \((?P<cohort>.+)\)$")


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


def excluded_text(detail: str) -> str:
    """Why a region was excluded (the platform's exclusion reasons, else the detail as given)."""
    if "not interviewed" in detail:
        return _("Dikecualikan: belum diwawancarai dalam putaran wawancara kesiapan yang sudah diumumkan")
    alumnus = _ALUMNUS.match(detail)
    if alumnus:
        return _("Dikecualikan: sudah menjadi peserta kohort sebelumnya (%(cohort)s)") % {
            "cohort": alumnus["cohort"]
        }
    if "listed under exclude" in detail:
        return _("Dikecualikan dalam konfigurasi seleksi")
    return _("Dikecualikan: %(detail)s") % {"detail": detail}


def reason_text(row: Mapping[str, Any], cutoff: float | None = None) -> str:
    """The reason of one stored decision row, in the active language."""
    structured = structured_text(row.get("why"))
    if structured is not None:
        return structured
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
        return excluded_text(reason.removeprefix("excluded: "))
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


# --- structured reasons: the engine's ``Reason`` (code + params), worded per code --------------------


def _bounds(quota: Mapping[str, Any]) -> str:
    words = []
    for key, template in (
        ("min", _("min. %(n)s")),
        ("max", _("maks. %(n)s")),
        ("min_share", _("porsi min. %(n)s")),
        ("max_share", _("porsi maks. %(n)s")),
    ):
        value = quota.get(key)
        if value is not None:
            words.append(template % {"n": f"{float(value):.0%}" if "share" in key else value})
    return (" " + _("dan") + " ").join(words)


def quota_label(quota: Mapping[str, Any]) -> str:
    """A quota (the engine's ``quota_data``) in words: ``maks. 2 per provinsi di tiap tahap``."""
    if quota.get("floor") is not None:
        return _("batas bawah pemerataan (%(share)s dari daerah yang memenuhi syarat di tiap %(column)s)") % {
            "share": num(quota["floor"], 4),
            "column": column_name(str(quota.get("by", ""))),
        }
    if not quota.get("by"):
        return quota_text(str(quota.get("label", "")))
    column = column_name(str(quota["by"]))
    target = (
        _("per %(column)s") % {"column": column}
        if quota.get("value") is None
        else _("%(column)s = %(value)s") % {"column": column, "value": quota["value"]}
    )
    scope = _("di tiap tahap") if quota.get("over") == "phase" else _("di semua tahap")
    return f"{_bounds(quota)} {target} {scope}"


def row_label(row: Mapping[str, Any]) -> str:
    """A quota's row with where it counts and its use: ``maks. 2 per provinsi … (Jawa Timur, 2/2)``."""
    where = [str(row["value"])] if row.get("value") is not None else []
    if row.get("every_phase"):
        where.append(_("penuh di setiap tahap"))
    else:
        if row.get("phase") is not None:
            where.append(_("tahap %(phase)s") % {"phase": row["phase"]})
        if row.get("max") is not None:
            where.append(f"{row.get('count')}/{row['max']}")
        elif row.get("min") is not None:
            where.append(_("%(count)s, min. %(min)s") % {"count": row.get("count"), "min": row["min"]})
    return f"{quota_label(row.get('quota') or {})} ({', '.join(where)})"


def _would_enter(params: Mapping[str, Any]) -> str:
    return _enter({"threshold": params.get("threshold")})


def _selected(p: Mapping[str, Any]) -> str:
    text = _(
        "Terpilih untuk tahap %(phase)s: skor %(score)s, peringkat %(rank)s dari %(eligible)s daerah yang memenuhi syarat"
    ) % {
        "phase": p.get("phase"),
        "score": num(p.get("score", 0)),
        "rank": p.get("rank"),
        "eligible": p.get("eligible"),
    }
    if p.get("brought_in_by"):
        text += "; " + _("masuk berkat kuota minimum %(quota)s") % {"quota": row_label(p["brought_in_by"])}
    return text


def _crowded_by_cap(p: Mapping[str, Any]) -> str:
    return _(
        "Tersingkir oleh kuota %(quota)s: skor %(score)s melebihi %(beaten)s, skor terendah yang terpilih di luar "
        "kelompoknya%(enter)s"
    ) % {
        "quota": row_label(p.get("quota") or {}),
        "score": num(p.get("score", 0)),
        "beaten": num(p.get("beaten", 0)),
        "enter": _would_enter(p),
    }


def _crowded_by_minimum(p: Mapping[str, Any]) -> str:
    quotas = "; ".join(quota_label(q) for q in p.get("quotas") or [])
    cutoff = p.get("cutoff")
    return _(
        "Tersingkir: kursinya dipegang kuota minimum (%(quotas)s); skor %(score)s di atas batas %(cutoff)s%(enter)s"
    ) % {
        "quotas": quotas or _("gabungan kuota"),
        "score": num(p.get("score", 0)),
        "cutoff": num(cutoff) if cutoff is not None else "–",
        "enter": _would_enter(p),
    }


def _seat_note(p: Mapping[str, Any]) -> str:
    seat = p.get("seat")
    if seat == "reserved":
        return " " + _(
            "(kurang dari batas: daerah ini dapat mengambil kursi yang dicadangkan kuota minimum untuk kelompoknya)"
        )
    if seat == "full":
        return " " + _("(lebih dari batas karena %(quota)s penuh)") % {
            "quota": row_label(p.get("full") or {})
        }
    if seat == "quotas_reserve":
        return " " + _("(lebih dari batas karena kuota mencadangkan kursi)")
    return ""


def _below(p: Mapping[str, Any]) -> str:
    cutoff = p.get("cutoff")
    if cutoff is None:
        text = _("Di bawah batas: skor %(score)s") % {"score": num(p.get("score", 0))}
    else:
        gap = p.get("gap")
        text = _("Di bawah batas: skor %(score)s, %(gap)s di bawah batas %(cutoff)s") % {
            "score": num(p.get("score", 0)),
            "gap": num(gap if gap is not None else float(cutoff) - float(p.get("score", 0))),
            "cutoff": num(cutoff),
        }
    return text + _would_enter(p) + _seat_note(p)


def _tie(p: Mapping[str, Any]) -> str:
    return (
        _(
            "Di bawah batas: seri di %(score)s dengan daerah terakhir yang terpilih; seri dimenangkan kode yang lebih kecil"
        )
        % {"score": num(p.get("score", 0))}
        + _would_enter(p)
        + _seat_note(p)
    )


def _excluded(p: Mapping[str, Any]) -> str:
    return excluded_text(str(p.get("detail", "")))


def _ineligible(p: Mapping[str, Any]) -> str:
    return _("Tidak memenuhi syarat: %(rule)s") % {"rule": p.get("rule") or p.get("detail") or ""}


def _blocked(p: Mapping[str, Any]) -> str:
    """The conflict worded per reason code (as an infeasible selection's); stored before the reasons came
    with the decision: its English sentences as given."""
    reasons = p.get("reasons")
    why = (
        [reason(r) for r in reasons if isinstance(r, Mapping)]
        if isinstance(reasons, list)
        else [str(w) for w in p.get("why") or []]
    )
    return _("Terhalang: tidak ada susunan yang memenuhi semua kuota dan memuat daerah ini (%(why)s)") % {
        "why": "; ".join(why)
    }


#: the engine's reason code → how it is worded (each with Indonesian msgids, English in the catalogue)
REASONS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "selected": _selected,
    "excluded": _excluded,
    "ineligible": _ineligible,
    "blocked": _blocked,
    "crowded_out_by_cap": _crowded_by_cap,
    "crowded_out_by_minimum": _crowded_by_minimum,
    "below_cutoff": _below,
    "below_cutoff_tie": _tie,
}


def structured_text(why: object) -> str | None:
    """A stored ``{"code", "params"}`` reason in the active language (None: no such reason, or unknown)."""
    if not isinstance(why, Mapping):
        return None
    render = REASONS.get(str(why.get("code")))
    params = why.get("params")
    if render is None or not isinstance(params, Mapping):
        return None
    try:
        return render(params)
    except (
        AttributeError,
        KeyError,
        TypeError,
        ValueError,
    ):  # params that do not fit: the parser's wording beats none
        return None
