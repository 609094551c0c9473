"""Transactional import of indicator tables (CSV/XLSX, COINr iData columns accepted).

The table is wide: a region code column (``code`` or COINr's ``uCode``), then one numeric column per
indicator. Name/group columns (``name``, ``uName``, ``Group_*``) are ignored. A year column (``year``,
``tahun`` or COINr's ``Time``) makes it panel data: one row per region and year. Either the whole table
is stored as a new dataset version, or nothing is (the first error names file, row, column).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import Wordable, in_active_language, in_each_language, wording
from kotacerdas.accounts.error_text import hint_of, worded
from kotacerdas.errors import InputError, Location, StateError
from kotacerdas.io.code_systems import CODE_SYSTEMS, KEMENDAGRI, CodedRow, resolve_region_codes
from kotacerdas.io.tables import parse_optional_number
from kotacerdas.jobs.domain.runner import enqueue
from kotacerdas.jobs.models import Job
from kotacerdas.regions.domain.tables import SUFFIXES, check_table_size, check_xlsx_archive, read_table
from kotacerdas.regions.models import Dataset, DatasetValue, Region

CODE_COLUMNS = ("code", "uCode")
NAME_COLUMNS = ("name", "uName")
YEAR_COLUMNS = ("year", "tahun", "Time")
IGNORED = {"name", "uName", "uGroup", *YEAR_COLUMNS}
Values = dict[str, dict[str, float | None]]
Progress = Callable[[float, Wordable], None]


def _indicator_columns(name: str, header: list[str]) -> tuple[int, dict[int, str]]:
    code_at = next((i for i, h in enumerate(header) if h in CODE_COLUMNS), None)
    if code_at is None:
        raise InputError(
            worded("no_code_column"),
            location=Location(file=name, row=1),
            hint=hint_of("no_code_column"),
            code="no_code_column",
        )
    columns = {
        i: h
        for i, h in enumerate(header)
        if i != code_at and h and h not in IGNORED and not h.startswith("Group_")
    }
    if not columns:
        raise InputError(
            worded("no_indicator_columns"), location=Location(file=name, row=1), code="no_indicator_columns"
        )
    seen: set[str] = set()
    for h in columns.values():
        if h in seen:
            raise InputError(
                worded("duplicate_indicator", column=h),
                location=Location(file=name, row=1, column=h),
                code="duplicate_indicator",
                params={"column": h},
            )
        seen.add(h)
    return code_at, columns


def _number(cell: object, where: Location) -> float | None:
    """An indicator value: empty or ``NA`` is missing; a decimal comma is read as a point."""
    if isinstance(cell, str):
        cell = cell.replace(",", ".")
    return parse_optional_number(cell, where)


def _year(cell: object, where: Location) -> int:
    """A panel row's year: a whole number between 1900 and 2200."""
    text = str(cell).strip() if cell is not None else ""
    if text.endswith(".0"):  # spreadsheets store whole numbers as floats
        text = text[:-2]
    if not text.isdigit() or not 1900 <= int(text) <= 2200:
        raise InputError(
            worded("not_a_year", text=text),
            location=where,
            hint=hint_of("not_a_year"),
            code="not_a_year",
            params={"text": text},
        )
    return int(text)


