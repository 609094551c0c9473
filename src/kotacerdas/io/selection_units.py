"""What a code in a ``kotacerdas select`` file stands for: SELECTION.yaml's ``units`` key.

* ``regions`` (default): a kabupaten/kota in the registry (``63.71`` or ``6371``); ``name``,
  ``province_code``, ``province``, ``island_group`` and ``type`` come from the registry when the file
  lacks them.
* ``villages``: a Kemendagri village code ``PP.RR.DD.VVVV`` (dotted or 10 digits); ``district``
  (``PP.RR.DD``), ``regency`` (``PP.RR``) and ``province`` (``PP``) are derived from the code and replace
  file columns of those names, because district and village names repeat across the country.
* ``any``: the code exactly as written (any non-empty text); quotas use the file's own columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from kotacerdas.errors import InputError, Location
from kotacerdas.io.registry import Registry, load_registry

UnitKind = Literal["regions", "villages", "any"]
UNIT_KINDS: tuple[str, ...] = ("regions", "villages", "any")
REGISTRY_COLUMNS = ("name", "province_code", "province", "island_group", "type")
VILLAGE_COLUMNS = ("district", "regency", "province")
#: column names that hold the unit code, per kind, in order of preference
CODE_COLUMNS: dict[str, tuple[str, ...]] = {
    "regions": ("code", "uCode"),
    "villages": ("code", "uCode", "village_code"),
    "any": ("code", "uCode"),
}

_VILLAGE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$")
_DOTTED_VILLAGE = re.compile(r"\d\d\.\d\d\.\d\d\.\d{4}")


def village_code(code: object, location: Location | None = None) -> str:
    """A village code in dotted form (``11.01.01.2001``) from the dotted or the 10-digit form."""
    text = str(code).strip()
    if _DOTTED_VILLAGE.fullmatch(text):
        return text
    match = _VILLAGE.match(text)
    if not match or (("." in text) and text.count(".") != 3):
        raise InputError(
            f"{code!r} is not a village code",
            location=location or Location(),
            hint="write it as 11.01.01.2001 or 1101012001 (Kemendagri code)",
            code="not_a_village_code",
            params={"code": code},
        )
    return ".".join(match.groups())


@dataclass(frozen=True)
class Units:
    """Reads and describes unit codes of one kind (see the module docstring)."""

    kind: UnitKind = "regions"
    registry: Registry | None = None

    @property
    def code_columns(self) -> tuple[str, ...]:
        """Header names accepted for the code column."""
        return CODE_COLUMNS[self.kind]

    @property
    def noun(self) -> str:
        """What one unit is called in messages."""
        return {"regions": "region", "villages": "village", "any": "unit"}[self.kind]

    @property
    def replaces(self) -> tuple[str, ...]:
        """File columns that the code-derived columns replace."""
        return VILLAGE_COLUMNS if self.kind == "villages" else ()

    def code(self, text: object, location: Location | None = None) -> str:
        """The canonical code for a cell, or an :class:`InputError` at ``location``."""
        if self.kind == "villages":
            return village_code(text, location)
        if self.kind == "any":
            code = str(text).strip()
            if not code:
                raise InputError("empty code", location=location or Location(), code="empty_code")
            return code
        return (self.registry or load_registry()).get(text, location).code

    def derived(self, codes: list[str], header: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """Attribute columns derived from (canonical) codes; regions fill only what the file lacks."""
        if self.kind == "villages":
            return {
                "district": tuple(c[:8] for c in codes),
                "regency": tuple(c[:5] for c in codes),
                "province": tuple(c[:2] for c in codes),
            }
        if self.kind == "regions":
            registry = self.registry or load_registry()
            regions = [registry.get(c) for c in codes]
            return {
                h: tuple(str(getattr(r, h)) for r in regions) for h in REGISTRY_COLUMNS if h not in header
            }
        return {}


def units_for(kind: str, registry: Registry | None = None) -> Units:
    """:class:`Units` for a kind named in SELECTION.yaml (validated by the caller)."""
    return Units(cast(UnitKind, kind), registry)
