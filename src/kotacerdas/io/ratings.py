"""Ratings tables for agreement statistics: a unit id column, then one column per rater.

Empty cells are missing ratings. Non-numeric cells are an :class:`InputError` naming file, row and
column. The first row is the header (unit column name, then rater names).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import InputError, Location


@dataclass(frozen=True)
class RatingsTable:
    """Units × raters ratings with ``NaN`` for missing, and the unit and rater names."""

    units: tuple[str, ...]
    raters: tuple[str, ...]
    ratings: NDArray[np.float64]


def read_ratings(path: str | Path) -> RatingsTable:
    """Read a ratings CSV (header: unit column, then rater names; empty cell = missing)."""
    file = str(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    except OSError as exc:
        raise InputError(
            f"cannot read the ratings file: {exc.strerror}", location=Location(file=file)
        ) from exc
    if len(rows) < 2:
        raise InputError("need a header row and at least one unit", location=Location(file=file))
    header = [cell.strip() for cell in rows[0]]
    if len(header) < 3:
        raise InputError(
            "need a unit column and at least two rater columns", location=Location(file=file, row=1)
        )
    units: list[str] = []
    matrix = np.full((len(rows) - 1, len(header) - 1), np.nan)
    for r, row in enumerate(rows[1:]):
        number = r + 2
        if len(row) != len(header):
            raise InputError(
                f"expected {len(header)} cells, found {len(row)}", location=Location(file, number)
            )
        units.append(row[0].strip())
        for c, cell in enumerate(row[1:]):
            text = cell.strip()
            if not text:
                continue
            try:
                matrix[r, c] = float(text)
            except ValueError:
                raise InputError(
                    f"rating {text!r} is not a number", location=Location(file, number, header[c + 1])
                ) from None
    return RatingsTable(tuple(units), tuple(header[1:]), matrix)
