"""Texts worded once per platform language when they are recorded (audit summaries, job messages).

A stored record is evidence: it keeps the words it was given in every language the platform speaks,
instead of a code whose wording could change later. A service passes a :func:`wording` (a message with
Indonesian msgid and its parameters) and :func:`in_each_language` renders it under each of
``settings.LANGUAGES``: numbers and dates with that language's separators and names, labels of choices
(lazy texts) in that language. A plain ``str`` is data (a name, a key) and reads the same in all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.functional import Promise

#: what a service may pass: data (``str``), a lazy text, or a :func:`wording`
Wordable = str | Promise | Callable[[], str]


def localised(value: Any) -> str:
    """One parameter in the active language: numbers grouped with its separators, dates spelled out.

    Pass a year or a code as ``str`` (``"2026"``), or it is grouped like an amount (``2.026``).
    """
    if isinstance(value, bool) or value is None:
        return str(value) if value is not None else "—"
    if isinstance(value, int):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, float):
        return f"{value:.6g}".replace(".", str(formats.get_format("DECIMAL_SEPARATOR")))
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, list | tuple):
        return ", ".join(localised(v) for v in value)
    return str(value)


def wording(message: Promise, /, **params: Any) -> Callable[[], str]:
    """``message`` (a ``gettext_lazy`` text with ``%(name)s`` placeholders) with ``params``, worded
    in whichever language is active when it is called.

    A plain ``str`` message is refused: it was translated already (``gettext``) or never will be.
    """
    if not isinstance(message, Promise):
        raise TypeError(f"wording() needs a gettext_lazy message, not {type(message).__name__}: {message!r}")

    def word() -> str:
        text = str(message)
        return text % {k: localised(v) for k, v in params.items()} if params else text

    return word


def word(text: Wordable) -> str:
    """``text`` in the active language."""
    return text() if callable(text) else str(text)


def in_each_language(text: Wordable, *, limit: int | None = None) -> Mapping[str, str]:
    """``text`` worded in every language of ``settings.LANGUAGES`` (each cut to ``limit`` characters)."""
    out: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            worded = word(text)
        out[code] = worded[:limit] if limit is not None else worded
    return out


def in_active_language(stored: object) -> str:
    """A text stored worded in each language (``{"id": …, "en": …}``, from :func:`in_each_language`) in
    the active language; a plain ``str`` (stored before it was worded per language) as stored."""
    if isinstance(stored, Mapping):
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        return str(stored.get(language) or stored.get(settings.LANGUAGE_CODE) or "")
    return str(stored)
