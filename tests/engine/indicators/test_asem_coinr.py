"""The ASEM example index reproduces COINr 1.1.14 to the last bit where the methods coincide.

Reference numbers: ``data/coinr_*.csv``, computed with COINr itself by ``data/make_coinr_reference.R``
(see its header). COINr's example build is ``build_example_coin()``: Denominate → Impute
(i_mean_grp by EurAsia_group) → Screen (dat_thresh 0.9, byNA) → Treat (winmax 5) → Normalise
(n_minmax [0, 100]) → Aggregate (a_amean, metadata weights).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kotacerdas.engine.indicators import build_index

REF = Path(__file__).parent / "data"
EXAMPLE = {
    "denominate": True,
    "impute": {"method": "group_mean", "group": "EurAsia_group"},
    "screen": {"min_availability": 0.9},
    "treat": {"method": "winsorise", "winmax": 5, "skew": 2.0, "kurtosis": 3.5, "fallback": "log"},
    "normalise": {"method": "minmax", "range": [0, 100]},
    "weights": "meta",
    "aggregate": {"method": "arithmetic"},
}


@pytest.fixture(scope="module")
def asem(shared_data: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = shared_data / "asem"
    return pd.read_csv(folder / "ASEM_iData.csv"), pd.read_csv(folder / "ASEM_iMeta.csv")


def reference(name: str) -> pd.DataFrame:
    return pd.read_csv(REF / f"coinr_{name}.csv").set_index("uCode")


def max_abs_diff(mine: pd.DataFrame, ref: pd.DataFrame) -> float:
    """Largest |difference|, also failing if missing values differ in position."""
    a = mine.loc[ref.index, ref.columns].to_numpy(dtype=float)
    b = ref.to_numpy(dtype=float)
    assert (np.isnan(a) == np.isnan(b)).all()
    return float(np.nanmax(np.abs(a - b)))


def build(asem, config):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_index(*asem, config)


def test_example_coin_every_step_bit_identical(asem):
    r = build(asem, EXAMPLE)
    assert r.removed_units == ()
    assert max_abs_diff(r.imputed, reference("A_imputed")) == 0.0
    assert max_abs_diff(r.treated, reference("A_treated")) == 0.0
    allv = pd.concat([r.normalised, r.aggregates], axis=1)
    assert max_abs_diff(allv, reference("A_aggregated")) == 0.0
    assert r.index.loc["CHE"] == 68.38372423834171  # COINr's get_results shows it rounded: 68.38
    assert r.ranks.loc[["CHE", "NLD", "DNK", "NOR", "BEL"]].tolist() == [1, 2, 3, 4, 5]


def test_treatment_matches_coinr_details(asem):
    r = build(asem, EXAMPLE)
    ref = pd.read_csv(REF / "coinr_A_treat_details.csv").set_index("iCode")
    mine = r.treatment.set_index("iCode")
    assert mine["skew_before"].to_numpy() == pytest.approx(ref["check_SkewKurt0.Skew"].to_numpy(), rel=1e-13)
    assert mine["kurtosis_before"].to_numpy() == pytest.approx(
        ref["check_SkewKurt0.Kurt"].to_numpy(), rel=1e-13
    )
    treated = ref["winsorise.nwin"].dropna().astype(int)
    assert mine.loc[treated.index, "winsorised"].tolist() == treated.tolist()
    assert int(mine["winsorised"].sum()) == 35 and len(r.treated_points) == 35


def test_log_fallback_matches_coinr_log_ct(asem):
    r = build(asem, {**EXAMPLE, "treat": {"method": "winsorise", "winmax": 1}})
    assert max_abs_diff(r.treated, reference("G_treated")) == 0.0
    assert set(r.treatment.loc[r.treatment["transformed"] != "", "iCode"]) >= {"Bord", "Gas", "ForPort"}


@pytest.mark.parametrize(
    ("tag", "config", "tolerance"),
    [
        ("B", {"denominate": True, "normalise": {"method": "zscore", "mean": 10, "sd": 2},
               "aggregate": {"method": "arithmetic", "min_availability": 0.75}}, 0.0),
        ("C", {**EXAMPLE, "normalise": {"method": "minmax", "range": [1, 100]}, "aggregate": "geometric"}, 0.0),
        ("D", {**EXAMPLE, "normalise": "rank", "aggregate": "harmonic"}, 0.0),
        ("E", {"denominate": True, "impute": {"method": "group_median", "group": "EurAsia_group"},
               "normalise": "percentile_rank"}, 0.0),
    ],
)  # fmt: skip
def test_method_variants_match_coinr(asem, tag, config, tolerance):
    r = build(asem, config)
    allv = pd.concat([r.normalised, r.aggregates], axis=1)
    assert max_abs_diff(allv, reference(f"{tag}_aggregated")) <= tolerance


def test_panel_example_matches_coinr_purse(shared_data):
    """COINr's ``build_example_purse()``: 5 years, screened per year, normalised over all years."""
    folder = shared_data / "asem"
    data, meta = pd.read_csv(folder / "ASEM_iData_p.csv"), pd.read_csv(folder / "ASEM_iMeta.csv")
    config = {"screen": {"min_availability": 0.9}, "treat": {"method": "winsorise", "winmax": 5},
              "normalise": {"method": "minmax", "range": [0, 100]}, "panel": {"normalise": "global"}}  # fmt: skip
    r = build((data, meta), config)
    ref = pd.read_csv(REF / "coinr_P_aggregated.csv").set_index(["uCode", "Time"])
    assert sorted(r.years) == [2018, 2019, 2020, 2021, 2022]
    assert len(r.removed_units) == 255 - len(ref) == 25
    assert set(r.aggregates.index) == set(ref.index)
    assert max_abs_diff(r.aggregates, ref) == 0.0
    assert r.trends.shape == (46, 11)  # 5 units lack data in every year
