"""BPS ↔ Kemendagri code bridge for kabupaten/kota.

BPS (Statistics Indonesia) numbers 199 of the 514 kabupaten/kota differently from Kemendagri, so BPS
tables must be joined through a bridge file, never on the digits alone. The file is a CSV with at least
the columns ``kemendagri_code`` and ``bps_code`` (or ``bps_code_2020``), one row per region.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kotacerdas.errors import InputError, Location
from kotacerdas.io.registry import Registry, load_registry, normalise_code
from kotacerdas.io.tables import read_csv

_BPS_COLUMNS = ("bps_code", "bps_code_2020")


@dataclass(frozen=True)
class BpsBridge:
    """A one-to-one mapping between BPS codes (``1103``) and Kemendagri codes (``11.01``)."""

    bps_to_kemendagri: dict[str, str]
    source: str

    @property
    def kemendagri_to_bps(self) -> dict[str, str]:
        """The reverse mapping."""
        return {k: b for b, k in self.bps_to_kemendagri.items()}

    def to_kemendagri(self, bps_code: object, location: Location | None = None) -> str:
        """Kemendagri code (dotted) for a BPS code; an error naming the location if unmapped."""
        key = _plain_bps(bps_code, location or Location())
        try:
            return self.bps_to_kemendagri[key]
        except KeyError:
            raise InputError(
                f"BPS code {bps_code!r} is not in the bridge",
                location=location or Location(),
                hint=f"bridge file {self.source}",
                code="bps_code_not_in_bridge",
                params={"code": _param(bps_code), "source": self.source},
            ) from None

    def differing(self) -> int:
        """How many regions have a BPS code whose digits differ from their Kemendagri code."""
        return sum(b != k.replace(".", "") for b, k in self.bps_to_kemendagri.items())


def _param(code: object) -> object:
    """A code as a message parameter: as it came when JSON can store it (its repr is the message's)."""
    return code if isinstance(code, str | int | float) else str(code)


def _plain_bps(code: object, location: Location) -> str:
    text = str(code).strip().replace(".", "")
    if text.endswith("0") and len(text) == 5 and str(code).strip().endswith(".0"):
        text = text[:-1]
    if not (len(text) == 4 and text.isdigit()):
        raise InputError(
            f"{code!r} is not a four-digit BPS code",
            location=location,
            code="not_a_bps_code",
            params={"code": _param(code)},
        )
    return text


def load_bps_bridge(path: str | Path, registry: Registry | None = None) -> BpsBridge:
    """Read and validate a bridge CSV: every code well-formed, in the registry, and used only once."""
    reg = registry or load_registry()
    table = read_csv(path)
    name = table.file
    header = table.header
    bps_col = next((c for c in _BPS_COLUMNS if c in header), None)
    if "kemendagri_code" not in header or bps_col is None:
        raise InputError(
            "bridge file needs the columns kemendagri_code and bps_code (or bps_code_2020)",
            location=Location(file=name, row=1),
            code="bridge_columns",
        )
    mapping: dict[str, str] = {}
    seen_kemendagri: dict[str, int] = {}
    for row_number, row in table.records():
        loc_k = Location(file=name, row=row_number, column="kemendagri_code")
        kem = reg.get(normalise_code_at(row["kemendagri_code"], loc_k), loc_k).code
        bps = _plain_bps(row[bps_col], Location(file=name, row=row_number, column=bps_col))
        if bps in mapping:
            raise InputError(
                f"BPS code {bps} appears twice",
                location=Location(name, row_number, bps_col),
                code="bps_code_twice",
                params={"code": bps},
            )
        if kem in seen_kemendagri:
            raise InputError(
                f"Kemendagri code {kem} appears twice (first on row {seen_kemendagri[kem]})",
                location=loc_k,
                code="kemendagri_code_twice",
                params={"code": kem, "first": seen_kemendagri[kem]},
            )
        mapping[bps] = kem
        seen_kemendagri[kem] = row_number
    return BpsBridge(bps_to_kemendagri=mapping, source=name)


def normalise_code_at(code: object, location: Location) -> str:
    """:func:`normalise_code` with the error placed at ``location``."""
    try:
        return normalise_code(code)
    except InputError as exc:
        raise InputError(
            exc.message, location=location, hint=exc.hint, code=exc.code, params=exc.params
        ) from None


@lru_cache(maxsize=1)
def packaged_bridge() -> BpsBridge:
    """The bridge shipped with Kota Cerdas (``kotacerdas/io/bridges/bps_kemendagri.csv``), read once."""
    path = resources.files("kotacerdas.io.bridges").joinpath("bps_kemendagri.csv")
    with resources.as_file(path) as real:
        return load_bps_bridge(real)
