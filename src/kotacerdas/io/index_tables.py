"""Read index inputs: COINr iData/iMeta tables (CSV or XLSX) and the index configuration YAML.

CSV goes through the project's one reader (:func:`kotacerdas.io.tables.read_csv`). Cells are kept as
text where a number is expected but something else is written, so the engine's validation can name the
file, row and column of the bad cell; infinite and NaN numbers are refused here.

:func:`read_index_table` gives a CSV as the engine's :class:`InputTable` without loading pandas (the
``index build`` command starts faster, issue 9 §5); :func:`read_table` gives a pandas frame. Both
read the same values (``tests/io/test_index_tables.py`` checks this against pandas' parse).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kotacerdas.engine.indicators.table import Cells, InputTable
from kotacerdas.errors import ConfigError, InputError, Location
from kotacerdas.io.tables import MISSING, Table, parse_number, read_csv

if TYPE_CHECKING:  # pandas only for the annotations: CSV inputs for the engine are read without it
    import pandas as pd

TEXT_COLUMNS = ("uCode", "uName", "iCode", "iName", "Parent", "Type", "Denominator", "Unit", "code")


#: a decimal number as pandas' ``to_numeric`` reads one (ASCII digits, no ``_`` separators)
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def read_index_table(path: str | Path) -> InputTable | pd.DataFrame:
    """An iData/iMeta table for the engine: a CSV as an :class:`InputTable` (no pandas), else as
    :func:`read_table` reads it. Same rules as :func:`read_table`."""
    p = Path(path)
    if p.is_file() and p.suffix.lower() in (".csv", ".txt"):
        return _input_table(read_csv(p))
    return read_table(p)


def _input_table(table: Table) -> InputTable:
    """The columns of a CSV table: identifier columns as text, numeric columns as float arrays.

    A column with a cell that is not a number stays text (None for missing cells), so the engine can
    name the bad cell if the column must be numeric; the same values as :func:`_frame`'s.
    """
    table.check_width()
    columns: dict[str, Cells] = {}
    for at, name in enumerate(table.header):
        cells = [row.cells[at] for row in table.rows]
        raw = [None if c in MISSING else c for c in cells]
        if name in TEXT_COLUMNS:
            columns[name] = raw
            continue
        values = np.full(len(cells), np.nan)
        odd = []
        for i, cell in enumerate(raw):
            if cell is None:
                continue
            value = float(cell) if NUMBER.fullmatch(cell) else math.nan
            if math.isfinite(value):
                values[i] = value
            else:
                odd.append(i)
        for i in odd:
            _refuse_non_finite(cells[i], table.at(table.rows[i].number, name))
        columns[name] = raw if odd else values
    return InputTable(columns)


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV or XLSX table with its header on row 1; identifier columns kept as text.

    Empty and ``NA`` cells are missing values. ``inf``, ``nan`` and numbers too large for a float
    (``1e400``) are refused with the file, row and column.
    """
    import pandas as pd  # here: a frame for callers that want one; the engine's CSV path does without

    p = Path(path)
    if not p.is_file():
        raise InputError("file not found", location=Location(file=str(p)), code="file_not_found")
    suffix = p.suffix.lower()
    if suffix in (".csv", ".txt"):
        return _frame(read_csv(p))
    if suffix in (".xlsx", ".xlsm"):
        try:
            head = pd.read_excel(p, nrows=0)
            text = {c: str for c in head.columns if c in TEXT_COLUMNS}
            frame = pd.read_excel(p, dtype=text)
        except ValueError as exc:
            raise InputError(
                f"cannot read the table: {exc}",
                location=Location(file=str(p)),
                code="unreadable_table",
                params={"reason": str(exc)},
            ) from None
        for column in frame.columns:
            if column not in TEXT_COLUMNS and frame[column].dtype == object:
                for pos, value in enumerate(frame[column].tolist()):
                    if isinstance(value, str) and value.strip() not in MISSING:
                        _refuse_non_finite(value, Location(str(p), pos + 2, str(column)))
        return frame
    raise InputError(
        f"unsupported file type {suffix or '(none)'}",
        location=Location(file=str(p)),
        hint="use a .csv or .xlsx file",
        code="unsupported_file_type",
        params={"suffix": suffix or "(none)"},
    )


def _refuse_non_finite(text: str, location: Location) -> None:
    """Raise if ``text`` reads as a number that is not finite (``inf``, ``nan``, ``1e400``)."""
    try:
        value = float(text)
    except ValueError:
        return  # text, not a number: the engine names it if the column must be numeric
    if not math.isfinite(value):
        parse_number(text, location)


def _frame(table: Table) -> pd.DataFrame:
    """A data frame from a CSV table: identifier columns as text, numeric columns as numbers."""
    import pandas as pd  # here: a frame for callers that want one; the engine's CSV path does without

    table.check_width()
    columns: dict[str, pd.Series] = {}
    for at, name in enumerate(table.header):
        cells = [row.cells[at] for row in table.rows]
        missing = np.array([c in MISSING for c in cells], dtype=bool)
        raw = pd.Series([None if m else c for c, m in zip(cells, missing, strict=True)], dtype=object)
        if name in TEXT_COLUMNS:
            columns[name] = raw
            continue
        numeric = pd.to_numeric(raw, errors="coerce")
        odd = np.flatnonzero((numeric.isna().to_numpy() & ~missing) | np.isinf(numeric.to_numpy(dtype=float)))
        for i in odd:
            _refuse_non_finite(cells[i], table.at(table.rows[i].number, name))
        columns[name] = raw if odd.size else numeric
    return pd.DataFrame(columns, index=pd.RangeIndex(len(table.rows)))


def read_config(path: str | Path | None) -> dict[str, Any]:
    """The index configuration mapping from YAML (empty when no file is given)."""
    if path is None:
        return {}
    import yaml  # here: only a configuration file needs the YAML parser

    p = Path(path)
    if not p.is_file():
        raise ConfigError("file not found", location=Location(file=str(p)), code="file_not_found")
    try:
        loaded = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise ConfigError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            location=Location(file=str(p), row=row),
            code="invalid_yaml",
            params={"reason": str(getattr(exc, "problem", exc))},
        ) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ConfigError(
            "the configuration must be a mapping of keys",
            location=Location(file=str(p), row=1),
            code="config_not_a_mapping",
        )
    return loaded
