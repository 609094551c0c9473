"""Reading an indicator table (CSV or XLSX) into rows of cells, with file row numbers.

CSV goes through the project's one reader (:func:`kotacerdas.io.tables.read_csv`); XLSX through openpyxl.

Every path that imports a table (web form, API, background job) comes through :func:`read_table`,
which refuses a file larger than :data:`MAX_TABLE_BYTES` and an XLSX whose zip would unpack to more
than :data:`MAX_XLSX_UNPACKED` bytes or with a member compressed more than :data:`MAX_XLSX_RATIO`
times (a zip bomb), before openpyxl opens it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePath

from kotacerdas.errors import InputError, Location
from kotacerdas.io.tables import read_csv

SUFFIXES = (".csv", ".xlsx")
MAX_TABLE_BYTES = (
    5 * 1024 * 1024
)  # 514 regions x 200 indicators is about 1 MB; 4.6 MB took a worker to 550 MB
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
MAX_XLSX_RATIO = 100  # real workbooks compress 5-20 times; zip bombs a thousand times and more
MAX_XLSX_MEMBERS = 1000


def check_table_size(name: str, size: int) -> None:
    """Refuse a table file larger than :data:`MAX_TABLE_BYTES` (before reading it, where possible)."""
    if size > MAX_TABLE_BYTES:
        raise InputError(
            f"the file has {size} bytes; the limit for a table is {MAX_TABLE_BYTES} bytes",
            location=Location(file=name),
            hint="split the table, or drop columns that are not indicators",
            code="table_too_large",
            params={"size": size, "limit": MAX_TABLE_BYTES},
        )


def check_xlsx_archive(name: str, content: bytes) -> None:
    """Refuse an XLSX whose zip would unpack too large or too compressed, without unpacking it."""
    where = Location(file=name)
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(
            f"not a readable XLSX workbook ({exc})",
            location=where,
            code="unreadable_xlsx",
            params={"reason": exc},
        ) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise InputError(
            f"the workbook holds {len(members)} parts; at most {MAX_XLSX_MEMBERS}",
            location=where,
            code="xlsx_too_many_parts",
            params={"parts": len(members), "limit": MAX_XLSX_MEMBERS},
        )
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_XLSX_UNPACKED:
        raise InputError(
            f"the workbook unpacks to {unpacked} bytes; the limit is {MAX_XLSX_UNPACKED}",
            location=where,
            hint="save the table as CSV or split it",
            code="xlsx_unpacks_too_large",
            params={"size": unpacked, "limit": MAX_XLSX_UNPACKED},
        )
    for m in members:
        if m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1) and m.file_size > 1024 * 1024:
            raise InputError(
                f"workbook part {m.filename} is compressed {m.file_size // max(m.compress_size, 1)} times "
                f"(at most {MAX_XLSX_RATIO}): refused as a possible zip bomb",
                location=where,
                hint="save the table again from a spreadsheet program, or as CSV",
                code="xlsx_zip_bomb",
                params={
                    "part": m.filename,
                    "ratio": m.file_size // max(m.compress_size, 1),
                    "limit": MAX_XLSX_RATIO,
                },
            )


def read_table(name: str, content: bytes) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    """Header and ``(row_number, cells)`` pairs; row 1 is the header, as a spreadsheet counts."""
    suffix = PurePath(name).suffix.lower()
    check_table_size(name, len(content))
    if suffix == ".csv":
        return _read_csv(name, content)
    if suffix == ".xlsx":
        check_xlsx_archive(name, content)
        return _read_xlsx(name, content)
    raise InputError(
        f"unsupported file type {suffix or '(none)'}",
        location=Location(file=name),
        hint="use a .csv or .xlsx file",
        code="unsupported_file_type",
        params={"suffix": suffix or "(none)"},
    )


def _read_csv(name: str, content: bytes) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    table = read_csv(content, name=name)
    return list(table.header), ((row.number, list(row.cells)) for row in table.rows)


def _read_xlsx(name: str, content: bytes) -> tuple[list[str], Iterator[tuple[int, list[object]]]]:
    from openpyxl import load_workbook  # local import: slow import, only for spreadsheets

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for bad files
        raise InputError(
            f"not a readable XLSX workbook ({exc})",
            location=Location(file=name),
            code="unreadable_xlsx",
            params={"reason": exc},
        ) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise InputError("the first sheet is empty", location=Location(file=name), code="first_sheet_empty")
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    data = ((i, list(r)) for i, r in enumerate(rows[1:], start=2) if any(c not in (None, "") for c in r))
    return header, data
