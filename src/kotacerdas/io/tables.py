"""The one CSV reader of Kota Cerdas: bytes or a path in, a header and numbered rows out.

Every table the project reads (indicator data, scores, ratings, assignment files, rubric scores, the
BPS bridge, the packaged cohort history) goes through :func:`read_csv`, so every file gets the same
encoding rules and the same error messages:

* encoding: UTF-8 with or without a byte-order mark, or UTF-16 with a byte-order mark (what Excel
  writes as "Unicode text"); latin-1 only when the caller asks for it (``latin1=True``). Anything
  else is refused with a sentence naming the file, the row and the byte;
* rows are numbered as a spreadsheet shows them (the header is row 1); blank rows are skipped but
  keep their numbers; cells and column names are stripped of surrounding spaces;
* numbers go through :func:`parse_number`, which refuses ``inf``, ``nan`` and values too large for a
  float (``1e400``) with the file, row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import InputError, Location

ENCODING_HINT = "save it as 'CSV UTF-8', or as UTF-16 with a byte-order mark"
#: cells that mean "no value" where a caller allows missing numbers (R and COINr write NA)
MISSING = frozenset({"", "NA"})


class Row(NamedTuple):
    """One data row: its number as a spreadsheet shows it, and its cells (stripped text)."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A decoded CSV: the header (empty without one), the non-blank rows and where they came from."""

    file: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str

    def at(self, row: int | None = None, column: str | None = None) -> Location:
        """A :class:`Location` in this file."""
        return Location(file=self.file, row=row, column=column)

    def index(self, *names: str, hint: str | None = None) -> int:
        """Position of the first of ``names`` in the header; an error on row 1 if none is there."""
        for name in names:
            if name in self.header:
                return self.header.index(name)
        wanted = " or ".join(repr(n) for n in names)
        raise InputError(
            f"no {wanted} column",
            location=self.at(1),
            code="missing_column",
            # the columns there are, for the default hint's template (a caller's own hint has none)
            params={"wanted": " / ".join(repr(n) for n in names)}
            | ({} if hint else {"columns": ", ".join(self.header) or "—"}),
            hint=hint or f"columns: {', '.join(self.header) or '(none)'}",
        )

    def check_width(self, width: int | None = None) -> None:
        """Refuse a row whose number of cells differs from ``width`` (default: the header's)."""
        expected = len(self.header) if width is None else width
        for row in self.rows:
            if len(row.cells) != expected:
                raise InputError(
                    f"expected {expected} cells, found {len(row.cells)}",
                    location=self.at(row.number),
                    code="cell_count",
                    params={"expected": expected, "found": len(row.cells)},
                )

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Rows as ``(number, {column: cell})``; missing trailing cells read as empty text."""
        for row in self.rows:
            cells = row.cells + ("",) * (len(self.header) - len(row.cells))
            yield row.number, dict(zip(self.header, cells, strict=False))


def read_csv(
    source: str | Path | bytes, *, name: str | None = None, header: bool = True, latin1: bool = False
) -> Table:
    """Read a CSV from a path or from bytes (``name`` then says which file it was) into a :class:`Table`.

    With ``header=False`` every row is data and the first is row 1. ``latin1=True`` accepts files that
    are not UTF-8/UTF-16 as ISO-8859-1; without it such a file is an :class:`InputError`.
    """
    if isinstance(source, bytes):
        file, content = name or "(upload)", source
    else:
        file = name or str(source)
        try:
            content = Path(source).read_bytes()
        except FileNotFoundError:
            raise InputError("file not found", location=Location(file=file), code="file_not_found") from None
        except OSError as exc:
            raise InputError(
                f"cannot read the file: {exc.strerror}",
                location=Location(file=file),
                code="unreadable_file",
                params={"reason": str(exc.strerror)},
            ) from None
    text, encoding = decode(content, file, latin1=latin1)
    rows = _parse(text, file)
    if not rows:
        raise InputError("the file is empty", location=Location(file=file), code="file_empty")
    if not header:
        return Table(file, (), tuple(rows), encoding)
    head = rows[0]
    names = head.cells
    seen: set[str] = set()
    for column in names:
        if column and column in seen:
            raise InputError(
                f"column {column!r} appears twice",
                location=Location(file, head.number, column),
                code="duplicate_column",
                params={"column": column},
            )
        seen.add(column)
    return Table(file, names, tuple(rows[1:]), encoding)


def decode(content: bytes, file: str, *, latin1: bool = False) -> tuple[str, str]:
    """The text of a file and the encoding it was read with (see the module docstring for the rules)."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not content.startswith(
        codecs.BOM_UTF32_LE
    ):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _undecodable(content, exc, file, ("UTF-16",)) from None
    if b"\x00" in content:
        raise InputError(
            "the file contains NUL bytes: it looks like UTF-16 without a byte-order mark",
            location=Location(file=file, row=content.count(b"\n", 0, content.index(b"\x00")) + 1),
            hint=ENCODING_HINT,
            code="nul_bytes",
        )
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        if not latin1:
            raise _undecodable(content, exc, file, ("UTF-8", "UTF-16")) from None
    return content.decode("latin-1"), "latin-1"