def parse_panel(
    name: str, content: bytes, code_system: str = KEMENDAGRI
) -> tuple[list[str], dict[int | None, Values]]:
    """Validate a table fully: indicator names and ``{year: {code: {indicator: value}}}``.

    Without a year column every row is under the year ``None``; a region may appear once per year.
    ``code_system`` (``kemendagri`` or ``bps``) says how to read the region codes; the values are
    always keyed by Kemendagri code (BPS codes go through the bridge). Raises on the first error.
    """
    header, row_iter = read_table(name, content)
    code_at, columns = _indicator_columns(name, header)
    name_at = next((i for i, h in enumerate(header) if h in NAME_COLUMNS), None)
    year_at = next((i for i, h in enumerate(header) if h in YEAR_COLUMNS), None)
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
    panel: dict[int | None, Values] = {}
    for (row_no, cells), code in zip(rows, codes, strict=True):
        year = None
        if year_at is not None:
            year = _year(
                cells[year_at] if year_at < len(cells) else None,
                Location(file=name, row=row_no, column=header[year_at]),
            )
        values = panel.setdefault(year, {})
        if code in values:
            raise InputError(
                worded("duplicate_region", code=code)
                if year is None
                else worded("duplicate_region_year", code=code, year=year),
                location=Location(file=name, row=row_no, column=header[code_at]),
                hint=None if year_at is not None else hint_of("duplicate_region"),
                code="duplicate_region" if year is None else "duplicate_region_year",
                params={"code": code} if year is None else {"code": code, "year": year},
            )
        values[code] = {
            col: _number(cells[i] if i < len(cells) else None, Location(file=name, row=row_no, column=col))
            for i, col in columns.items()
        }
    if not panel:
        raise InputError(worded("no_data_rows"), location=Location(file=name), code="no_data_rows")
    if len(panel) == 1:  # one year only: a cross-section, as COINr reads a single-year Time column
        panel = {None: next(iter(panel.values()))}
    return list(columns.values()), panel


def validation_report(indicators: list[str], values: dict[str, dict[str, float | None]]) -> dict[str, Any]:
    """Counts and warnings kept with the dataset: coverage, missing values, constant indicators."""
    missing = {ind: sum(1 for row in values.values() if row[ind] is None) for ind in indicators}
    constant = [
        ind for ind in indicators if len({row[ind] for row in values.values() if row[ind] is not None}) <= 1
    ]
    warnings = [
        _warning(
            ngettext_lazy(
                "indikator '%(indicator)s' memiliki %(n)s nilai hilang",
                "indikator '%(indicator)s' memiliki %(n)s nilai hilang",
                n,
            ),
            indicator=ind,
            n=n,
        )
        for ind, n in missing.items()
        if n
    ]
    warnings += [
        _warning(
            gettext_lazy(
                "indikator '%(indicator)s' bernilai tetap (tidak memberi informasi untuk peringkat)"
            ),
            indicator=ind,
        )
        for ind in constant
    ]
    return {"regions": len(values), "indicators": len(indicators), "missing": missing, "warnings": warnings}


def _warning(message: Promise, /, **params: Any) -> dict[str, str]:
    """A validation warning worded in every platform language now (``{"id": …, "en": …}``), as stored."""
    return dict(in_each_language(wording(message, **params)))


