"""The rank-interval chart (io/rank_chart.py): a well-formed SVG that shows every unit where its ranks are,
and a PNG of the same drawing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from kotacerdas.engine.uncertainty import UncertaintyResult
from kotacerdas.io.rank_chart import INTERVAL, MEDIAN, NOMINAL, escape, rank_ticks
from kotacerdas.io.uncertainty_output import plot_rank_intervals

SVG = "{http://www.w3.org/2000/svg}"


def result(units: list[str], nominal: list[int], median: list[float], q05: list[float], q95: list[float],
           top: int = 2, failed: int = 0) -> UncertaintyResult:  # fmt: skip
    n = len(units)
    return UncertaintyResult(
        units=tuple(units),
        nominal_score=np.linspace(1, 0, n),
        nominal_rank=np.array(nominal, dtype=np.int32),
        median_rank=np.array(median, dtype=float),
        q05=np.array(q05, dtype=float),
        q95=np.array(q95, dtype=float),
        p_top=np.zeros(n),
        mean_abs_shift=np.zeros(n),
        ranked_samples=np.full(n, 200 - failed, dtype=np.int64),
        top=top,
        samples=200,
        failures={"weights": np.arange(failed, dtype=np.int64)} if failed else {},
        sample_shift=np.zeros(200),
    )


def draw(res: UncertaintyResult, tmp_path: Path) -> ET.Element:
    plot_rank_intervals(res, tmp_path / "rank_intervals")
    return ET.parse(tmp_path / "rank_intervals.svg").getroot()  # raises unless well-formed


def rank_scale(root: ET.Element) -> tuple[float, float]:
    """(y of rank 0, pixels per rank) read off the y axis: tick labels paired with their tick marks."""
    labels = [int(t.text or "") for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    marks = [float(line.get("y1", "")) for line in root.iter(f"{SVG}line") if line.get("class") == "tick"]
    assert len(labels) == len(marks) >= 2
    slope = (marks[-1] - marks[0]) / (labels[-1] - labels[0])
    for rank, y in zip(labels, marks, strict=True):  # the ticks themselves lie on one straight scale
        assert y == pytest.approx(marks[0] + slope * (rank - labels[0]), abs=0.02)
    return marks[0] - slope * labels[0], slope


def units_of(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-unit", ""): g for g in root.iter(f"{SVG}g") if g.get("class") == "unit"}


# Nominal order C, A, D, B (ranks 1..4); input order differs on purpose.
UNITS = ["A", "B", "C", "D"]
NOMINAL_RANKS = [2, 4, 1, 3]
MEDIANS = [2.0, 3.5, 1.0, 3.0]
Q05 = [1.0, 2.0, 1.0, 2.0]
Q95 = [3.0, 4.0, 1.0, 4.0]


def test_every_unit_sits_at_its_ranks_on_the_axis_scale(tmp_path: Path) -> None:
    root = draw(result(UNITS, NOMINAL_RANKS, MEDIANS, Q05, Q95), tmp_path)
    origin, per_rank = rank_scale(root)
    assert per_rank > 0  # rank 1 at the top, worse ranks further down
    groups = units_of(root)
    assert sorted(groups) == UNITS
    xs = {}
    for i, unit in enumerate(UNITS):
        g = groups[unit]
        bar = g.find(f"{SVG}line[@class='interval']")
        dot = g.find(f"{SVG}circle[@class='median']")
        cross = g.find(f"{SVG}path[@class='nominal']")
        assert bar is not None and dot is not None and cross is not None
        assert float(bar.get("y1", "")) == pytest.approx(origin + per_rank * Q05[i], abs=0.01)
        assert float(bar.get("y2", "")) == pytest.approx(origin + per_rank * Q95[i], abs=0.01)
        assert float(dot.get("cy", "")) == pytest.approx(origin + per_rank * MEDIANS[i], abs=0.01)
        assert float(cross.get("data-y", "")) == pytest.approx(origin + per_rank * NOMINAL_RANKS[i], abs=0.01)
        assert float(bar.get("x1", "")) == float(dot.get("cx", "")) == float(cross.get("data-x", ""))
        xs[unit] = float(bar.get("x1", ""))
        tooltip = g.find(f"{SVG}title")
        assert (
            tooltip is not None
            and tooltip.text is not None
            and tooltip.text.startswith(f"{unit}: nominal rank")
        )
    assert sorted(xs, key=xs.__getitem__) == ["C", "A", "D", "B"]  # left to right by nominal rank
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "unit-label"]
    assert [t.text for t in labels] == ["C", "A", "D", "B"]
    cutoff = [line for line in root.iter(f"{SVG}line") if line.get("class") == "cutoff"]
    assert len(cutoff) == 1 and float(cutoff[0].get("y1", "")) == pytest.approx(
        origin + per_rank * 2.5, abs=0.01
    )


def test_title_counts_ranked_and_failed_samples(tmp_path: Path) -> None:
    root = draw(result(UNITS, NOMINAL_RANKS, MEDIANS, Q05, Q95, failed=3), tmp_path)
    title = root.find(f"{SVG}title")
    assert (
        title is not None
        and title.text == "Rank uncertainty: rank statistics over 197 samples, 3 failed samples"
    )


def test_unit_codes_are_escaped_and_read_back_unchanged(tmp_path: Path) -> None:
    odd = ["A&B", "<script>alert(1)</script>", 'say "hi"', "bell\x07"]
    root = draw(result(odd, [1, 2, 3, 4], [1, 2, 3, 4], [1, 1, 2, 3], [2, 3, 4, 4]), tmp_path)
    assert sorted(units_of(root)) == sorted(["A&B", "<script>alert(1)</script>", 'say "hi"', "bell\ufffd"])
    assert not list(root.iter(f"{SVG}script"))
    assert escape('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"


def test_many_units_still_get_a_label_each_and_a_bounded_canvas(tmp_path: Path) -> None:
    n = 514  # every kabupaten/kota
    ranks = list(range(1, n + 1))
    root = draw(result([f"R{i:03d}" for i in range(n)], ranks, ranks, ranks, [min(r + 5, n) for r in ranks]),
                tmp_path)  # fmt: skip
    assert len(units_of(root)) == n
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "unit-label"]
    assert [t.text for t in labels] == [f"R{i:03d}" for i in range(n)]
    assert int(root.get("width", "")) == 4800 and int(root.get("height", "")) < 800
    with Image.open(tmp_path / "rank_intervals.png") as png:
        assert png.size == (4800, int(root.get("height", "")))


def test_png_is_the_same_drawing(tmp_path: Path) -> None:
    root = draw(result(UNITS, NOMINAL_RANKS, MEDIANS, Q05, Q95), tmp_path)
    origin, per_rank = rank_scale(root)
    with Image.open(tmp_path / "rank_intervals.png") as png:
        assert png.format == "PNG"
        assert png.size == (int(root.get("width", "")), int(root.get("height", "")))
        image = png.convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 16) or []}
    for hex_colour in (INTERVAL, MEDIAN, NOMINAL):
        assert tuple(int(hex_colour[k : k + 2], 16) for k in (1, 3, 5)) in colours
    bar = units_of(root)["B"].find(f"{SVG}line[@class='interval']")  # B: 2nd to 4th, median 3.5, nominal 4
    assert bar is not None
    x = round(float(bar.get("x1", "")))
    assert image.getpixel((x, round(origin + per_rank * 2.5))) == (0x9E, 0xCA, 0xE1)
    assert image.getpixel((x, round(origin + per_rank * 1.2))) == (255, 255, 255)  # above the interval


def test_rank_ticks_start_at_one_and_step_roundly() -> None:
    assert rank_ticks(4) == [1, 2, 3, 4]
    assert rank_ticks(51) == [1, 10, 20, 30, 40, 50]
    assert rank_ticks(514) == [1, 100, 200, 300, 400, 500]
    assert rank_ticks(15) == [1, 2, 4, 6, 8, 10, 12, 14]
