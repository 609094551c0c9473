"""The map: kab/kota coloured by index score or lifecycle stage (Leaflet over a cached geometry asset).

The page carries only the values (a few kB, also shown as a table for screen readers and small screens);
the boundaries come as one simplified, versioned, browser-cached asset (``regions.domain.map_geometry``).
Without imported boundaries a schematic tile map of the provinces is drawn instead.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kotacerdas.io.registry import load_registry
from kotacerdas.programme.lifecycle import MAIN_LINE, progress
from kotacerdas.programme.models import Participation
from kotacerdas.regions import rules
from kotacerdas.regions.domain.map_geometry import screen_geometry
from kotacerdas.regions.models import IndexScore, Region
from kotacerdas.web.charts import tile_map
from kotacerdas.web.permissions import guarded
from kotacerdas.web.views.ranking import chosen_run

#: a year: the asset's URL changes with every boundary import
ASSET_MAX_AGE = 365 * 24 * 3600


def _values(request: HttpRequest, metric: str) -> dict[str, float]:
    """Per kab/kota: the index score of the chosen run, or the furthest stage reached (0 = not in it)."""
    if metric == "score":
        run = chosen_run(request)
        if run is None:
            return {}
        return dict(IndexScore.objects.filter(run=run).values_list("region__code", "score"))
    stages: dict[str, float] = {}
    for code, state in Participation.objects.values_list("region__code", "state"):
        stages[code] = max(stages.get(code, 0), progress(state) + 1)
    return stages


def _stage_label(stage: float) -> str:
    return str(MAIN_LINE[int(stage) - 1].label) if stage >= 1 else _("Belum ikut program")


def _rows(metric: str, values: dict[str, float]) -> list[dict[str, Any]]:
    """One row per kab/kota: code, name, province, value and the value as a person reads it."""
    rows = []
    for code, name, province in Region.objects.order_by("code").values_list("code", "name", "province"):
        value = values.get(code)
        if metric == "stage":
            value = value or 0.0
            shown = _stage_label(value)
        else:
            shown = "—" if value is None else number_format(value, 1)
        rows.append({"code": code, "name": name, "province": province, "value": value, "shown": shown})
    return rows


@guarded(rules.can_view_regions)
def map_view(request: HttpRequest) -> HttpResponse:
    metric = "score" if request.GET.get("metric") == "score" else "stage"
    values = _values(request, metric)
    geometry = screen_geometry()
    title = _("Skor indeks") if metric == "score" else _("Tahap terjauh dalam program")
    rows = _rows(metric, values)  # the map's data as a table too (screen readers, keyboards, small screens)
    context: dict[str, Any] = {"metric": metric, "run": chosen_run(request), "rows": rows, "title": title}
    if geometry is not None:
        context |= {
            "kind": "choropleth",
            "map_data": {
                "geometry": reverse("web:map-geometry", args=[geometry.version]),
                "region": reverse("web:region", args=["CODE"]),
                "title": title,
                "metric": metric,
                "stages": [_stage_label(i) for i in range(len(MAIN_LINE) + 1)],
                "values": {r["code"]: [r["name"], r["value"], r["shown"]] for r in rows},
            },
        }
    else:
        context |= {"kind": "tiles", "chart": _tiles(metric, values, title)}
    return render(request, "web/map.html", context)


@guarded(rules.can_view_regions)
def map_geometry(request: HttpRequest, version: str) -> HttpResponse:
    """The simplified boundaries; a stale version redirects to the current one."""
    geometry = screen_geometry()
    if geometry is None:
        raise Http404(_("Batas wilayah belum diimpor."))
    if version != geometry.version:
        return redirect("web:map-geometry", geometry.version)
    response = HttpResponse(geometry.content, content_type="application/geo+json")
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}, immutable"
    return response


def _tiles(metric: str, values: dict[str, float], title: str) -> str:
    """The schematic tile map of provinces (plotly), for a platform without imported boundaries."""
    by_province: dict[str, list[float]] = defaultdict(list)
    names = {code: p.name for code, p in load_registry().provinces.items()}
    for code, value in values.items():
        by_province[code[:2]].append(value)
    summary = {p: (sum(v) / len(v) if metric == "score" else float(len(v))) for p, v in by_province.items()}
    suffix = _(" — rata-rata per provinsi") if metric == "score" else _(" — jumlah daerah per provinsi")
    return tile_map(summary, names, title + suffix)
