"""CSV and XLSX downloads of tables, in the requesting user's language.

Headers are :class:`~kotacerdas.io.sheets.Column` s rendered in the active (request) language; labels in
the rows (states, levels, types) are the views' business: they write the human label, not the stored
code. A numeric XLSX cell stays numeric and gets its column's number format; a CSV writes numbers as
machine values (dot decimals) so the file reads back as data. Every cell goes through the formula guard.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse

from kotacerdas.io.safe_cells import CsvWriter
from kotacerdas.io.sheets import Header, fill_sheet, header_labels

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(filename: str, header: Header, rows: Sequence[Sequence[object]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(header_labels(header))
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    filename: str, header: Header, rows: Sequence[Sequence[object]], *, sheet_title: Any = ""
) -> HttpResponse:
    from openpyxl import Workbook  # local import: slow import, only for this download

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if sheet_title:
        sheet.title = str(sheet_title)[:31]
    fill_sheet(sheet, header, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
