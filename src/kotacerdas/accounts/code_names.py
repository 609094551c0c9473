"""Names people read for codes stored in records (an audit event's action or object type).

A record keeps its code, for scripts; a page shows the code's name in the reader's language, and a code
without a name (an older record, a code not yet named) reads as itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.functional import Promise


def name_of(names: Mapping[str, Promise], code: str) -> str:
    """The name of ``code`` in the active language; the code itself when ``names`` has none."""
    name = names.get(code)
    return str(name) if name is not None else code


def choices_of(names: Mapping[str, Promise], codes: Iterable[str]) -> list[tuple[str, str]]:
    """``(code, name)`` for a filter's choices, in the order of the names."""
    return sorted(((code, name_of(names, code)) for code in codes), key=lambda choice: choice[1].casefold())
