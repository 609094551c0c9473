"""Reading plain form fields into typed values, with errors that name the field and the fix."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest

from kotacerdas.errors import InputError


def date_field(request: HttpRequest, field: str, *, required: bool = True) -> dt.date | None:
    """The ISO date in POST ``field``; ``None`` when empty and not required."""
    raw = request.POST.get(field, "").strip()
    if not raw and not required:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{field}: {raw!r} is not a date", hint="write it as 2024-05-31") from None


def int_field(request: HttpRequest, field: str, *, minimum: int = 0) -> int:
    """The whole number in POST ``field``, at least ``minimum``."""
    raw = request.POST.get(field, "").strip()
    if not raw.lstrip("-").isdigit() or int(raw) < minimum:
        raise InputError(f"{field}: {raw!r} is not a whole number ≥ {minimum}")
    return int(raw)


def float_field(request: HttpRequest, field: str, *, minimum: float = 0.0) -> float:
    """The number in POST ``field`` (decimal point or comma), at least ``minimum``."""
    raw = request.POST.get(field, "").strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{field}: {raw!r} is not a number") from None
    if value < minimum:
        raise InputError(f"{field}: {value} is below {minimum}")
    return value
