"""Transactional import of indicator tables (CSV/XLSX, COINr iData columns accepted).

The table is wide: a region code column (``code`` or COINr's ``uCode``), then one numeric column per
indicator. Name/group columns (``name``, ``uName``, ``Group_*``, ``Time``) are ignored. Either the
whole table is stored as a new dataset version, or nothing is (the first error names file, row, column).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Max

from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, Location
from kotacerdas.io.code_systems import KEMENDAGRI, CodedRow, resolve_region_codes
from kotacerdas.jobs.domain.runner import job_actor
from kotacerdas.regions.domain.tables import read_table
from kotacerdas.regions.models import Dataset, DatasetValue, Region

CODE_COLUMNS = ("code", "uCode")
NAME_COLUMNS = ("name", "uName")
IGNORED = {"name", "uName", "Time", "uGroup"}
Progress = Callable[[float, str], None]


def _indicator_columns(name: str, header: list[str]) -> tuple[int, dict[int, str]]:
    code_at = next((i for i, h in enumerate(header) if h in CODE_COLUMNS), None)
    if code_at is None:
        raise InputError(
            "no region code column", location=Location(file=name, row=1), hint="name it 'code' or 'uCode'"
        )
    columns = {
        i: h
        for i, h in enumerate(header)
        if i != code_at and h and h not in IGNORED and not h.startswith("Group_")
    }
    if not columns:
        raise InputError("no indicator columns beside the code column", location=Location(file=name, row=1))
    seen: set[str] = set()
    for h in columns.values():
        if h in seen:
            raise InputError(
                f"indicator column {h!r} appears twice", location=Location(file=name, row=1, column=h)
            )
        seen.add(h)
    return code_at, columns


def _number(cell: object, where: Location) -> float | None:
    if cell is None or (isinstance(cell, str) and cell.strip() in {"", "NA", "NaN"}):
        return None
    try:
        value = float(str(cell).strip().replace(",", ".")) if isinstance(cell, str) else float(cell)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(
            f"{cell!r} is not a number", location=where, hint="leave the cell empty for a missing value"
        ) from None
    if not math.isfinite(value):
        raise InputError(f"{cell!r} is not a finite number", location=where)
    return value


def parse_table(
    name: str, content: bytes, code_system: str = KEMENDAGRI
) -> tuple[list[str], dict[str, dict[str, float | None]]]:
    """Validate a table fully: indicator names and ``{code: {indicator: value}}``; raises on the first error.

    ``code_system`` (``kemendagri`` or ``bps``) says how to read the region codes; the values are
    always keyed by Kemendagri code (BPS codes go through the bridge).
    """
    header, row_iter = read_table(name, content)
    code_at, columns = _indicator_columns(name, header)
    name_at = next((i for i, h in enumerate(header) if h in NAME_COLUMNS), None)
    rows = list(row_iter)
    coded = [
        CodedRow(
            row=row_no,
            code=cells[code_at] if code_at < len(cells) else None,
            name=cells[name_at] if name_at is not None and name_at < len(cells) else None,
        )
        for row_no, cells in rows
    ]
    codes = resolve_region_codes(coded, code_system, file=name, column=header[code_at])
    values: dict[str, dict[str, float | None]] = {}
    for (row_no, cells), code in zip(rows, codes, strict=True):
        if code in values:
            raise InputError(
                f"region {code} appears twice",
                location=Location(file=name, row=row_no, column=header[code_at]),
            )
        values[code] = {
            col: _number(cells[i] if i < len(cells) else None, Location(file=name, row=row_no, column=col))
            for i, col in columns.items()
        }
    if not values:
        raise InputError("the table has a header but no rows", location=Location(file=name))
    return list(columns.values()), values


def validation_report(indicators: list[str], values: dict[str, dict[str, float | None]]) -> dict[str, Any]:
    """Counts and warnings kept with the dataset: coverage, missing values, constant indicators."""
    missing = {ind: sum(1 for row in values.values() if row[ind] is None) for ind in indicators}
    constant = [
        ind for ind in indicators if len({row[ind] for row in values.values() if row[ind] is not None}) <= 1
    ]
    warnings = [f"indicator {ind!r} has {n} missing values" for ind, n in missing.items() if n]
    warnings += [f"indicator {ind!r} is constant (no information for ranking)" for ind in constant]
    return {"regions": len(values), "indicators": len(indicators), "missing": missing, "warnings": warnings}


def import_dataset(
    *,
    actor: Any,
    name: str,
    file_name: str,
    content: bytes,
    source: str,
    year: int,
    licence: str,
    synthetic: bool = False,
    code_system: str = KEMENDAGRI,
    progress: Progress | None = None,
) -> Dataset:
    """Validate the whole table, then store it as the next version of dataset ``name`` in one transaction.

    ``code_system`` is what the file's region codes are (``kemendagri``, the default, or ``bps``).
    """
    indicators, values = parse_table(file_name, content, code_system)
    report = {**validation_report(indicators, values), "code_system": code_system}
    regions = dict(Region.objects.filter(code__in=list(values)).values_list("code", "id"))
    absent = sorted(set(values) - set(regions))
    if absent:
        raise InputError(
            f"regions {', '.join(absent[:5])} are not loaded",
            location=Location(file=file_name),
            hint="run the region registry sync first",
        )
    with transaction.atomic():
        latest = Dataset.objects.select_for_update().filter(name=name).aggregate(v=Max("version"))["v"] or 0
        dataset = Dataset.objects.create(
            name=name,
            version=latest + 1,
            source=source,
            year=year,
            licence=licence,
            file_name=file_name,
            synthetic=synthetic,
            imported_by=actor if getattr(actor, "pk", None) else None,
            indicators=indicators,
            validation_report=report,
        )
        rows = [
            DatasetValue(dataset=dataset, region_id=regions[code], indicator=ind, value=val)
            for code, row in values.items()
            for ind, val in row.items()
        ]
        for start in range(0, len(rows), 2000):
            DatasetValue.objects.bulk_create(rows[start : start + 2000])
            if progress:
                progress(
                    min(1.0, (start + 2000) / len(rows)), f"{min(start + 2000, len(rows))}/{len(rows)} values"
                )
        record(
            actor=actor,
            action="dataset.import",
            target=dataset,
            summary=f"{dataset} from {file_name}: {report['regions']} regions × {report['indicators']} indicators",
            data={"file": file_name, "code_system": code_system, "warnings": report["warnings"][:20]},
        )
    return dataset


def dataset_matrix(dataset: Dataset) -> dict[str, dict[str, float | None]]:
    """The stored values as ``{code: {indicator: value}}``."""
    out: dict[str, dict[str, float | None]] = {}
    for code, ind, val in dataset.values.values_list("region__code", "indicator", "value"):
        out.setdefault(code, {})[ind] = val
    return out


def import_stored_dataset(
    *,
    progress: Progress,
    actor_id: int | None,
    storage_name: str,
    file_name: str,
    name: str,
    source: str,
    year: int,
    licence: str,
    code_system: str = KEMENDAGRI,
) -> dict[str, Any]:
    """Background-job entry point: import a file already saved to storage, then delete the upload."""
    from django.core.files.storage import default_storage  # local import: thin job wrapper

    actor = job_actor(actor_id)
    with default_storage.open(storage_name, "rb") as handle:
        content = handle.read()
    try:
        dataset = import_dataset(
            actor=actor,
            name=name,
            file_name=file_name,
            content=content,
            source=source,
            year=year,
            licence=licence,
            code_system=code_system,
            progress=progress,
        )
    finally:
        default_storage.delete(storage_name)
    return {
        "dataset": dataset.pk,
        "version": dataset.version,
        "warnings": dataset.validation_report["warnings"],
    }
