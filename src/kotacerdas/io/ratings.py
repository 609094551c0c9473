"""Ratings tables for agreement statistics: a unit id column, then one column per rater.

Empty cells are missing ratings. Cells that are not finite numbers, and unit ids that repeat, are an
:class:`InputError` naming file, row and column. The first row is the header (unit column name, then
rater names). Files are read by :func:`kotacerdas.io.tables.read_csv`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import InputError
from kotacerdas.io.tables import parse_number, read_csv


@dataclass(frozen=True)
class RatingsTable:
    """Units × raters ratings with ``NaN`` for missing, and the unit and rater names."""

    units: tuple[str, ...]
    raters: tuple[str, ...]
    ratings: NDArray[np.float64]


def read_ratings(path: str | Path) -> RatingsTable:
    """Read a ratings CSV (header: unit column, then rater names; empty cell = missing)."""
    table = read_csv(path)
    header = table.header
    if len(header) < 3:
        raise InputError(
            "need a unit column and at least two rater columns",
            location=table.at(1),
            code="ratings_too_narrow",
        )
    if not table.rows:
        raise InputError(
            "need a header row and at least one unit", location=table.at(), code="ratings_no_units"
        )
    table.check_width()
    units: list[str] = []
    first_row: dict[str, int] = {}
    matrix = np.full((len(table.rows), len(header) - 1), np.nan)
    for r, row in enumerate(table.rows):
        unit = row.cells[0]
        if not unit:
            raise InputError("empty unit id", location=table.at(row.number, header[0]), code="empty_unit_id")
        if unit in first_row:
            raise InputError(
                f"unit {unit!r} repeats row {first_row[unit]}",
                location=table.at(row.number, header[0]),
                hint="give each unit one row, with one column per rater",
                code="unit_repeats",
                params={"unit": unit, "first": first_row[unit]},
            )
        first_row[unit] = row.number
        units.append(unit)
        for c, text in enumerate(row.cells[1:]):
            if text:
                matrix[r, c] = parse_number(text, table.at(row.number, header[c + 1]), what="rating")
    return RatingsTable(tuple(units), tuple(header[1:]), matrix)
