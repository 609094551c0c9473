"""The map: choropleth of an index score or lifecycle stage by kab/kota, or a tile map of provinces."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import AuditEvent
from kotacerdas.io.registry import load_registry
from kotacerdas.programme.lifecycle import progress
from kotacerdas.programme.models import Participation, StateChange
from kotacerdas.regions import rules
from kotacerdas.regions.models import IndexScore, Region
from kotacerdas.web.charts import choropleth, tile_map
from kotacerdas.web.permissions import guarded
from kotacerdas.web.views.ranking import chosen_run


def _values(request: HttpRequest, metric: str) -> dict[str, float]:
    """Per kab/kota: the index score of the chosen run, or the furthest stage reached (0–8)."""
    if metric == "score":
        run = chosen_run(request)
        if run is None:
            return {}
        return dict(IndexScore.objects.filter(run=run).values_list("region__code", "score"))
    stages: dict[str, float] = {}
    for code, state in Participation.objects.values_list("region__code", "state"):
        stages[code] = max(stages.get(code, 0), progress(state) + 1)
    return stages


def _fingerprint(request: HttpRequest, metric: str) -> str:
    """Cache key of the drawn chart: changes with the run, the boundaries, lifecycle steps and language."""
    run = chosen_run(request)
    shaped = Region.objects.exclude(geometry=None).count()
    last_step = StateChange.objects.aggregate(m=Max("id"))["m"]
    last_import = AuditEvent.objects.filter(action="boundaries.import").aggregate(m=Max("id"))["m"]
    return f"map:{metric}:{run.pk if run else 0}:{shaped}:{last_step}:{last_import}:{get_language()}"


@guarded(rules.can_view_regions)
def map_view(request: HttpRequest) -> HttpResponse:
    metric = "score" if request.GET.get("metric") == "score" else "stage"
    key = _fingerprint(request, metric)
    cached = cache.get(key)
    if cached is None:
        cached = _draw(request, metric)
        cache.set(key, cached, timeout=3600)
    chart, kind = cached
    return render(
        request, "web/map.html", {"chart": chart, "kind": kind, "metric": metric, "run": chosen_run(request)}
    )


def _draw(request: HttpRequest, metric: str) -> tuple[str, str]:
    """The chart HTML and its kind (``choropleth`` from boundaries, else ``tiles``)."""
    values = _values(request, metric)
    title = _("Skor indeks") if metric == "score" else _("Tahap terjauh (0 = belum ikut, 9 = penghargaan)")
    shaped = Region.objects.exclude(geometry=None)
    if shaped.exists():
        regions = list(shaped.values_list("code", "name", "geometry"))
        geojson: dict[str, Any] = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "id": code, "properties": {"name": name}, "geometry": geometry}
                for code, name, geometry in regions
            ],
        }
        names = {code: name for code, name, _ in regions}
        chart = choropleth(geojson, {c: values.get(c, 0.0) for c in names}, names, title)
        kind = "choropleth"
    else:
        by_province: dict[str, list[float]] = defaultdict(list)
        names = {code: p.name for code, p in load_registry().provinces.items()}
        for code, value in values.items():
            by_province[code[:2]].append(value)
        summary = {
            p: (sum(v) / len(v) if metric == "score" else float(len(v))) for p, v in by_province.items()
        }
        chart = tile_map(
            summary,
            names,
            title
            + (_(" — rata-rata per provinsi") if metric == "score" else _(" — jumlah daerah per provinsi")),
        )
        kind = "tiles"
    return chart, kind
