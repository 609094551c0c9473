"""The reasons the platform itself gives for a participation's steps: a code and parameters.

A step's reason is either typed by a person (kept as typed) or written by the platform: an invitation
from a screening run, a substitution, a re-selection, the start of bimtek 1, a selection run. The
platform's reasons (and the notes of the packaged 2017–2019 facts, which come in both languages) are stored as ``StateChange.reason_code`` and ``reason_params`` and shown in the
reader's language (:func:`render`), numbers with the reader's separators. ``StateChange.reason`` keeps
the Indonesian text (the source language) for the API, the audit log and older rows.

The selection engine's decision reasons (``Decision.reason``) are not here: they are translated by
:mod:`kotacerdas.programme.reasons`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.formats import get_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.domain.wording import in_active_language

TEXTS: dict[str, str | Promise] = {
    "selection_run": _("dinilai dalam seleksi"),
    "slot_taken": _("tempatnya diisi %(region)s"),
    "substitutes": _("menggantikan %(region)s"),
    "reselected": _("dipilih kembali setelah %(cohort)s"),
    "bimtek_started": _("bimtek %(stage)s dimulai"),
    "invited": _("%(how)s dari %(run)s: peringkat %(rank)s, skor %(score)s"),
    "invited_csv_row": _("%(file)s baris %(row)s"),
    "official_list": _("daftar resmi %(year)s: %(url)s"),
    "historical_note": "%(note)s",  # a note of the packaged 2017–2019 facts, given in both languages
}
#: how an invitation picked the region (``invited``'s ``method`` parameter)
HOW: dict[str, str | Promise] = {
    "top": _("%(n)s teratas"),
    "threshold": _("skor ≥ %(threshold)s"),
    "list": _("dipilih manual"),
    "csv": _("daftar unggahan"),
}


def _num(value: Any) -> str:
    """A number with the active language's separators, six significant digits at most."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return number_format(value, use_l10n=True)
    return f"{value:.6g}".replace(".", str(get_format("DECIMAL_SEPARATOR")))


def render(code: str, params: Mapping[str, Any]) -> str:
    """The reason ``code`` with ``params`` in the active language ("" for an unknown code)."""
    text = TEXTS.get(code)
    if text is None:
        return ""
    values = {k: _num(v) for k, v in params.items()}
    if code == "historical_note":
        values["note"] = in_active_language(params)  # a historical note is stored worded per language
    if code == "invited":
        how = HOW.get(str(params.get("method")), "%(n)s")
        values["how"] = str(how) % values if "%(" in str(how) else str(how)
    out = str(text) % values
    if params.get("note"):
        out += f" — {params['note']}"
    return out


@dataclass(frozen=True)
class StepReason:
    """A reason the platform writes: rendered in each reader's language when shown."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """In the active language."""
        return render(self.code, self.params)

    def source_text(self) -> str:
        """In Indonesian, the source language (what ``StateChange.reason`` keeps)."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.text()

    def __str__(self) -> str:
        return self.source_text()
