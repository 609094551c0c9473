"""The rank-interval chart of an uncertainty analysis, drawn as SVG text and as a PNG with Pillow.

The chart is simple (one vertical interval per unit, two markers, axes, labels), so it is laid out here
once as a list of shapes in pixel coordinates (:func:`layout`) and then written by two small renderers:
:func:`to_svg` (XML text, every value escaped) and :func:`write_png` (Pillow's ``ImageDraw``). This
keeps a plotting library out of ``kotacerdas index uncertainty``: importing matplotlib and laying out
its figure cost more than the whole analysis (issue 9 §5). Shapes are named tuples, which cost less to
define at import than dataclasses.

Layout: units on the x axis in nominal-rank order; the y axis is the rank, 1 (best) at the top. Per
unit a bar from the 5th to the 95th percentile rank, a dot at the median rank and a cross at the
nominal rank; a dashed line under rank ``top`` marks the top-N cut-off. In the SVG each unit is a
``<g class="unit" data-unit="…">`` with a ``<title>`` (a tooltip naming the unit and its figures).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np

if TYPE_CHECKING:  # Pillow only for the annotation: it is imported when a PNG is written
    from PIL import Image, ImageDraw, ImageFont

    from kotacerdas.engine.uncertainty import UncertaintyResult

INTERVAL = "#9ecae1"
MEDIAN = "#08519c"
NOMINAL = "#cb181d"
CUTOFF = "#808080"
GRID = "#e3e3e3"
INK = "#222222"
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
CHAR_WIDTH = 0.6  # average glyph width of a sans-serif font, in em: used only to make room for text
DPI = 120  # pixels per inch, as the matplotlib figure this chart replaced
Anchor = Literal["start", "middle", "end"]


class Line(NamedTuple):
    """A straight line; ``dash`` draws it dashed."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float
    dash: bool = False
    role: str = ""


class Dot(NamedTuple):
    """A filled circle."""

    x: float
    y: float
    r: float
    colour: str
    role: str = ""


class Cross(NamedTuple):
    """An ×: two diagonals of half-length ``half`` through (x, y)."""

    x: float
    y: float
    half: float
    colour: str
    width: float
    role: str = ""


class Text(NamedTuple):
    """Text with its baseline through (x, y); ``vertical`` turns it to read bottom to top."""

    x: float
    y: float
    text: str
    size: float
    anchor: Anchor = "start"
    vertical: bool = False
    bold: bool = False
    role: str = ""


class Rect(NamedTuple):
    """An unfilled rectangle (the plot frame)."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    line_width: float


Shape = Line | Dot | Cross | Text | Rect


class UnitMarks(NamedTuple):
    """One unit's shapes (interval, median, nominal) and its tooltip."""

    unit: str
    tooltip: str
    shapes: list[Shape]


class Chart:
    """A laid-out chart: canvas size, shapes drawn first (frame, grid, labels), then each unit's marks."""

    def __init__(self, width: int, height: int, title: str = "") -> None:
        self.width = width
        self.height = height
        self.title = title
        self.shapes: list[Shape] = []
        self.units: list[UnitMarks] = []

    def every_shape(self) -> list[Shape]:
        """All shapes in drawing order."""
        return [*self.shapes, *(s for u in self.units for s in u.shapes)]


def rank_ticks(n: int) -> list[int]:
    """Rank 1 and the multiples of a round step (1, 2 or 5 × 10^k, at most ~10 ticks) up to ``n``."""
    step = 1
    for power in range(0, 12):
        for base in (1, 2, 5):
            step = base * 10**power
            if n / step <= 10:
                return sorted({1, *range(step, n + 1, step)})
    return [1, n]  # pragma: no cover - more than 5·10^12 units


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _number(value: float) -> str:
    return f"{value:.6g}"


