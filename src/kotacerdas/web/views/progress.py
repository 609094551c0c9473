"""Programme progress: national, per province (drill-down), with CSV and XLSX exports.

Public in aggregate: counts, shares and sums per cohort, dimension, province and region. Evidence files
and links, notes and who reported stay off these pages (see docs/platform.md, "Kemajuan program").
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from kotacerdas.io.sheets import INTEGER, SHARE, Column
from kotacerdas.monitoring import rules
from kotacerdas.monitoring.domain.progress import PROVINCE_CODE, Group, Progress, Standing, Tally, progress
from kotacerdas.regions.models import Region
from kotacerdas.web.exports import csv_response, xlsx_response
from kotacerdas.web.permissions import guarded

HEADER = [
    Column(_l("Tingkat")),
    Column(_l("Kunci")),
    Column(_l("Nama")),
    Column(_l("Jumlah program"), INTEGER),
    Column(_l("Sesuai rencana"), SHARE),
    Column(_l("Tertinggal"), SHARE),
    Column(_l("Terhenti"), SHARE),
    Column(_l("Belum melapor"), SHARE),
    Column(_l("Capaian KPI"), SHARE),
    Column(_l("Anggaran direncanakan (sudah dilaporkan)"), INTEGER),
    Column(_l("Anggaran terealisasi"), INTEGER),
    Column(_l("Persentase realisasi anggaran"), SHARE),
    Column(_l("Quick win"), INTEGER),
    Column(_l("Quick win selesai"), INTEGER),
    Column(_l("Buku diharapkan"), INTEGER),
    Column(_l("Buku diterima"), INTEGER),
    Column(_l("Daerah terlambat"), INTEGER),
]
#: the level of each row, in the reader's language (a province page lists regions, the national one provinces)
LEVELS = {
    "all": _l("Semua"),
    "cohort": _l("Kohort"),
    "dimension": _l("Dimensi"),
    "province": _l("Provinsi"),
    "region": _l("Daerah"),
}


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 4)


def _row(level: str, key: str, name: str, t: Tally) -> list[Any]:
    return [
        str(LEVELS[level]),
        key,
        name,
        t.programmes,
        *(_round(t.share(s)) for s in Standing.values),
        _round(t.attainment),
        int(t.planned_due),
        int(t.realised),
        _round(t.realisation),
        t.quick_wins,
        t.quick_wins_done,
        t.books_expected,
        t.books_accepted,
        len(t.late_regions),
    ]


def _export(report: Progress, kind: str, name: str, area_level: str) -> HttpResponse:
    rows = [_row("all", "", _("Semua"), report.overall)]
    for level, groups in (
        ("cohort", report.by_cohort),
        ("dimension", report.by_dimension),
        (area_level, report.by_area),
    ):
        rows += [_row(level, g.key, g.label, g.tally) for g in groups]
    if kind == "csv":
        return csv_response(name, HEADER, rows)
    return xlsx_response(name, HEADER, rows, sheet_title=_("Kemajuan program"))


def bar(t: Tally) -> list[tuple[str, str, str, str]]:
    """Segments ``(standing, label, x, width)`` of a 100-wide stacked bar (SVG units, dot decimals)."""
    out, x = [], 0.0
    for key, label in Standing.choices:
        width = 100 * (t.share(key) or 0.0)
        if width:
            out.append((key, str(label), f"{x:.2f}", f"{width:.2f}"))
        x += width
    return out


def _rows(groups: list[Group]) -> list[tuple[Group, list[tuple[str, str, str, str]]]]:
    return [(g, bar(g.tally)) for g in groups]


def _page(request: HttpRequest, report: Progress, **context: Any) -> HttpResponse:
    return render(
        request,
        "web/progress.html",
        {
            "report": report,
            "overall_bar": bar(report.overall),
            "cohorts": _rows(report.by_cohort),
            "dimensions": _rows(report.by_dimension),
            "areas": _rows(report.by_area),
            "standings": Standing.choices,
            **context,
        },
    )


@guarded(rules.can_view_progress)
def national(request: HttpRequest) -> HttpResponse:
    report = progress(today=timezone.localdate())
    kind = request.GET.get("format")
    if kind in ("csv", "xlsx"):
        return _export(report, kind, "kemajuan-nasional", "province")
    return _page(request, report, province=None)


@guarded(rules.can_view_progress)
def province(request: HttpRequest, code: str) -> HttpResponse:
    name = None
    if PROVINCE_CODE.fullmatch(code):  # anything else is no province (and never reaches the database)
        name = Region.objects.filter(province_code=code).values_list("province", flat=True).first()
    if name is None:
        raise Http404(_("Tidak ada provinsi dengan kode %(code)s.") % {"code": code})
    report = progress(today=timezone.localdate(), province_code=code)
    kind = request.GET.get("format")
    if kind in ("csv", "xlsx"):
        return _export(report, kind, f"kemajuan-provinsi-{code}", "region")
    return _page(request, report, province=(code, name))
