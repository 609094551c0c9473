"""The data files of ``kotacerdas select``: candidate scores, earlier cohorts to exclude, score draws.

Errors name the file, the row (as a spreadsheet shows it) and the column.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from kotacerdas.engine.selection import Candidates
from kotacerdas.errors import InputError, Location
from kotacerdas.io.registry import Registry, load_registry

CODE_COLUMNS = ("code", "uCode")
REGISTRY_COLUMNS = ("name", "province_code", "province", "island_group", "type")
CANCELLED = {"withdrawn", "cancelled", "canceled"}


def region_code(registry: Registry, code: str, location: Location) -> str:
    return registry.get(code, location).code


def read_exclusions(path: Path, registry: Registry) -> dict[str, str]:
    """Codes to exclude from a CSV with a ``code`` column (optional ``year``, ``status``).

    Rows whose status is withdrawn/cancelled do not exclude: such a region may be selected again
    (as Kota Depok was in 2019 after its 2018 selection was cancelled).
    """
    rows = read_csv_rows(path)
    header = rows[0] if rows else []
    if "code" not in header:
        raise InputError(
            "no 'code' column", location=Location(str(path), 1), hint="earlier cohorts: code[,year,status]"
        )
    out: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = dict(zip(header, row, strict=False))
        code = region_code(registry, cells.get("code", ""), Location(str(path), number, "code"))
        if cells.get("status", "").strip().lower() in CANCELLED:
            continue
        year = cells.get("year", "").strip()
        out[code] = f"already in an earlier cohort ({year})" if year else f"listed in {path.name}"
    return out


def read_csv_rows(path: Path) -> list[list[str]]:
    """All non-empty rows of a UTF-8 CSV (a byte-order mark is ignored)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            return [row for row in csv.reader(fh) if row]
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", location=Location(file=str(path))) from None


def read_scores(path: Path, score: str, registry: Registry | None = None) -> Candidates:
    """Candidates from a CSV: ``code``/``uCode``, the score column and attribute columns.

    Codes may be ``63.71`` or ``6371``. ``name``, ``province_code``, ``province``, ``island_group`` and
    ``type`` come from the registry when the file lacks them. Columns whose every value is a number become
    numeric attributes; others stay text.
    """
    reg = registry or load_registry()
    rows = read_csv_rows(path)
    if not rows:
        raise InputError("the file is empty", location=Location(file=str(path)))
    header = [h.strip() for h in rows[0]]
    code_col = next((c for c in CODE_COLUMNS if c in header), None)
    if code_col is None:
        raise InputError("no 'code' or 'uCode' column", location=Location(str(path), 1))
    if score not in header:
        raise InputError(
            f"no score column {score!r}",
            location=Location(str(path), 1),
            hint=f"columns: {', '.join(header)}",
        )
    codes: list[str] = []
    scores: list[float] = []
    seen: dict[str, int] = {}
    columns: dict[str, list[str]] = {h: [] for h in header if h not in (code_col, score)}
    file_columns = list(columns)
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise InputError(
                f"{len(row)} cells for {len(header)} columns", location=Location(str(path), number)
            )
        cells = dict(zip(header, row, strict=True))
        region = reg.get(cells[code_col], Location(str(path), number, code_col))
        if region.code in seen:
            raise InputError(
                f"region {region.code} repeats row {seen[region.code]}",
                location=Location(str(path), number, code_col),
            )
        seen[region.code] = number
        try:
            value = float(cells[score])
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise InputError(
                f"score {cells[score]!r} is not a number", location=Location(str(path), number, score)
            )
        codes.append(region.code)
        scores.append(value)
        for h in file_columns:
            columns[h].append(cells[h].strip())
        for h in REGISTRY_COLUMNS:
            if h not in header:
                columns.setdefault(h, []).append(str(getattr(region, h)))
    attributes = {h: _typed(vals) for h, vals in columns.items()}
    return Candidates(tuple(codes), np.asarray(scores, dtype=np.float64), attributes, score)


def _typed(values: list[str]) -> tuple[str | float, ...]:
    try:
        return tuple(float(v) if v != "" else math.nan for v in values)
    except ValueError:
        return tuple(values)


def read_samples(path: Path, candidates: Candidates, registry: Registry | None = None) -> np.ndarray:
    """Score draws from a CSV: ``code``/``uCode`` then one column per draw; every candidate needs a row.

    Every draw must be a finite number (``nan``/``inf`` are refused with the row and column), so a unit
    that has no score in some sample cannot silently distort the probabilities of selection.
    """
    reg = registry or load_registry()
    rows = read_csv_rows(path)
    header = rows[0] if rows else []
    code_col = next((c for c in CODE_COLUMNS if c in header), None)
    if code_col is None or len(header) < 2:
        raise InputError(
            "needs a code/uCode column and at least one draw column", location=Location(str(path), 1)
        )
    draws: dict[str, list[float]] = {}
    for number, row in enumerate(rows[1:], start=2):
        code = reg.get(
            row[0 if header[0] == code_col else header.index(code_col)], Location(str(path), number, code_col)
        ).code
        values = []
        for h, cell in zip(header, row, strict=False):
            if h == code_col:
                continue
            try:
                value = float(cell)
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                raise InputError(
                    f"{cell!r} is not a number", location=Location(str(path), number, h)
                ) from None
            values.append(value)
        draws[code] = values
    missing = [c for c in candidates.codes if c not in draws]
    if missing:
        raise InputError(f"no draws for {', '.join(missing[:5])}", location=Location(file=str(path)))
    return np.array([draws[c] for c in candidates.codes], dtype=np.float64).T
