"""Real 2017–2019 cohorts vs an equity-constrained selection on the same 514 candidates.

Candidates are scored by a *readiness proxy* built from real indicators (not the programme's own,
unpublished scores): the mean of the z-scores of mean years of schooling (15+), log adjusted expenditure per
capita, minus the poverty rate (BPS, ≈2021) and log population density (Dukcapil/BIG 2024), rescaled to
0–100. The same figures are quoted in ``docs/selection.md``.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from kotacerdas.engine.selection import Phase, Quota, SelectionProblem, make_candidates, select
from kotacerdas.io.registry import load_registry

pytestmark = pytest.mark.shared_data

PHASES = (Phase("2017", 25), Phase("2018", 50), Phase("2019", 25))
EQUITY = (
    Quota("island_group", min=2),
    Quota("province", max=3, over="all"),
    Quota("type", value="kabupaten", min_share=0.3),
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def readiness_proxy(data: Path) -> dict[str, float]:
    """Code → proxy score 0–100 (see the module docstring)."""
    welfare = {
        r["kemendagri_code"]: r
        for r in _rows(data / "indicators/poverty_welfare_2021/kabkota_poverty_welfare_2021.csv")
    }
    density = {
        r["code"]: r for r in _rows(data / "indicators/population_area_2024/kabkota_population_area.csv")
    }
    codes = load_registry().codes

    def z(values: list[float]) -> np.ndarray:
        a = np.asarray(values)
        return (a - a.mean()) / a.std()

    raw = np.mean(
        [
            z([float(welfare[c]["mean_years_schooling_15plus"]) for c in codes]),
            z([math.log(float(welfare[c]["expenditure_per_capita_adj_thousand_idr"])) for c in codes]),
            -z([float(welfare[c]["poverty_rate_p0_pct"]) for c in codes]),
            z([math.log(float(density[c]["density_per_km2"])) for c in codes]),
        ],
        axis=0,
    )
    scaled = np.round(100 * (raw - raw.min()) / (raw.max() - raw.min()), 2)
    return dict(zip(codes, scaled.tolist(), strict=True))


def real_cohorts(data: Path) -> list[tuple[str, str]]:
    """(year, code) of every row of cohorts.csv, matched to the registry by name (spaces ignored)."""
    by_name = {r.name.lower().replace(" ", ""): r.code for r in load_registry()}
    return [
        (r["year"], by_name[r["region_name"].lower().replace(" ", "")])
        for r in _rows(data / "gerakan100/cohorts.csv")
    ]


def candidates(data: Path):
    reg = load_registry()
    proxy = readiness_proxy(data)
    regions = list(reg)
    return make_candidates(
        [r.code for r in regions],
        [proxy[r.code] for r in regions],
        {
            "province": [r.province for r in regions],
            "island_group": [r.island_group for r in regions],
            "type": [r.type for r in regions],
        },
        "readiness_proxy",
    )


def by_island(codes) -> dict[str, int]:
    reg = load_registry()
    return dict(Counter(reg.get(c).island_group for c in codes))


def test_real_cohorts_by_island_group(shared_data):
    rows = real_cohorts(shared_data)
    assert len(rows) == 101
    published = [code for year, code in rows if not (year == "2017" and code == "52.03")]  # Lombok Timur
    assert by_island(published) == {
        "Sumatera": 18,
        "Jawa": 58,
        "Kalimantan": 11,
        "Bali-Nusa Tenggara": 5,
        "Sulawesi": 5,
        "Papua": 2,
        "Maluku": 1,
    }
    assert len({code for _, code in rows}) == 99  # Depok and Banyumas appear twice


def test_equity_constrained_selection_vs_real(shared_data):
    cands = candidates(shared_data)
    real = {code for _, code in real_cohorts(shared_data)}
    proxy_only = select(SelectionProblem(cands, PHASES), thresholds=False)
    equity = select(SelectionProblem(cands, PHASES, quotas=EQUITY), thresholds=False)
    maxmin = select(SelectionProblem(cands, PHASES, objective="maxmin_island_group"), thresholds=False)
    assert by_island(proxy_only.selected) == {
        "Sumatera": 29,
        "Jawa": 41,
        "Kalimantan": 8,
        "Bali-Nusa Tenggara": 7,
        "Sulawesi": 11,
        "Maluku": 2,
        "Papua": 2,
    }
    assert by_island(equity.selected) == {
        "Sumatera": 30,
        "Jawa": 18,
        "Kalimantan": 15,
        "Bali-Nusa Tenggara": 8,
        "Sulawesi": 17,
        "Maluku": 6,
        "Papua": 6,
    }
    assert [
        len({cands.attributes["province"][cands.codes.index(c)] for c in r.selected})
        for r in (proxy_only, equity, maxmin)
    ] == [33, 36, 36]
    assert by_island(maxmin.selected) == {
        "Sumatera": 30,
        "Jawa": 23,
        "Kalimantan": 11,
        "Bali-Nusa Tenggara": 8,
        "Sulawesi": 16,
        "Maluku": 4,
        "Papua": 8,
    }
    assert maxmin.equity_floor == pytest.approx(4 / 21)
    assert [len(set(r.selected) & real) for r in (proxy_only, equity, maxmin)] == [52, 41, 43]
    means = [round(r.objective_value / 100, 2) for r in (proxy_only, equity, maxmin)]
    real_mean = np.mean(
        [
            cands.scores[cands.codes.index(c)]
            for y, c in real_cohorts(shared_data)
            if not (y == "2017" and c == "52.03")
        ]
    )
    assert round(float(real_mean), 2) == 71.77
    assert means == [80.93, 74.99, 78.44]
