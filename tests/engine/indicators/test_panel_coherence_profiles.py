"""Panel data (one index per year, time-aware imputation, trends), coherence and unit profiles."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from kotacerdas.engine.indicators import build_index


def panel(tiny_data):
    years = []
    for k, year in enumerate((2021, 2022, 2023)):
        part = tiny_data.assign(Time=year, a=tiny_data["a"] + k, c=tiny_data["c"] * (1 + k))
        years.append(part)
    data = pd.concat(years, ignore_index=True)
    data.loc[(data["uCode"] == "U2") & (data["Time"] == 2022), "a"] = np.nan
    return data


def test_panel_builds_one_index_per_year_with_latest_imputation(tiny_data, tiny_meta):
    r = build_index(panel(tiny_data), tiny_meta, {"impute": "latest"})
    assert sorted(r.years) == [2021, 2022, 2023]
    assert r.imputed.loc[("U2", 2022), "a"] == 1.0  # 2021 value carried forward
    assert r.scores.index.names == ["uCode", "Time"]
    assert r.ranks.loc[("U4", 2023)] == 1


def test_panel_linear_interpolation(tiny_data, tiny_meta):
    r = build_index(panel(tiny_data), tiny_meta, {"impute": "linear"})
    assert r.imputed.loc[("U2", 2022), "a"] == 2.0  # halfway between 1.0 (2021) and 3.0 (2023)
    assert r.imputed.loc[("U2", 2021), "a"] == 1.0


def test_panel_global_normalisation_gives_trends(tiny_data, tiny_meta):
    r = build_index(panel(tiny_data).fillna({"a": 2.0}), tiny_meta)
    trends = r.trends
    assert list(trends.columns) == ["P1", "P2", "Idx"]
    # a grows by 1 per year on a global min-max range 0..6: P1 rises 100/6/2 per year for every unit
    assert trends["P1"].to_numpy() == pytest.approx([100 / 12] * 4, abs=1e-12)
    assert r.normalised.loc[("U4", 2023), "a"] == 100.0
    per_year = build_index(
        panel(tiny_data).fillna({"a": 2.0}), tiny_meta, {"panel": {"normalise": "per_year"}}
    )
    assert per_year.normalised.loc[("U4", 2021), "a"] == 100.0


def test_coherence_statistics_and_negative_warning(tiny_data, tiny_meta):
    data = tiny_data.assign(b=[0.0, 1.0, 2.0, 4.0])  # b is lower-is-better → now opposes a inside P1
    r = build_index(data, tiny_meta)
    with pytest.warns(UserWarning, match="negative correlations"):
        c = r.coherence()
    assert c.negative_pairs[["parent", "a", "b"]].values.tolist() == [["P1", "a", "b"]]
    assert c.negative_pairs["r"].iloc[0] == pytest.approx(-1.0, abs=1e-15)
    clean = build_index(tiny_data, tiny_meta)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ok = clean.coherence()
    assert ok.within["P1"].loc["a", "b"] == pytest.approx(1.0, abs=1e-15)
    assert ok.cronbach_alpha["P1"] == pytest.approx(1.0, abs=1e-15)
    assert ok.pca_variance["P1"] == pytest.approx(1.0, abs=1e-15)
    assert ok.correlations.loc["a", 2] == pytest.approx(1.0, abs=1e-15)


def test_unit_profile_strongest_and_weakest(tiny_data, tiny_meta):
    r = build_index(tiny_data, tiny_meta)
    p = r.profile("U2", n=2)
    assert p.strongest["iCode"].tolist() == ["d", "a"]  # d: 3rd of 4 → 2/3; a, b, c: 2nd of 4 → 1/3
    assert p.strongest["percentile"].tolist() == [2 / 3, 1 / 3]
    assert p.weakest["iCode"].tolist() == ["a", "b"]