def validation_warnings(report: Mapping[str, Any] | None) -> list[str]:
    """A dataset's validation warnings in the active language (warnings stored before they were worded
    per language read in English, as stored)."""
    return [in_active_language(w) for w in (report or {}).get("warnings") or []]


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

    Progress: validation is reported before the transaction starts; inside it, a job's reporter writes
    through its own connection (:mod:`kotacerdas.jobs.domain.lease`), so it is visible while it runs.
    """
    report_progress = progress or (lambda _f, _m: None)
    report_progress(0.05, wording(gettext_lazy("memvalidasi %(file)s"), file=file_name))
    indicators, panel = parse_panel(file_name, content, code_system)
    years = sorted(y for y in panel if y is not None)
    values: Values = {code: row for year_values in panel.values() for code, row in year_values.items()}
    every_row = {f"{code} {year}": row for year, rows in panel.items() for code, row in rows.items()}
    report = {**validation_report(indicators, every_row), "regions": len(values), "code_system": code_system}
    if years:
        report = {
            **report,
            "years": years,
            "rows": sum(len(v) for v in panel.values()),
            "warnings": [
                *report["warnings"],
                *(
                    _warning(
                        ngettext_lazy(
                            "%(year)s: %(n)s daerah tidak memiliki baris",
                            "%(year)s: %(n)s daerah tidak memiliki baris",
                            len(values) - len(panel[year]),
                        ),
                        year=str(year),
                        n=len(values) - len(panel[year]),
                    )
                    for year in years
                    if len(panel[year]) < len(values)
                ),
            ],
        }
    report_progress(
        0.3,
        wording(
            gettext_lazy("%(regions)s daerah × %(indicators)s indikator sah"),
            regions=report["regions"],
            indicators=report["indicators"],
        ),
    )
    regions = dict(Region.objects.filter(code__in=list(values)).values_list("code", "id"))
    absent = sorted(set(values) - set(regions))
    if absent:
        raise InputError(
            worded("regions_not_loaded", codes=", ".join(absent[:5])),
            location=Location(file=file_name),
            hint=hint_of("regions_not_loaded"),
            code="regions_not_loaded",
            params={"codes": ", ".join(absent[:5])},
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
            imported_by=stored_user(actor),
            indicators=indicators,
            validation_report=report,
            years=years,
        )
        rows = [
            DatasetValue(dataset=dataset, region_id=regions[code], indicator=ind, value=val, year=year)
            for year, year_values in panel.items()
            for code, row in year_values.items()
            for ind, val in row.items()
        ]
        stored = gettext_lazy("%(done)s/%(total)s nilai tersimpan")
        for start in range(0, len(rows), 2000):
            DatasetValue.objects.bulk_create(rows[start : start + 2000])
            done = min(start + 2000, len(rows))
            report_progress(0.3 + 0.65 * done / len(rows), wording(stored, done=done, total=len(rows)))
        record(
            actor=actor,
            action="dataset.import",
            target=dataset,
            summary=wording(
                gettext_lazy("%(dataset)s dari %(file)s: %(regions)s daerah × %(indicators)s indikator"),
                dataset=str(dataset),
                file=file_name,
                regions=report["regions"],
                indicators=report["indicators"],
            ),
            data={"file": file_name, "code_system": code_system, "warnings": report["warnings"][:20]},
        )
    return dataset


def dataset_matrix(dataset: Dataset, year: int | None = None) -> Values:
    """The stored values as ``{code: {indicator: value}}`` (panel data: of one ``year``)."""
    if dataset.years and year not in dataset.years:
        raise StateError(
            _("set data %(dataset)s adalah data panel (%(years)s): pilih salah satu tahunnya")
            % {"dataset": dataset, "years": ", ".join(map(str, dataset.years))},
            code="panel_needs_year",
        )
    out: Values = {}
    rows = dataset.values.filter(year=year) if year is not None else dataset.values.all()
    for code, ind, val in rows.values_list("region__code", "indicator", "value"):
        out.setdefault(code, {})[ind] = val
    return out


def queue_dataset_import(
    *,
    actor: Any,
    name: str,
    file_name: str,
    content: bytes,
    source: str,
    year: int,
    licence: str,
    code_system: str = KEMENDAGRI,
) -> Job:
    """Check the upload, save it to storage and queue its import job (the UI and the API call this).

    Only cheap checks run here (file type, size); the table itself is validated by the job, whose
    failure keeps the error with its file, row and column; the job owns (and later removes) the file.
    """
    if not file_name.lower().endswith(SUFFIXES):
        raise InputError(
            _("unggah berkas .csv atau .xlsx"),
            location=Location(file=file_name),
            hint=_("ekspor tabel itu sebagai CSV"),
            code="csv_or_xlsx_only",
        )
    check_table_size(file_name, len(content))  # before the upload is stored for the job
    if code_system not in CODE_SYSTEMS:
        raise InputError(
            _("sistem kode %(system)r tidak dikenal") % {"system": code_system},
            hint=_("pilih Kemendagri atau BPS"),
            code="unknown_code_system",
        )
    suffix = next(s for s in SUFFIXES if file_name.lower().endswith(s))
    if suffix == ".xlsx":
        check_xlsx_archive(file_name, content)  # a zip bomb is refused here, not in the worker
    stored = default_storage.save(f"uploads/{uuid.uuid4().hex}{suffix}", ContentFile(content))
    from kotacerdas.regions import tasks  # local import: tasks.py wraps this module's services

    return enqueue(
        actor=actor,
        function=tasks.dataset_import,
        arguments={
            "actor_id": getattr(actor, "pk", None),
            "storage_name": stored,
            "file_name": file_name,
            "name": name.strip() or file_name,
            "source": source,
            "year": year,
            "licence": licence,
            "code_system": code_system,
        },
    )
