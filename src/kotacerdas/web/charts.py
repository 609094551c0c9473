"""Plotly figures rendered to HTML fragments (plotly.js itself is served locally).

A fragment is an empty ``div`` plus the figure as JSON in a ``<script type="application/json">``, which
the browser never runs; ``web/charts.js`` draws it. So the pages need no inline script, and the
Content-Security-Policy allows scripts from the site's own files only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from kotacerdas.web.tiles import TILES

CONFIG = {"displaylogo": False, "responsive": True}


# JSON inside a <script> element: characters that could end it or start markup are escaped
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _html(fig: go.Figure, div_id: str, height: int = 420) -> SafeString:
    fig.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=height)
    spec = fig.to_json().translate(_JSON_ESCAPES)
    config = json.dumps(CONFIG)
    return format_html(
        '<div id="{}" class="kc-chart"></div>'
        '<script type="application/json" class="kc-chart-spec" data-target="{}" data-config="{}">{}</script>',
        div_id,
        div_id,
        config,
        mark_safe(spec),  # JSON with <, > and & escaped above
    )


def bar(labels: Sequence[str], values: Sequence[float], title: str, div_id: str) -> SafeString:
    """A horizontal bar chart (distribution by island group, province or type)."""
    fig = go.Figure(go.Bar(x=list(values), y=list(labels), orientation="h", marker_color="#1f6f8b"))
    fig.update_layout(title=title, yaxis={"autorange": "reversed"})
    return _html(fig, div_id)


def choropleth(
    geojson: dict[str, Any], values: Mapping[str, float], names: Mapping[str, str], title: str
) -> SafeString:
    """Kab/kota choropleth from imported boundaries (feature ``id`` = Kemendagri code)."""
    codes = list(values)
    fig = go.Figure(
        go.Choropleth(
            geojson=geojson,
            locations=codes,
            z=[values[c] for c in codes],
            featureidkey="id",
            text=[names[c] for c in codes],
            colorscale="Viridis",
            marker_line_width=0.3,
        )
    )
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(title=title)
    return _html(fig, "map", height=620)


def tile_map(values: Mapping[str, float], names: Mapping[str, str], title: str) -> SafeString:
    """The schematic tile map of provinces: one coloured square per province."""
    codes = [c for c in TILES if c in names]
    fig = go.Figure(
        go.Scatter(
            x=[TILES[c][0] for c in codes],
            y=[-TILES[c][1] for c in codes],
            mode="markers+text",
            text=[c for c in codes],
            textfont={"color": "white"},
            hovertext=[f"{names[c]}: {values.get(c, 0):g}" for c in codes],
            hoverinfo="text",
            marker={
                "symbol": "square",
                "size": 38,
                "color": [values.get(c, 0) for c in codes],
                "colorscale": "Viridis",
                "showscale": True,
            },
        )
    )
    fig.update_layout(
        title=title,
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x"},
        plot_bgcolor="white",
    )
    return _html(fig, "map")
