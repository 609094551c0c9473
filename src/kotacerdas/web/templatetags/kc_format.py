"""Numbers as officials write them: ``{{ amount|rupiah }}`` gives ``Rp 700.000.000`` in Indonesian."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import date_format, number_format

from kotacerdas.accounts.error_text import from_dict, localise, message
from kotacerdas.assessment.domain.conflicts import worded_reason
from kotacerdas.assessment.models import Conflict
from kotacerdas.errors import KotaCerdasError
from kotacerdas.regions.models import REGION_TYPES
from kotacerdas.web.method_text import method_text

register = template.Library()


@register.filter
def rupiah(value: int | float | Decimal | None) -> str:
    """An amount in rupiah, grouped in the active language's format (no decimals); empty stays empty."""
    if value is None or value == "":
        return ""
    return f"Rp {number_format(value, 0, force_grouping=True)}"


@register.filter
def error_text(stored: dict[str, Any] | KotaCerdasError | None) -> str:
    """A stored error (a failed job's) or a raised one, in the reader's language, with file, row and column."""
    if isinstance(stored, KotaCerdasError):
        return localise(stored)
    return from_dict(stored) if stored else ""


@register.filter
def note_text(figure: dict[str, Any] | None) -> str:
    """Why a round's figure is missing (its ``note``), in the reader's language; a note stored before
    notes kept their code (English only) reads as stored."""
    if not figure or not figure.get("note"):
        return ""
    if not figure.get("note_code"):
        return str(figure["note"])
    return message(
        KotaCerdasError(
            str(figure["note"]), code=str(figure["note_code"]), params=figure.get("note_params") or {}
        )
    )


@register.filter(name="method_text")
def method_text_filter(stored: object) -> str:
    """An engine method sentence stored with a result, in the reader's language."""
    return method_text(stored)


@register.filter
def persen(value: float | str | None, places: int = 1) -> str:
    """A share (0.453) as a percentage in the active language's format: ``45,3 %`` in Indonesian; ``–`` if none."""
    if value is None or value == "":
        return "–"
    return f"{number_format(float(value) * 100, places)} %"


@register.filter
def iso_date(value: str | None) -> str:
    """A date stored as ISO text in JSON (a schedule's ``2026-12-31``) in the reader's format:
    ``31 Desember 2026`` in Indonesian; the text itself if it is not a date."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return date_format(day, "DATE_FORMAT")


@register.filter
def conflict_reason(conflict: Conflict) -> str:
    """``{{ c|conflict_reason }}``: a conflict's reason in the reader's language (rule conflicts re-worded)."""
    return worded_reason(conflict)


@register.filter
def region_type(value: Any) -> str:
    """A region type (``kota``, ``kabupaten``; a result's peer group) by its name in the active language."""
    return str(dict(REGION_TYPES).get(str(value), value))
