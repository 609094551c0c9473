"""Tables written for people: translated headers, formatted numbers, every cell through the formula guard.

A table is described by its :class:`Column` s: a header (a translatable text, rendered as ``str`` in the
active language when the file is written) and, for numeric columns, an XLSX number format. Numbers stay
numbers: a numeric XLSX cell keeps its value and gets the number format, which the spreadsheet shows
with the reader's own separators (``0,8`` in Indonesian). Used by the web downloads and the round
summary workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kotacerdas.io.safe_cells import append_row

#: XLSX number formats (format codes are locale-independent: "," groups and "." marks decimals in them)
INTEGER = "#,##0"
DECIMAL = "#,##0.0000"
SHARE = "0.0%"


@dataclass(frozen=True)
class Column:
    """One column: its header (a text or lazy translation, made ``str`` when written), a number format."""

    label: Any
    number_format: str | None = None


Header = Sequence[Any]  # Column objects, or plain header texts


def columns(header: Header) -> list[Column]:
    return [c if isinstance(c, Column) else Column(c) for c in header]


def header_labels(header: Header) -> list[str]:
    """The header row in the active language."""
    return [str(c.label) for c in columns(header)]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def fill_sheet(sheet: Any, header: Header, rows: Iterable[Sequence[Any]]) -> None:
    """Write the header and ``rows`` into an openpyxl worksheet, neutralised, numeric cells formatted."""
    cols = columns(header)
    append_row(sheet, header_labels(cols))
    formats = [(i, c.number_format) for i, c in enumerate(cols, start=1) if c.number_format]
    for row in rows:
        append_row(sheet, row)
        at = sheet.max_row
        for column, number_format in formats:
            cell = sheet.cell(row=at, column=column)
            if _is_number(cell.value):
                cell.number_format = number_format