def layout(result: UncertaintyResult, title: str = "Rank uncertainty") -> Chart:
    """The chart of ``result`` as shapes in pixels (see the module's docstring for what is drawn)."""
    order = np.lexsort((np.arange(len(result.units)), result.nominal_rank))
    n = len(order)
    width = round(DPI * min(max(6.0, 0.18 * n + 2), 40.0))
    ranked = int(result.ranked_samples.max(initial=0))
    failed = f", {result.failed} failed samples" if result.failed else ""
    heading = f"{title}: rank statistics over {ranked} samples{failed}"

    left, right, plot_height = 64.0, 24.0, 440.0
    plot_width = width - left - right
    dx = plot_width / (n + 1)  # x limits 0 … n + 1, as y limits 0 … n + 1
    dy = plot_height / (n + 1)
    label_size = min(10.0, 0.9 * dx)
    labels = [result.units[i] for i in order]
    show_labels = label_size >= 6.0
    label_room = max((_text_width(u, label_size) for u in labels), default=0.0) + 8 if show_labels else 0.0
    top_margin = 76.0
    height = math.ceil(top_margin + plot_height + label_room + 40)

    def x_of(position: float) -> float:
        return left + position * dx

    def y_of(rank: float) -> float:
        return top_margin + rank * dy

    bottom = top_margin + plot_height
    chart = Chart(width, height, title=heading)
    add = chart.shapes.append
    add(Text(width / 2, 24, heading, 15, "middle", bold=True, role="title"))
    for rank in rank_ticks(n):
        y = y_of(rank)
        add(Line(left, y, left + plot_width, y, GRID, 1, role="grid"))
        add(Line(left - 5, y, left, y, INK, 1, role="tick"))
        add(Text(left - 8, y + 4, str(rank), 11, "end", role="tick"))
    add(Rect(left, top_margin, plot_width, plot_height, INK, 1))
    if result.top + 0.5 < n + 1:
        y = y_of(result.top + 0.5)
        add(Line(left, y, left + plot_width, y, CUTOFF, 1.2, dash=True, role="cutoff"))
    if show_labels:
        for position, unit in enumerate(labels, start=1):
            add(Text(x_of(position) + 0.35 * label_size, bottom + 6, unit, label_size, "end", vertical=True,
                     role="unit-label"))  # fmt: skip
    add(Text(left + plot_width / 2, height - 12, "units, ordered by nominal rank", 12, "middle", role="axis"))
    add(Text(18, top_margin + plot_height / 2, "rank (1 = best)", 12, "middle", vertical=True, role="axis"))
    _legend(chart, left, 50, result.top)

    bar = min(max(0.6 * dx, 1.0), 8.0)
    r = min(max(0.3 * dx, 1.5), 4.0)
    for position, i in enumerate(order, start=1):
        x = x_of(position)
        unit = result.units[i]
        tooltip = (f"{unit}: nominal rank {int(result.nominal_rank[i])}, median {_number(result.median_rank[i])}, "
                   f"5th–95th percentile {_number(result.q05[i])}–{_number(result.q95[i])}")  # fmt: skip
        chart.units.append(UnitMarks(unit, tooltip, [
            Line(x, y_of(result.q05[i]), x, y_of(result.q95[i]), INTERVAL, bar, role="interval"),
            Dot(x, y_of(result.median_rank[i]), r, MEDIAN, role="median"),
            Cross(x, y_of(result.nominal_rank[i]), r, NOMINAL, 1.5, role="nominal"),
        ]))  # fmt: skip
    return chart


