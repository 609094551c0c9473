"""Reading an indicator table (CSV or XLSX) into rows of cells, with file row numbers.

CSV goes through the project's one reader (:func:`kotacerdas.io.tables.read_csv`); XLSX through openpyxl.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import PurePath

from kotacerdas.errors import InputError, Location
from kotacerdas.io.tables import read_csv

SUFFIXES = (".csv", ".xlsx")


def read_table(name: str, content: bytes) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    """Header and ``(row_number, cells)`` pairs; row 1 is the header, as a spreadsheet counts."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        return _read_csv(name, content)
    if suffix == ".xlsx":
        return _read_xlsx(name, content)
    raise InputError(
        f"unsupported file type {suffix or '(none)'}",
        location=Location(file=name),
        hint="upload .csv or .xlsx",
    )


def _read_csv(name: str, content: bytes) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    table = read_csv(content, name=name)
    return list(table.header), ((row.number, list(row.cells)) for row in table.rows)


def _read_xlsx(name: str, content: bytes) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    from openpyxl import load_workbook  # local import: slow import, only for spreadsheets

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for bad files
        raise InputError(f"not a readable XLSX workbook ({exc})", location=Location(file=name)) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise InputError("the first sheet is empty", location=Location(file=name))
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    data = ((i, list(r)) for i, r in enumerate(rows[1:], start=2) if any(c not in (None, "") for c in r))
    return header, data
