"""Inviting regions into a cohort from a published screening run (the long list).

The secretariat picks regions by the run's top N, by a score threshold, by hand or from an uploaded CSV
of region codes; each invitation records its reason (e.g. "30 teratas dari <run>: peringkat 4, skor 81,2",
shown in the reader's language: :mod:`kotacerdas.programme.step_reasons`). The
invitations are one transaction (all or nothing) and audited; regions already in the cohort are
skipped and named.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, StateError
from kotacerdas.io.tables import read_csv
from kotacerdas.programme.domain.cohorts import require_secretariat
from kotacerdas.programme.domain.participation import Reason, enrol
from kotacerdas.programme.domain.score_sources import index_run_source
from kotacerdas.programme.models import Cohort
from kotacerdas.programme.step_reasons import TEXTS, StepReason
from kotacerdas.regions.models import IndexRun, IndexScore

Method = Literal["top", "threshold", "list", "csv"]
METHODS: tuple[str, ...] = ("top", "threshold", "list", "csv")
#: how an invitation picked its regions, as the audit log names it in each language
METHOD_WORDS: dict[str, Promise] = {
    "top": gettext_lazy("peringkat teratas"),
    "threshold": gettext_lazy("skor minimal"),
    "list": gettext_lazy("dipilih manual"),
    "csv": gettext_lazy("daftar unggahan"),
}
MAX_INVITE_CSV = 256 * 1024
#: the longest reason kept on a state change
REASON_CHARS = 300


#: marks a platform-written reason in a pick's token (the confirmation page carries picks as text)
STEP = "§"


@dataclass(frozen=True)
class Pick:
    """A region to invite and why (typed in an uploaded list, else written by the platform)."""

    code: str
    reason: Reason

    def token(self) -> str:
        """The pick as one line of text (``code|reason``), read back by :meth:`from_token`."""
        if isinstance(self.reason, StepReason):
            data = json.dumps(
                [self.reason.code, dict(self.reason.params)], ensure_ascii=False, separators=(",", ":")
            )
            return f"{self.code}|{STEP}{data}"
        return f"{self.code}|{self.reason}"

    @classmethod
    def from_token(cls, token: str) -> Pick:
        code, _sep, reason = token.partition("|")
        if reason.startswith(STEP):
            try:
                step, params = json.loads(reason[len(STEP) :])
            except (ValueError, TypeError):
                return cls(code, reason)
            if isinstance(step, str) and step in TEXTS and isinstance(params, dict):
                return cls(code, StepReason(step, params))
        return cls(code, reason)


def _scored(run: IndexRun) -> list[IndexScore]:
    return list(run.scores.select_related("region").order_by("rank", "region__code"))


def _why(run: IndexRun, s: IndexScore, method: str, note: str, **how: Any) -> StepReason:
    """The platform's reason for inviting ``s``'s region (shown in each reader's language)."""
    params = {"method": method, **how, "run": run.name, "rank": s.rank, "score": s.score}
    return StepReason("invited", {**params, "note": note} if note else params)


def _with_note(reason: Reason, note: str) -> Reason:
    if not note:
        return reason
    if isinstance(reason, StepReason):
        return StepReason(reason.code, {**reason.params, "note": note})
    return f"{reason} — {note}"


def parse_codes(text: str) -> list[str]:
    """Region codes typed by hand: separated by commas, spaces or new lines."""
    return [c for c in text.replace(",", " ").split() if c]


def codes_from_csv(content: bytes, name: str) -> list[tuple[str, Reason]]:
    """(code, reason) rows of an uploaded CSV with a ``code`` column (and an optional ``reason``)."""
    if len(content) > MAX_INVITE_CSV:
        raise InputError(
            _("%(name)s: berkas lebih besar dari %(limit)s KB")
            % {"name": name, "limit": MAX_INVITE_CSV // 1024},
            code="file_too_large",
        )
    table = read_csv(content, name=name)
    at = table.index("code", "kode", hint=_("baris pertama menamai kolomnya: code (dan reason)"))
    has_reason = "reason" in table.header
    out: list[tuple[str, Reason]] = []
    for number, row in table.records():
        code = row[table.header[at]]
        if not code:
            raise InputError(
                _("kode daerah kosong"), location=table.at(number, "code"), code="region_code_empty"
            )
        out.append(
            (
                code,
                row.get("reason", "")
                if has_reason
                else StepReason("invited_csv_row", {"file": name, "row": number}),
            )
        )
    if not out:
        raise InputError(_("berkas tidak memuat daerah satu pun"), location=table.at(1), code="no_regions")
    return out


def pick(
    *,
    run: IndexRun,
    method: str,
    n: int | None = None,
    threshold: float | None = None,
    codes: Sequence[str] = (),
    rows: Sequence[tuple[str, Reason]] = (),
    note: str = "",
) -> list[Pick]:
    """The regions ``method`` picks from ``run`` (published), each with its reason."""
    index_run_source(run)  # refuses a draft run
    scored = _scored(run)
    by_code = {s.region.code: s for s in scored}
    if method == "top":
        if n is None or n < 1:
            raise InputError(_("N teratas: isi jumlah daerah, sedikitnya 1"), code="top_n_required")
        return [Pick(s.region.code, _why(run, s, "top", note, n=n)) for s in scored[:n]]
    if method == "threshold":
        if threshold is None:
            raise InputError(_("ambang: isi skor terendah yang diundang"), code="threshold_required")
        chosen = [s for s in scored if s.score >= threshold]
        return [Pick(s.region.code, _why(run, s, "threshold", note, threshold=threshold)) for s in chosen]
    if method in ("list", "csv"):
        given: list[tuple[str, Reason]] = list(rows) if method == "csv" else [(c, "") for c in codes]
        if not given:
            raise InputError(_("daerah: sebutkan sedikitnya satu kode daerah"), code="regions_required")
        unknown = [c for c, _r in given if c not in by_code]
        if unknown:
            raise InputError(
                _("daerah: %(codes)s tidak memiliki skor di %(run)s")
                % {"codes": ", ".join(unknown[:10]), "run": run.name},
                hint=_("pakai kode kabupaten/kota seperti 63.71"),
                code="not_scored",
            )
        return [
            Pick(c, _with_note(r, note) if r else _why(run, by_code[c], method, note))
            for c, r in dict(given).items()
        ]
    raise InputError(
        _("metode %(method)r tidak dikenal") % {"method": method},
        hint=_("salah satu dari %(allowed)s") % {"allowed": ", ".join(METHODS)},
        code="unknown_method",
    )


@dataclass(frozen=True)
class Invitation:
    invited: tuple[str, ...]
    skipped: tuple[str, ...]


@transaction.atomic
def invite(*, actor: Any, cohort: Cohort, run: IndexRun, picks: Sequence[Pick], method: str) -> Invitation:
    """Enrol every pick as ``invited`` with its reason (all or nothing); skip regions already in the cohort."""
    require_secretariat(actor, "invite regions")
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if cohort.historical:
        raise StateError(
            _("%(cohort)s dicatat dari fakta publik; tidak ada yang diundang ke sana")
            % {"cohort": cohort.name},
            code="historical_cohort",
        )
    if not picks:
        raise InputError(_("tidak ada daerah yang cocok: tidak ada yang diundang"), code="nobody_to_invite")
    present = set(cohort.participations.values_list("region__code", flat=True))
    regions = {s.region.code: s.region for s in run.scores.select_related("region")}
    invited, skipped = [], []
    for p in picks:
        if p.code in present:
            skipped.append(p.code)
            continue
        reason = p.reason if isinstance(p.reason, StepReason) else p.reason[:REASON_CHARS]
        enrol(actor=actor, cohort=cohort, region=regions[p.code], reason=reason)
        invited.append(p.code)
    record(
        actor=actor,
        action="cohort.invite",
        target=cohort,
        summary=wording(
            ngettext_lazy(
                "%(cohort)s: %(n)s daerah diundang dari %(run)s (%(method)s)",
                "%(cohort)s: %(n)s daerah diundang dari %(run)s (%(method)s)",
                len(invited),
            ),
            cohort=cohort.name,
            n=len(invited),
            run=run.name,
            method=METHOD_WORDS.get(method, method),
        ),
        data={"index_run": run.pk, "method": method, "invited": invited, "skipped": skipped},
    )
    return Invitation(tuple(invited), tuple(skipped))