def _undecodable(content: bytes, exc: UnicodeDecodeError, file: str, expected: tuple[str, ...]) -> InputError:
    where = exc.start
    byte = f"0x{content[where]:02X}"
    return InputError(
        f"the file is not {'/'.join(expected)} text: byte {byte} at offset {where} cannot be read "
        "(latin-1 or Windows-1252?)",
        location=Location(file=file, row=content.count(b"\n", 0, where) + 1),
        hint=ENCODING_HINT,
        code="undecodable_text",
        params={"expected": "/".join(expected), "byte": byte, "offset": where},
    )


def _parse(text: str, file: str) -> list[Row]:
    """Records numbered as a spreadsheet numbers them (a quoted line break stays inside its row)."""
    rows: list[Row] = []
    number = 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            stripped = tuple(map(str.strip, cells))
            if any(stripped):
                rows.append(Row(number, stripped))
    except csv.Error as exc:
        raise InputError(
            f"not a valid CSV: {exc}",
            location=Location(file=file, row=number + 1),
            code="invalid_csv",
            params={"reason": str(exc)},
        ) from None
    return rows


def parse_number(cell: object, location: Location, *, what: str = "") -> float:
    """A finite float from a cell; ``inf``, ``nan``, ``1e400`` and text are refused at ``location``.

    ``what`` names the value in the message (``"rating"`` → ``rating 'x' is not a number``); the params
    carry ``what`` itself, which :mod:`kotacerdas.accounts.error_text` words in the reader's language.
    """
    prefix = f"{what} " if what else ""
    if isinstance(cell, bool):
        raise InputError(
            f"{prefix}{cell!r} is not a number",
            location=location,
            code="not_a_number",
            params={"what": what, "cell": cell},
        )
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = str(cell).strip()
        try:
            if "_" in text:
                raise ValueError(text)
            value = float(text)
        except ValueError:
            raise InputError(
                f"{prefix}{text!r} is not a number",
                location=location,
                code="not_a_number",
                params={"what": what, "cell": text},
            ) from None
        cell = text
    if not math.isfinite(value):
        raise InputError(
            f"{prefix}{cell!r} is not a finite number",
            location=location,
            code="not_finite",
            params={"what": what, "cell": cell},
            hint="infinity, NaN and values beyond ±1.8e308 cannot be computed with",
        )
    return value


def parse_column(table: Table, at: int, column: str, *, what: str = "") -> NDArray[np.float64]:
    """Cell ``at`` of every row as a finite float (vectorised; the first bad cell is named as ``column``)."""
    cells = [row.cells[at] if at < len(row.cells) else "" for row in table.rows]
    try:
        values = np.array(cells, dtype=np.float64)
        clean = bool(np.isfinite(values).all()) and not any("_" in c for c in cells)
    except ValueError:
        clean = False
    if not clean:
        for row, cell in zip(table.rows, cells, strict=True):
            parse_number(cell, table.at(row.number, column), what=what)
    return values


def parse_optional_number(
    cell: object, location: Location, *, what: str = "", missing: Collection[str] = MISSING
) -> float | None:
    """:func:`parse_number`, but a ``None`` cell or one of ``missing`` (empty, ``NA``) is ``None``."""
    if cell is None or (isinstance(cell, str) and cell.strip() in missing):
        return None
    try:
        return parse_number(cell, location, what=what)
    except InputError as exc:
        if exc.hint is None:
            exc.hint = "leave the cell empty for a missing value"
            exc.args = (str(exc),)
        raise
