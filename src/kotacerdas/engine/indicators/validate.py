"""Check an iData table against its framework and split it into typed parts.

Every problem is one :class:`InputError` naming file, row (as a spreadsheet shows it: the header
is row 1) and column: duplicate unit, non-numeric cell, column in the data but not the metadata
and the reverse, all-missing indicator.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from kotacerdas.engine.kernels.impute import is_missing
from kotacerdas.errors import InputError, Location

from .framework import Framework
from .source import DataSource
from .table import Block, Cells, InputTable, Units

if TYPE_CHECKING:  # pandas only for the annotation: a frame is turned into an InputTable first
    import pandas as pd

ID_COLUMNS = ("uCode", "uName", "Time")


@dataclass(frozen=True)
class UnitData:
    """The validated data: indicators, denominators and groups by unit (and Time), in key order."""

    indicators: Block
    denominators: Block
    groups: dict[str, np.ndarray]
    names: tuple[Any, ...]
    source: DataSource
    panel: bool


def as_input_table(data: InputTable | pd.DataFrame) -> InputTable:
    """A frame's columns as an :class:`InputTable`: numeric columns as arrays, others as their values."""
    if isinstance(data, InputTable):
        return data
    # here: the caller gave a frame, so pandas is loaded already
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    data = data.reset_index(drop=True)
    columns: dict[str, Cells] = {}
    for name in data.columns:
        column = data[name]
        numeric = is_numeric_dtype(column) and not is_bool_dtype(column)
        if not numeric:
            columns[name] = column.to_numpy(dtype=object)
        elif isinstance(column.dtype, np.dtype):  # integers stay integers: a numeric uCode reads "1"
            columns[name] = column.to_numpy()
        else:  # pandas' nullable numbers: missing as NaN
            columns[name] = column.to_numpy(dtype=np.float64, na_value=np.nan)
    return InputTable(columns)


def _numeric(column: Cells, name: str, file: str) -> np.ndarray:
    if isinstance(column, np.ndarray) and column.dtype.kind in "iuf":
        return np.array(column, dtype=np.float64)
    out = np.full(len(column), np.nan)
    for pos, value in enumerate(list(column)):
        if value is None or (isinstance(value, float) and np.isnan(value)):
            continue
        text = str(value).strip()
        if text == "" or text.upper() in ("NA", "NAN"):
            continue
        try:
            out[pos] = float(text)
        except ValueError:
            raise InputError(
                f"{text!r} is not a number",
                location=Location(file=file, row=pos + 2, column=name),
                hint="leave the cell empty for a missing value",
                code="not_a_number",
                params={"what": "", "cell": text},
            ) from None
    return out


def _codes(column: Cells, file: str) -> list[str]:
    """Unit codes as stripped text; an empty code is an error naming its row."""
    codes: list[str] = []
    for pos, value in enumerate(list(column)):
        code = None if is_missing(value) else str(value).strip()
        if not code:
            raise InputError(
                "empty uCode",
                location=Location(file=file, row=pos + 2, column="uCode"),
                code="empty_value",
                params={"column": "uCode"},
            )
        codes.append(code)
    return codes


def validate_data(
    data: InputTable | pd.DataFrame, framework: Framework, file: str = "data", meta_file: str = "meta"
) -> UnitData:
    """Validate iData against the framework; return the typed parts with file rows for errors."""
    table = as_input_table(data)
    columns = list(table.columns)
    if "uCode" not in columns:
        raise InputError(
            "the data has no uCode column",
            location=Location(file=file, row=1, column="uCode"),
            code="no_ucode_column",
        )
    known = set(ID_COLUMNS) | set(framework.indicators) | set(framework.groups) | set(framework.denominators)
    known |= set(framework.others)
    for col in columns:
        if col in framework.aggregates:
            raise InputError(
                f"column {col!r} is an aggregate in the metadata; the data holds indicators only",
                location=Location(file=file, row=1, column=str(col)),
                code="aggregate_in_data",
                params={"column": col},
            )
        if col not in known:
            raise InputError(
                f"column {col!r} is in the data but not in the metadata",
                location=Location(file=file, row=1, column=str(col)),
                hint="add a row for it to the metadata (Type Indicator, Group, Denominator or Other) or drop it",
                code="column_not_in_meta",
                params={"column": col},
            )
    for code in (*framework.indicators, *framework.denominator.values()):
        if code not in columns:
            raise InputError(
                f"{code!r} is in the metadata but not in the data",
                location=Location(file=meta_file, row=framework.meta_rows.get(code), column="iCode"),
                hint=f"add a column {code!r} to the data or remove the row from the metadata",
                code="indicator_not_in_data",
                params={"code": code},
            )
    panel = "Time" in columns
    codes = _codes(table.columns["uCode"], file)
    time = _numeric(table.columns["Time"], "Time", file) if panel else None
    if time is not None and np.isnan(time).any():
        pos = int(np.flatnonzero(np.isnan(time))[0])
        raise InputError(
            "empty Time",
            location=Location(file=file, row=pos + 2, column="Time"),
            code="empty_value",
            params={"column": "Time"},
        )
    if time is not None and len(set(time.tolist())) == 1:  # (np.unique would load numpy.ma)
        panel, time = False, None  # one year: a cross-section, as COINr's new_coin treats it
    units = Units(tuple(codes), None if time is None else tuple(time.astype(np.int64).tolist()))
    keys = units.keys
    first: dict[Hashable, int] = {}
    for pos, key in enumerate(keys):
        if key in first:
            what = f"unit {key!r}" + (" in the same year" if panel else "")
            raise InputError(
                f"duplicate {what} (first on row {first[key] + 2})",
                location=Location(file=file, row=pos + 2, column="uCode"),
                code="duplicate_unit_year" if panel else "duplicate_unit",
                params={"unit": repr(key), "first": first[key] + 2},
            )
        first[key] = pos
    source = DataSource(file=file, rows={k: i + 2 for i, k in enumerate(keys)})

    def block(cols: tuple[str, ...]) -> Block:
        values = np.empty((len(codes), len(cols)), dtype=np.float64)
        for at, c in enumerate(cols):
            values[:, at] = _numeric(table.columns[c], c, file)
        return Block(values, cols, units)

    indicators = block(framework.indicators)
    for code in framework.indicators:
        if np.isnan(indicators.column(code)).all():
            raise InputError(
                f"indicator {code!r} has no values (all {len(indicators)} rows are empty)",
                location=Location(file=file, column=code),
                hint="drop it from the data and metadata, or supply values",
                code="indicator_without_values",
                params={"code": code, "rows": len(indicators)},
            )
    denominators = block(tuple(c for c in framework.denominators if c in columns))
    # names as text, a missing name stays missing (NaN), as pandas' ``astype(str)`` keeps it
    names: list[Any] = [float("nan") if is_missing(v) else str(v) for v in table.columns["uName"]] \
        if "uName" in columns else list(codes)  # fmt: skip
    # units in key order (as COINr keeps them): sums then run in the same order, so results are
    # bit-identical to COINr's and exactly independent of the row order of the file
    ordered = sorted(
        range(len(codes)), key=lambda i: (codes[i], 0 if units.times is None else units.times[i])
    )
    order = np.array(ordered, dtype=np.intp)
    groups = {
        c: np.asarray(list(table.columns[c]), dtype=object)[order] for c in framework.groups if c in columns
    }
    return UnitData(indicators.take(order), denominators.take(order), groups,
                    tuple(names[i] for i in order.tolist()), source, panel)  # fmt: skip
