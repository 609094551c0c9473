"""build_index on a tiny hand-checkable index: exact values, overrides, settings round trip."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kotacerdas import __version__
from kotacerdas.engine.indicators import IndexSettings, build_index, rebuild_index
from kotacerdas.errors import ConfigError, MethodError


def test_tiny_index_exact_values(tiny_data, tiny_meta):
    r = build_index(tiny_data, tiny_meta, {"denominate": True})
    assert r.denominated["d"].tolist() == [1.0, 2.0, 2.0, 2.0]
    assert r.normalised["b"].tolist() == [0.0, 25.0, 50.0, 100.0]  # direction −1
    assert r.aggregates["P2"].tolist() == [0.0, 81.25, 87.5, 100.0]  # weights c:1, d:3
    assert r.aggregates["Idx"].tolist() == [0.0, 53.125, 68.75, 100.0]
    assert r.ranks.tolist() == [4, 3, 2, 1]
    assert list(r.scores.columns) == ["P1", "P2", "Idx", "Rank"]
    assert r.version == __version__
    assert r.weights.to_dict() == {"a": 0.5, "b": 0.5, "c": 0.25, "d": 0.75, "P1": 0.5, "P2": 0.5}
    assert r.effective_weights.to_dict() == {"a": 0.25, "b": 0.25, "c": 0.125, "d": 0.375}
    assert r.directions.to_dict() == {"a": 1, "b": -1, "c": 1, "d": 1}


def test_ties_get_the_minimum_rank(tiny_data, tiny_meta):
    data = tiny_data.assign(a=[0.0, 1.0, 1.0, 4.0], b=[4.0, 3.0, 3.0, 0.0], c=[1.0, 2.0, 2.0, 3.0],
                            d=[1.0, 2.0, 2.0, 3.0])  # fmt: skip
    r = build_index(data, tiny_meta)
    assert r.ranks.tolist() == [4, 2, 2, 1]


def test_rebuild_is_identical(tiny_data, tiny_meta):
    r = build_index(tiny_data, tiny_meta, {"normalise": {"method": "zscore"}, "weights": "equal"})
    again = rebuild_index(r)
    pd.testing.assert_frame_equal(again.scores, r.scores)
    assert again.settings == r.settings


def test_settings_round_trip_through_mapping():
    cfg = {
        "denominate": True,
        "impute": {"method": "group_mean", "group": "EurAsia_group"},
        "screen": {"min_availability": 0.9},
        "treat": {"method": "winsorise", "winmax": 5, "skew": 2.0, "kurtosis": 3.5, "fallback": "log"},
        "normalise": {"method": "minmax", "range": [0, 100]},
        "weights": {"P1": 2},
        "aggregate": {"method": "arithmetic", "min_availability": 0.75},
        "overrides": {
            "indicators": {"a": {"normalise": "rank"}},
            "levels": {3: "geometric"},
            "groups": {"P2": {"method": "harmonic"}},
        },
    }
    s = IndexSettings.from_mapping(cfg)
    assert IndexSettings.from_mapping(s.to_mapping()) == s
    assert s.aggregate_for("P2", 2).method == "harmonic"
    assert s.aggregate_for("Idx", 3).method == "geometric"
    assert s.aggregate_for("P1", 2).method == "arithmetic"
    assert s.for_indicator("a").normalise.method == "rank"


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ({"normalize": {}}, "config.normalize"),
        ({"treat": {"method": "trim"}}, "treat.method"),
        ({"impute": {"method": "group_mean"}}, "impute.group"),
        ({"normalise": {"method": "minmax", "range": [5, 1]}}, "normalise.range"),
        ({"aggregate": {"min_availability": 2}}, "aggregate.min_availability"),
    ],
)
def test_bad_config_names_the_key(config, key):
    with pytest.raises(ConfigError) as err:
        IndexSettings.from_mapping(config, "my.yaml")
    assert key in err.value.message
    assert err.value.location.file == "my.yaml"


def test_per_indicator_normalise_override_applies(tiny_data, tiny_meta):
    r = build_index(tiny_data, tiny_meta, {"overrides": {"indicators": {"c": {"normalise": "rank"}}}})
    assert r.normalised["c"].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert r.normalised["a"].tolist() == [0.0, 25.0, 50.0, 100.0]


def test_per_group_and_per_level_aggregation_apply(tiny_data, tiny_meta):
    cfg = {
        "normalise": {"method": "minmax", "range": [1, 100]},
        "overrides": {"groups": {"P1": "geometric"}, "levels": {3: "harmonic"}},
    }
    r = build_index(tiny_data, tiny_meta, cfg)
    a, b = r.normalised["a"].to_numpy(), r.normalised["b"].to_numpy()
    np.testing.assert_allclose(r.aggregates["P1"], np.sqrt(a * b), rtol=1e-15)
    p2 = (r.normalised["c"] + 3 * r.normalised["d"]) / 4  # P2 stays arithmetic
    np.testing.assert_allclose(r.aggregates["P2"], p2, rtol=1e-15)
    p1, p2v = r.aggregates["P1"].to_numpy(), r.aggregates["P2"].to_numpy()
    np.testing.assert_allclose(r.aggregates["Idx"], 2 / (1 / p1 + 1 / p2v), rtol=1e-15)


def test_per_indicator_treat_and_impute_overrides(tiny_data, tiny_meta):
    data = tiny_data.assign(a=[0.0, np.nan, 2.0, 4.0], c=[10.0, np.nan, 30.0, 50.0])
    cfg = {"impute": "mean", "overrides": {"indicators": {"c": {"impute": "median"}}}}
    r = build_index(data, tiny_meta, cfg)
    assert r.imputed.loc["U2", "a"] == 2.0
    assert r.imputed.loc["U2", "c"] == 30.0


def test_availability_threshold_blanks_thin_units(tiny_data, tiny_meta):
    data = tiny_data.assign(a=[np.nan, 1.0, 2.0, 4.0])
    r = build_index(data, tiny_meta, {"aggregate": {"method": "arithmetic", "min_availability": 0.75}})
    assert np.isnan(r.aggregates.loc["U1", "P1"])
    assert np.isnan(r.aggregates.loc["U1", "Idx"])  # 1 of 2 pillars < 0.75
    assert pd.isna(r.ranks.loc["U1"])
    assert r.ranks.tolist()[1:] == [3, 2, 1]
    looser = build_index(data, tiny_meta, {"aggregate": {"min_availability": 0.75},
                                           "overrides": {"levels": {3: {"min_availability": 0.5}}}})  # fmt: skip
    assert looser.aggregates.loc["U1", "Idx"] == looser.aggregates.loc["U1", "P2"]


def test_screen_removes_units_with_little_data(tiny_data, tiny_meta):
    data = tiny_data.assign(a=[np.nan, 1.0, 2.0, 4.0], b=[np.nan, 3.0, 2.0, 0.0])
    r = build_index(data, tiny_meta, {"screen": {"min_availability": 0.75}})
    assert r.removed_units == ("U1",)
    assert list(r.scores.index) == ["U2", "U3", "U4"]


def test_geometric_mean_of_a_zero_names_unit_and_indicator(tiny_data, tiny_meta):
    with pytest.raises(MethodError) as err:
        build_index(tiny_data, tiny_meta, {"aggregate": "geometric"}, data_name="d.csv")
    assert err.value.location.file == "d.csv"
    assert err.value.location.row == 2
    assert err.value.location.column == "a"


def test_zero_variance_under_zscore_names_the_column(tiny_data, tiny_meta):
    with pytest.raises(MethodError) as err:
        build_index(tiny_data.assign(c=5.0), tiny_meta, {"normalise": "zscore"}, data_name="d.csv")
    assert err.value.location.column == "c"
    assert "zero variance" in err.value.message


def test_log_fallback_of_non_positive_values_names_the_cell(tiny_meta):
    rng = np.random.default_rng(0)
    values = np.concatenate([[-1.0], rng.uniform(1, 2, 30), [1000.0, 2000.0, 3000.0, 5000.0]])
    n = values.size
    data = pd.DataFrame({"uCode": [f"U{i}" for i in range(n)], "grp": "x", "pop": 1.0, "a": values,
                         "b": rng.uniform(0, 1, n), "c": rng.uniform(0, 1, n), "d": rng.uniform(0, 1, n)})  # fmt: skip
    cfg = {"treat": {"method": "winsorise", "winmax": 1, "fallback": "log_plain"}}
    with pytest.raises(MethodError) as err:
        build_index(data, tiny_meta, cfg, data_name="d.csv")
    assert (err.value.location.row, err.value.location.column) == (2, "a")


def test_ahp_weights_from_config(tiny_data, tiny_meta):
    cfg = {
        "weights": {
            "method": "ahp",
            "matrices": {"Idx": {"codes": ["P2", "P1"], "matrix": [[1, 3], [1 / 3, 1]]}},
        }
    }
    r = build_index(tiny_data, tiny_meta, cfg)
    assert r.weights["P1"] == pytest.approx(0.25, abs=1e-15)
    assert r.weights["P2"] == pytest.approx(0.75, abs=1e-15)
    assert r.weights["d"] == 0.75  # other parents keep the metadata weights


def test_pca_weights_from_config(tiny_data, tiny_meta):
    r = build_index(tiny_data, tiny_meta, {"weights": "pca"})
    # a and b are perfectly correlated after normalisation: equal loadings
    assert r.weights["a"] == pytest.approx(0.5, abs=1e-12)
    assert r.weights["P1"] == 0.5  # level 3 keeps the metadata weights (pca levels: [2])


def test_custom_weights_at_any_level(tiny_data, tiny_meta):
    r = build_index(tiny_data, tiny_meta, {"weights": {"P1": 3, "a": 0}})
    assert r.weights[["a", "b", "P1", "P2"]].tolist() == [0.0, 1.0, 0.75, 0.25]
