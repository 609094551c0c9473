"""Read index inputs: COINr iData/iMeta tables (CSV or XLSX) and the index configuration YAML.

Cells are read as text where a number is expected but something else is written, so the engine's
validation can name the file, row and column of the bad cell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from kotacerdas.errors import ConfigError, InputError, Location

TEXT_COLUMNS = ("uCode", "uName", "iCode", "iName", "Parent", "Type", "Denominator", "Unit", "code")


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV or XLSX table with its header on row 1; identifier columns kept as text."""
    p = Path(path)
    if not p.is_file():
        raise InputError("file not found", location=Location(file=str(p)))
    suffix = p.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            head = pd.read_excel(p, nrows=0)
            text = {c: str for c in head.columns if c in TEXT_COLUMNS}
            return pd.read_excel(p, dtype=text)
        if suffix in (".csv", ".txt"):
            head = pd.read_csv(p, nrows=0)
            text = {c: str for c in head.columns if c in TEXT_COLUMNS}
            return pd.read_csv(p, dtype=text, skipinitialspace=True)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the table: {exc}", location=Location(file=str(p))) from None
    raise InputError(
        f"unsupported file type {suffix or '(none)'}",
        location=Location(file=str(p)),
        hint="use .csv or .xlsx",
    )


def read_config(path: str | Path | None) -> dict[str, Any]:
    """The index configuration mapping from YAML (empty when no file is given)."""
    if path is None:
        return {}
    p = Path(path)
    if not p.is_file():
        raise ConfigError("file not found", location=Location(file=str(p)))
    try:
        loaded = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise ConfigError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", location=Location(file=str(p), row=row)
        ) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ConfigError(
            "the configuration must be a mapping of keys", location=Location(file=str(p), row=1)
        )
    return loaded
