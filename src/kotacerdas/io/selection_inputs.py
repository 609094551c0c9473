"""The data files of ``kotacerdas select``: candidate scores, earlier cohorts to exclude, score draws.

Files are read by :func:`kotacerdas.io.tables.read_csv`; errors name the file, the row (as a
spreadsheet shows it) and the column. What a code means (a kabupaten/kota, a village, any text) is
decided by :class:`kotacerdas.io.selection_units.Units`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np

from kotacerdas.engine.selection import Candidates
from kotacerdas.errors import InputError, Location
from kotacerdas.io.registry import Registry
from kotacerdas.io.selection_units import Units
from kotacerdas.io.tables import parse_column, parse_number, read_csv

CANCELLED = {"withdrawn", "cancelled", "canceled"}


def region_code(registry: Registry, code: str, location: Location) -> str:
    """The dotted kabupaten/kota code of ``code``, or an error at ``location``."""
    return registry.get(code, location).code


def read_exclusions(
    path: Path, registry: Registry | None = None, units: Units | None = None
) -> dict[str, str]:
    """Codes to exclude from a CSV with a ``code`` column (optional ``year``, ``status``).

    Rows whose status is withdrawn/cancelled do not exclude: such a region may be selected again
    (as Kota Depok was in 2019 after its 2018 selection was cancelled).
    """
    kind = units or Units("regions", registry)
    table = read_csv(path)
    table.index("code", hint="earlier cohorts: code[,year,status]")
    out: dict[str, str] = {}
    for number, cells in table.records():
        code = _code(kind, cells["code"], table.at, number, "code")
        if cells.get("status", "").lower() in CANCELLED:
            continue
        year = cells.get("year", "")
        out[code] = f"already in an earlier cohort ({year})" if year else f"listed in {path.name}"
    return out


def read_scores(
    path: Path, score: str, registry: Registry | None = None, units: Units | None = None
) -> Candidates:
    """Candidates from a CSV: the code column, the score column and attribute columns.

    ``units`` says what the codes are (default: kabupaten/kota, ``63.71`` or ``6371``, with registry
    columns filled in). Columns whose every value is a number become numeric attributes; others stay
    text. Scores must be finite numbers.
    """
    kind = units or Units("regions", registry)
    table = read_csv(path)
    header = table.header
    code_at = table.index(*kind.code_columns)
    code_col = header[code_at]
    if score not in header:
        raise InputError(
            f"no score column {score!r}",
            location=table.at(1),
            hint=f"columns: {', '.join(header)}",
            code="no_score_column",
            params={"score": score, "columns": ", ".join(header)},
        )
    table.check_width()
    score_at = header.index(score)
    scores = parse_column(table, score_at, score, what="score")
    codes: list[str] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        code = _code(kind, row.cells[code_at], table.at, row.number, code_col)
        if code in seen:
            raise InputError(
                f"the {kind.noun} {code} repeats row {seen[code]}",
                location=table.at(row.number, code_col),
                code="region_repeats"
                if kind.kind == "regions"
                else "village_repeats"
                if kind.kind == "villages"
                else "code_repeats",
                params={"code": code, "first": seen[code]},
            )
        seen[code] = row.number
        codes.append(code)
    attributes: dict[str, tuple[str | float, ...]] = {
        h: _typed([row.cells[i] for row in table.rows])
        for i, h in enumerate(header)
        if i not in (code_at, score_at) and h not in kind.replaces
    }
    attributes.update(kind.derived(codes, header))
    return Candidates(tuple(codes), scores, attributes, score)


def _code(kind: Units, cell: str, at: Callable[[int, str], Location], row: int, column: str) -> str:
    """The unit code of a cell; the :class:`Location` is built only when the code is refused."""
    try:
        return kind.code(cell)
    except InputError as exc:
        raise InputError(
            exc.message, location=at(row, column), hint=exc.hint, code=exc.code, params=exc.params
        ) from None


def _typed(values: list[str]) -> tuple[str | float, ...]:
    """A column of numbers (empty = ``nan``) when every cell reads as one, else the text as it is."""
    try:
        return tuple([float(v) if v != "" else math.nan for v in values])
    except ValueError:
        return tuple(values)


def read_samples(
    path: Path, candidates: Candidates, registry: Registry | None = None, units: Units | None = None
) -> np.ndarray:
    """Score draws from a CSV: the code column then one column per draw; every candidate needs a row.

    Every draw must be a finite number (``nan``/``inf`` are refused with the row and column), so a unit
    that has no score in some sample cannot silently distort the probabilities of selection.
    """
    kind = units or Units("regions", registry)
    table = read_csv(path)
    header = table.header
    if len(header) < 2:
        raise InputError(
            "needs a code/uCode column and at least one draw column",
            location=table.at(1),
            code="samples_too_narrow",
        )
    code_at = table.index(*kind.code_columns)
    table.check_width()
    draws: dict[str, list[float]] = {}
    for row in table.rows:
        code = _code(kind, row.cells[code_at], table.at, row.number, header[code_at])
        draws[code] = [
            parse_number(cell, table.at(row.number, h))
            for i, (h, cell) in enumerate(zip(header, row.cells, strict=True))
            if i != code_at
        ]
    missing = [c for c in candidates.codes if c not in draws]
    if missing:
        raise InputError(
            f"no draws for {', '.join(missing[:5])}",
            location=table.at(),
            code="no_draws_for",
            params={"codes": ", ".join(missing[:5])},
        )
    return np.array([draws[c] for c in candidates.codes], dtype=np.float64).T