def _legend(chart: Chart, x: float, y: float, top: int) -> None:
    """One row of swatches and their meaning, under the title."""
    size = 11.0
    items: list[tuple[str, Shape]] = [
        ("5th to 95th percentile rank", Line(0, y - 8, 0, y + 4, INTERVAL, 6)),
        ("median rank", Dot(0, y - 2, 4, MEDIAN)),
        ("nominal rank", Cross(0, y - 2, 4, NOMINAL, 1.5)),
        (f"top {top} cut-off", Line(-8, y - 2, 8, y - 2, CUTOFF, 1.2, dash=True)),
    ]
    for label, swatch in items:
        centre = x + 10
        if isinstance(swatch, Line):
            swatch = Line(swatch.x1 + centre, swatch.y1, swatch.x2 + centre, swatch.y2, swatch.colour,
                          swatch.width, swatch.dash, "legend")  # fmt: skip
        elif isinstance(swatch, Dot):
            swatch = Dot(centre, swatch.y, swatch.r, swatch.colour, "legend")
        elif isinstance(swatch, Cross):
            swatch = Cross(centre, swatch.y, swatch.half, swatch.colour, swatch.width, "legend")
        chart.shapes.append(swatch)
        chart.shapes.append(Text(x + 24, y + 2, label, size, role="legend"))
        x += 24 + _text_width(label, size) + 20


# --- SVG ---------------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # what XML 1.0 forbids


def escape(text: str) -> str:
    """``text`` safe inside an XML element or a double-quoted attribute (characters XML forbids → U+FFFD)."""
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg_shape(shape: Shape) -> str:
    role = f' class="{shape.role}"' if not isinstance(shape, Rect) and shape.role else ""
    if isinstance(shape, Line):
        dash = ' stroke-dasharray="5 3"' if shape.dash else ""
        return (f'<line{role} x1="{_f(shape.x1)}" y1="{_f(shape.y1)}" x2="{_f(shape.x2)}" y2="{_f(shape.y2)}" '
                f'stroke="{shape.colour}" stroke-width="{_f(shape.width)}"{dash}/>')  # fmt: skip
    if isinstance(shape, Dot):
        return (
            f'<circle{role} cx="{_f(shape.x)}" cy="{_f(shape.y)}" r="{_f(shape.r)}" fill="{shape.colour}"/>'
        )
    if isinstance(shape, Cross):
        x, y, h = shape.x, shape.y, shape.half
        return (f'<path{role} data-x="{_f(x)}" data-y="{_f(y)}" d="M{_f(x - h)} {_f(y - h)}L{_f(x + h)} {_f(y + h)}'
                f'M{_f(x - h)} {_f(y + h)}L{_f(x + h)} {_f(y - h)}" stroke="{shape.colour}" '
                f'stroke-width="{_f(shape.width)}"/>')  # fmt: skip
    if isinstance(shape, Rect):
        return (f'<rect x="{_f(shape.x)}" y="{_f(shape.y)}" width="{_f(shape.width)}" height="{_f(shape.height)}" '
                f'fill="none" stroke="{shape.colour}" stroke-width="{_f(shape.line_width)}"/>')  # fmt: skip
    place = f'x="{_f(shape.x)}" y="{_f(shape.y)}"'
    if shape.vertical:
        place = f'transform="translate({_f(shape.x)} {_f(shape.y)}) rotate(-90)"'
    weight = ' font-weight="bold"' if shape.bold else ""
    return (
        f'<text{role} {place} font-size="{_f(shape.size)}" text-anchor="{shape.anchor}"{weight}>'
        f"{escape(shape.text)}</text>"
    )


