"""Which code system a table's region codes follow: Kemendagri (the registry's) or BPS (via the bridge).

BPS numbers 199 of the 514 kabupaten/kota differently, and most of those BPS codes are another region's
Kemendagri code (BPS 1103 is Aceh Selatan, Kemendagri 11.03 is Aceh Timur). So a table states its
code system, its codes are converted through the bridge, and a table whose codes fit the other system
better (more rows whose name agrees, or more codes that exist there) is refused with a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kotacerdas.errors import InputError, Location
from kotacerdas.io.bridge import BpsBridge, packaged_bridge
from kotacerdas.io.registry import Registry, load_registry, normalise_code

KEMENDAGRI = "kemendagri"
BPS = "bps"
CODE_SYSTEMS = (KEMENDAGRI, BPS)
LABELS = {KEMENDAGRI: "Kemendagri", BPS: "BPS"}


@dataclass(frozen=True)
class CodedRow:
    """One table row's region code (as written) and, if the table has a name column, its name."""

    row: int
    code: object
    name: object = None


def resolve_region_codes(
    rows: list[CodedRow],
    system: str,
    *,
    file: str,
    column: str,
    registry: Registry | None = None,
    bridge: BpsBridge | None = None,
) -> list[str]:
    """Kemendagri codes of ``rows`` read as ``system`` codes; refuses when the other system fits better."""
    if system not in CODE_SYSTEMS:
        raise InputError(
            f"unknown code system {system!r}",
            location=Location(file=file),
            hint="use kemendagri or bps",
            code="unknown_code_system",
            params={"system": system},
        )
    reg = registry or load_registry()
    brg = bridge or packaged_bridge()
    readings = {s: [_read(r.code, s, reg, brg) for r in rows] for s in CODE_SYSTEMS}
    fit = {s: _fit(rows, readings[s], reg) for s in CODE_SYSTEMS}
    other = BPS if system == KEMENDAGRI else KEMENDAGRI
    if fit[other] > fit[system]:
        raise InputError(
            f"the region codes fit the {LABELS[other]} code system better than {LABELS[system]}: "
            f"{_describe(fit[other], len(rows))} as {LABELS[other]} codes, "
            f"{_describe(fit[system], len(rows))} as {LABELS[system]} codes"
            + _example(rows, readings[system], readings[other], reg, system, other),
            location=Location(file=file, column=column),
            hint=f"declare the code system {LABELS[other]} for this file, or correct its codes",
            code="code_system_mismatch",
            params={
                "other": LABELS[other],
                "system": LABELS[system],
                "total": len(rows),
                "other_codes": fit[other][1],
                "other_names": fit[other][0],
                "system_codes": fit[system][1],
                "system_names": fit[system][0],
            },
        )
    out = []
    for row in rows:
        where = Location(file=file, row=row.row, column=column)
        if system == BPS:
            out.append(brg.to_kemendagri(row.code, where))
        else:
            out.append(reg.get(row.code, where).code)
    return out


def _read(code: object, system: str, registry: Registry, bridge: BpsBridge) -> str | None:
    """The Kemendagri code that ``code`` names in ``system``, or None if it names nothing there."""
    try:
        plain = normalise_code(code).replace(".", "")
    except InputError:
        return None
    if system == BPS:
        return bridge.bps_to_kemendagri.get(plain)
    dotted = f"{plain[:2]}.{plain[2:]}"
    return dotted if dotted in registry else None


def _fit(rows: list[CodedRow], reading: list[str | None], registry: Registry) -> tuple[int, int]:
    """(rows whose name agrees with the region read, codes that name a region): higher fits better."""
    names = sum(
        1
        for row, code in zip(rows, reading, strict=True)
        if code is not None and row.name not in (None, "") and _key(row.name) == _key(registry.get(code).name)
    )
    return names, sum(code is not None for code in reading)


def _describe(fit: tuple[int, int], total: int) -> str:
    names, codes = fit
    text = f"{codes} of {total} codes exist"
    return text + (f" and {names} names agree" if names else "")


def _example(
    rows: list[CodedRow],
    declared: list[str | None],
    other: list[str | None],
    registry: Registry,
    system: str,
    other_system: str,
) -> str:
    for row, mine, theirs in zip(rows, declared, other, strict=True):
        if mine and theirs and mine != theirs:
            return (
                f" (row {row.row}: {row.code} is {registry.get(theirs).name} as a {LABELS[other_system]} code "
                f"but {registry.get(mine).name} as a {LABELS[system]} code)"
            )
    return ""


_TYPE_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota administrasi|kota adm\.?|kota)\s+")


def _key(name: object) -> str:
    """A region name without its type word, case or punctuation: ``Kabupaten Aceh Selatan`` → ``acehselatan``."""
    text = _TYPE_PREFIX.sub("", str(name).strip().lower())
    return re.sub(r"[^a-z0-9]", "", text)
