"""Check an iData table against its framework and split it into typed parts.

Every problem is one :class:`InputError` naming file, row (as a spreadsheet shows it: the header
is row 1) and column: duplicate unit, non-numeric cell, column in the data but not the metadata
and the reverse, all-missing indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kotacerdas.errors import InputError, Location

from .framework import Framework
from .source import DataSource

ID_COLUMNS = ("uCode", "uName", "Time")


@dataclass(frozen=True)
class UnitData:
    """The validated data: indicators, denominators and groups indexed by unit (and Time)."""

    indicators: pd.DataFrame
    denominators: pd.DataFrame
    groups: pd.DataFrame
    names: pd.Series
    source: DataSource
    panel: bool


def _numeric(column: pd.Series, name: str, file: str) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return column.to_numpy(dtype=np.float64)
    out = np.full(len(column), np.nan)
    for pos, value in enumerate(column.tolist()):
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
            ) from None
    return out


def validate_data(
    data: pd.DataFrame, framework: Framework, file: str = "data", meta_file: str = "meta"
) -> UnitData:
    """Validate iData against the framework; return the typed parts with file rows for errors."""
    data = data.reset_index(drop=True)
    if "uCode" not in data.columns:
        raise InputError("the data has no uCode column", location=Location(file=file, row=1, column="uCode"))
    known = set(ID_COLUMNS) | set(framework.indicators) | set(framework.groups) | set(framework.denominators)
    known |= set(framework.others)
    for col in data.columns:
        if col in framework.aggregates:
            raise InputError(
                f"column {col!r} is an aggregate in the metadata; the data holds indicators only",
                location=Location(file=file, row=1, column=str(col)),
            )
        if col not in known:
            raise InputError(
                f"column {col!r} is in the data but not in the metadata",
                location=Location(file=file, row=1, column=str(col)),
                hint="add a row for it to the metadata (Type Indicator, Group, Denominator or Other) or drop it",
            )
    for code in (*framework.indicators, *framework.denominator.values()):
        if code not in data.columns:
            raise InputError(
                f"{code!r} is in the metadata but not in the data",
                location=Location(file=meta_file, row=framework.meta_rows.get(code), column="iCode"),
                hint=f"add a column {code!r} to the data or remove the row from the metadata",
            )
    panel = "Time" in data.columns
    codes = data["uCode"].astype("string").str.strip()
    for pos, code in enumerate(codes.tolist()):
        if pd.isna(code) or code == "":
            raise InputError("empty uCode", location=Location(file=file, row=pos + 2, column="uCode"))
    time = pd.Series(_numeric(data["Time"], "Time", file)) if panel else None
    if time is not None and time.isna().any():
        pos = int(np.flatnonzero(time.isna().to_numpy())[0])
        raise InputError("empty Time", location=Location(file=file, row=pos + 2, column="Time"))
    if time is not None and time.nunique() == 1:
        panel, time = False, None  # one year: a cross-section, as COINr's new_coin treats it
    keys = pd.MultiIndex.from_arrays([codes, time.astype(int)], names=["uCode", "Time"]) if time is not None \
        else pd.Index(codes, name="uCode")  # fmt: skip
    dup = keys.duplicated()
    if dup.any():
        pos = int(np.flatnonzero(dup)[0])
        first = int(np.flatnonzero(keys == keys[pos])[0])
        what = f"unit {keys[pos]!r}" + (" in the same year" if panel else "")
        raise InputError(
            f"duplicate {what} (first on row {first + 2})",
            location=Location(file=file, row=pos + 2, column="uCode"),
        )
    source = DataSource(file=file, rows={k: i + 2 for i, k in enumerate(keys)})

    def frame(cols: tuple[str, ...]) -> pd.DataFrame:
        return pd.DataFrame({c: _numeric(data[c], c, file) for c in cols}, index=keys)

    indicators = frame(framework.indicators)
    for code in framework.indicators:
        if indicators[code].isna().all():
            raise InputError(
                f"indicator {code!r} has no values (all {len(indicators)} rows are empty)",
                location=Location(file=file, column=code),
                hint="drop it from the data and metadata, or supply values",
            )
    denominators = frame(tuple(c for c in framework.denominators if c in data.columns))
    groups = pd.DataFrame({c: data[c].to_numpy() for c in framework.groups if c in data.columns}, index=keys)
    names = pd.Series(
        (data["uName"] if "uName" in data.columns else codes).astype(str).to_numpy(), index=keys
    )
    # units in code order (as COINr keeps them): sums then run in the same order, so results are
    # bit-identical to COINr's and exactly independent of the row order of the file
    order = np.asarray(keys.argsort(), dtype=np.intp)
    return UnitData(indicators.iloc[order], denominators.iloc[order], groups.iloc[order], names.iloc[order],
                    source, panel)  # fmt: skip
