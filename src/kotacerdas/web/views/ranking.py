"""The ranking table of an index run, with rank intervals, filters and CSV/XLSX export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.rules import is_staff_role
from kotacerdas.io.registry import ISLAND_GROUPS
from kotacerdas.io.sheets import DECIMAL, INTEGER, Column
from kotacerdas.regions import rules
from kotacerdas.regions.forms import RankingFilterForm, RunFilterForm
from kotacerdas.regions.models import IndexRun, IndexScore, Region
from kotacerdas.web.exports import csv_response, xlsx_response
from kotacerdas.web.permissions import guarded
from kotacerdas.web.views.uncertainty import DEFAULT_FACTORS

PAGE_SIZE = 100
HEADER = [
    Column(pgettext_lazy("kolom", "Peringkat"), INTEGER),
    Column(_("Kode")),
    Column(_("Nama")),
    Column(_("Jenis daerah")),
    Column(_("Provinsi")),
    Column(_("Kelompok pulau")),
    Column(_("Skor"), DECIMAL),
    Column(_("Peringkat median"), DECIMAL),
    Column(_("Peringkat kuantil 5%"), DECIMAL),
    Column(_("Peringkat kuantil 95%"), DECIMAL),
    Column(_("Peluang masuk teratas"), DECIMAL),
]


def chosen_run(request: HttpRequest) -> IndexRun | None:
    """The run named by ``?run=`` if the user may see it, else the newest visible one."""
    runs = rules.visible_index_runs(request.user)
    return RunFilterForm(request.GET, runs=runs).chosen() or runs.first()


@guarded(rules.can_view_regions)
def ranking(request: HttpRequest) -> HttpResponse:
    runs = rules.visible_index_runs(request.user)
    provinces = list(
        Region.objects.values_list("province_code", "province").distinct().order_by("province_code")
    )
    form = RankingFilterForm(request.GET, runs=runs, provinces=provinces)
    run = form.chosen() or runs.first()
    scores = (
        IndexScore.objects.filter(run=run, **form.filters())
        .select_related("region")
        .order_by("rank", "region__code")
        if run
        else IndexScore.objects.none()
    )
    export = form.cleaned_data.get("format")
    if run and export in ("csv", "xlsx"):
        rows = [
            [
                s.rank,
                s.region.code,
                s.region.name,
                s.region.type,  # kabupaten/kota: the administrative terms stay Indonesian in both languages
                s.region.province,
                s.region.island_group,
                round(s.score, 4),
                s.median_rank,
                s.rank_q05,
                s.rank_q95,
                s.p_top,
            ]
            for s in scores
        ]
        if export == "csv":
            return csv_response(f"peringkat-{run.pk}", HEADER, rows)
        return xlsx_response(f"peringkat-{run.pk}", HEADER, rows, sheet_title=_("Peringkat"))
    page = Paginator(scores, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "run": run,
        "runs": runs,
        "scores": page,
        "page": page,
        "islands": ISLAND_GROUPS,
        "provinces": provinces,
        "query": query.urlencode(),
        "can_publish": rules.can_publish(request.user),
        "analyses": rules.visible_analyses(request.user, run) if run and is_staff_role(request.user) else [],
        "can_analyse": bool(
            run and run.meta and run.dataset_id and rules.can_manage_index_runs(request.user)
        ),
        "default_factors": DEFAULT_FACTORS,
    }
    return render(request, "web/ranking.html", context)
