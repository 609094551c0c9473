"""ASEM: the rank distribution agrees with COINr's get_sensitivity for the same factors.

COINr's numbers (1000 replications) are in ``data/coinr_asem_ua_rankstats.csv`` (see its README). With
20,000 samples here, Monte Carlo error is dominated by COINr's 1000: quantiles of integer ranks from
1000 draws move by up to one rank between seeds, so agreement is asserted to within one rank.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from kotacerdas.engine.indicators import IndexResult, build_index
from kotacerdas.engine.uncertainty import parse_factors, run_uncertainty
from kotacerdas.engine.uncertainty.adapter import from_index_result
from kotacerdas.io.index_tables import read_table

from .factories import COINR_EXAMPLE

COINR = Path(__file__).parent / "data" / "coinr_asem_ua_rankstats.csv"
ASEM_CONFIG = {
    "denominate": True,
    "impute": {"method": "group_mean", "group": "EurAsia_group"},
    "screen": {"min_availability": 0.9},
    "treat": {"method": "winsorise", "winmax": 5, "skew": 2.0, "kurtosis": 3.5, "fallback": "log"},
    "normalise": {"method": "minmax", "range": [0, 100]},
    "aggregate": {"method": "arithmetic"},
}


@pytest.fixture(scope="module")
def asem(shared_data: Path) -> IndexResult:
    folder = shared_data / "asem"
    return build_index(
        read_table(folder / "ASEM_iData.csv"), read_table(folder / "ASEM_iMeta.csv"), ASEM_CONFIG
    )


def test_unperturbed_sample_equals_the_indicators_engine(asem: IndexResult) -> None:
    problem = from_index_result(asem)
    result = run_uncertainty(problem, parse_factors({"weights": {"noise": 0.0}}, problem), samples=1, rng=0)
    expected = asem.index.reindex(list(problem.units)).to_numpy()
    np.testing.assert_allclose(result.nominal_score, expected, rtol=1e-14, atol=1e-13)
    ranks = asem.ranks.reindex(list(problem.units)).to_numpy(dtype=int)
    assert result.nominal_rank.tolist() == ranks.tolist()
    assert result.median_rank.tolist() == ranks.astype(float).tolist()


WINMAX = {"winmax": [1, 2, 3, 4, 5]}


@pytest.mark.parametrize(
    ("table", "spec", "mean_tolerance"),
    [
        (COINR, COINR_EXAMPLE, 0.15),
        (COINR.with_name("coinr_asem_ua_winmax_rankstats.csv"), {**COINR_EXAMPLE, "treat": WINMAX}, 0.2),
    ],
)
def test_rank_distribution_matches_coinr_get_sensitivity(
    asem: IndexResult, table: Path, spec: dict[str, object], mean_tolerance: float
) -> None:
    problem = from_index_result(asem, treat=WINMAX if "treat" in spec else None)
    result = run_uncertainty(problem, parse_factors(spec, problem), samples=20_000, rng=0)
    assert result.failed == 0
    with table.open(encoding="utf-8") as handle:
        coinr = {row["uCode"]: row for row in csv.DictReader(handle)}
    assert set(coinr) == set(problem.units)
    position = {u: i for i, u in enumerate(problem.units)}
    nominal = [int(coinr[u]["Nominal"]) for u in problem.units]
    assert result.nominal_rank.tolist() == nominal
    for ours, theirs in ((result.median_rank, "Median"), (result.q05, "Q5"), (result.q95, "Q95")):
        diff = np.array([ours[position[u]] - float(coinr[u][theirs]) for u in problem.units])
        assert np.abs(diff).max() <= 1.0, theirs
        assert np.abs(diff).mean() < mean_tolerance, theirs


def test_treat_factor_rebuilds_each_winmax(asem: IndexResult) -> None:
    problem = from_index_result(asem, treat={"winmax": [1, 5]})
    assert sorted(problem.data_variants) == ["winmax=1", "winmax=5"]
    np.testing.assert_array_equal(problem.data_variants["winmax=5"], problem.data)
    assert not np.array_equal(problem.data_variants["winmax=1"], problem.data, equal_nan=True)
    factors = parse_factors({**COINR_EXAMPLE, "treat": {"winmax": [1, 5]}}, problem)
    result = run_uncertainty(problem, factors, samples=500, rng=0)
    assert result.failed == 0
    assert result.method["factors"] == ("weights", "normalise", "aggregate", "treat")


def test_sobol_intervals_overlap_coinr(asem: IndexResult) -> None:
    problem = from_index_result(asem, treat=WINMAX)
    factors = parse_factors({**COINR_EXAMPLE, "treat": WINMAX}, problem)
    result = run_uncertainty(problem, factors, samples=1024, rng=0, sensitivity=True)
    ours = {row["factor"]: row for row in result.sensitivity_rows()}
    names = {
        "Winmax": "treat",
        "Weights": "weights",
        "Normalisation": "normalise",
        "Aggregation": "aggregate",
    }
    with COINR.with_name("coinr_asem_sa_winmax_sensitivity.csv").open(encoding="utf-8") as handle:
        coinr = {names[row["Variable"]]: row for row in csv.DictReader(handle)}
    assert set(ours) == set(coinr)
    for factor, theirs in coinr.items():
        row = ours[factor]
        assert (
            row["total_order_low"] <= float(theirs["STi_q95"])
            and float(theirs["STi_q5"]) <= row["total_order_high"]
        )
        assert (
            row["first_order_low"] <= float(theirs["Si_q95"])
            and float(theirs["Si_q5"]) <= row["first_order_high"]
        )
    assert max(ours, key=lambda f: ours[f]["total_order"]) == "aggregate"
    assert min(ours, key=lambda f: ours[f]["total_order"]) == "treat"