def to_svg(chart: Chart) -> str:
    """The chart as a standalone SVG document (UTF-8 text)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width}" height="{chart.height}" '
        f'viewBox="0 0 {chart.width} {chart.height}" font-family="{FONT}" fill="{INK}">',
        f"<title>{escape(chart.title)}</title>",
        f'<rect width="{chart.width}" height="{chart.height}" fill="#ffffff"/>',
    ]
    out.extend(_svg_shape(s) for s in chart.shapes)
    for marks in chart.units:
        out.append(f'<g class="unit" data-unit="{escape(marks.unit)}"><title>{escape(marks.tooltip)}</title>')
        out.extend(_svg_shape(s) for s in marks.shapes)
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- PNG ---------------------------------------------------------------------------------------------


def write_png(chart: Chart, path: Path) -> None:
    """Draw the chart with Pillow and save it as PNG."""
    # local import: Pillow is needed only for this file; PngImagePlugin registers PNG without the other
    # format plugins that Image.save would otherwise load.
    from PIL import Image, ImageDraw, PngImagePlugin  # noqa: F401

    image = Image.new("RGB", (chart.width, chart.height), "#ffffff")
    draw = ImageDraw.Draw(image)
    fonts: dict[tuple[float, bool], ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}
    for shape in chart.every_shape():
        _draw(image, draw, shape, fonts)
    image.save(path, format="PNG")


def _font(
    size: float, bold: bool, cache: dict[tuple[float, bool], ImageFont.FreeTypeFont | ImageFont.ImageFont]
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # local import: Pillow is needed only for the PNG (see write_png)
    from PIL import ImageFont

    key = (size, bold)
    if key not in cache:
        cache[key] = ImageFont.load_default(size=size)
    return cache[key]


def _draw(
    image: Image.Image,
    draw: ImageDraw.ImageDraw,
    shape: Shape,
    fonts: dict[tuple[float, bool], ImageFont.FreeTypeFont | ImageFont.ImageFont],
) -> None:
    if isinstance(shape, Line):
        width = max(1, round(shape.width))
        if not shape.dash:
            draw.line([(shape.x1, shape.y1), (shape.x2, shape.y2)], fill=shape.colour, width=width)
            return
        length = math.hypot(shape.x2 - shape.x1, shape.y2 - shape.y1)
        ux, uy = (shape.x2 - shape.x1) / length, (shape.y2 - shape.y1) / length
        at = 0.0
        while at < length:
            end = min(at + 5, length)
            draw.line([(shape.x1 + ux * at, shape.y1 + uy * at), (shape.x1 + ux * end, shape.y1 + uy * end)],
                      fill=shape.colour, width=width)  # fmt: skip
            at += 8
    elif isinstance(shape, Dot):
        draw.ellipse(
            [shape.x - shape.r, shape.y - shape.r, shape.x + shape.r, shape.y + shape.r], fill=shape.colour
        )
    elif isinstance(shape, Cross):
        x, y, h, width = shape.x, shape.y, shape.half, max(1, round(shape.width))
        draw.line([(x - h, y - h), (x + h, y + h)], fill=shape.colour, width=width)
        draw.line([(x - h, y + h), (x + h, y - h)], fill=shape.colour, width=width)
    elif isinstance(shape, Rect):
        draw.rectangle([shape.x, shape.y, shape.x + shape.width, shape.y + shape.height], outline=shape.colour,
                       width=max(1, round(shape.line_width)))  # fmt: skip
    else:
        _draw_text(image, draw, shape, _font(shape.size, shape.bold, fonts))


def _draw_text(
    image: Image.Image,
    draw: ImageDraw.ImageDraw,
    text: Text,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
) -> None:
    anchor = {"start": "ls", "middle": "ms", "end": "rs"}[text.anchor]
    if not text.vertical:
        draw.text((text.x, text.y), text.text, fill=INK, font=font, anchor=anchor)
        if text.bold:  # the default font has no bold face: draw it twice, one pixel apart
            draw.text((text.x + 1, text.y), text.text, fill=INK, font=font, anchor=anchor)
        return
    # local import: Pillow is needed only for the PNG (see write_png)
    from PIL import Image, ImageDraw

    left, top, right, bottom = draw.textbbox((0, 0), text.text, font=font, anchor="ls")
    mask = Image.new("L", (math.ceil(right - left) + 2, math.ceil(bottom - top) + 2), 0)
    ImageDraw.Draw(mask).text((1 - left, 1 - top), text.text, fill=255, font=font, anchor="ls")
    # Turned a quarter left, the text reads bottom to top: its end is the top row and the baseline, row
    # 1 − top of the mask, becomes column 1 − top; that column goes on x, as in the SVG's rotate(-90).
    turned = mask.rotate(90, expand=True)
    length = turned.height
    upper = {"start": text.y - length, "middle": text.y - length / 2, "end": text.y}[text.anchor]
    image.paste(INK, (round(text.x - (1 - top)), round(upper)), turned)
