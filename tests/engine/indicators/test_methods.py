"""Exact values of the method kernels on small worked examples."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.indicators import build_index
from kotacerdas.engine.indicators.coherence import cronbach_alpha
from kotacerdas.engine.indicators.normalise import normalise_column
from kotacerdas.engine.indicators.settings import NormaliseSpec, TreatSpec
from kotacerdas.engine.indicators.source import DataSource
from kotacerdas.engine.indicators.treat import kurtosis, skewness, winsorise
from kotacerdas.engine.indicators.weights import ahp, pca_weights
from kotacerdas.engine.kernels import aggregate_children
from kotacerdas.engine.kernels.means import mazziotta_pareto
from kotacerdas.errors import MethodError

from .test_properties import frame, meta

SRC = DataSource()


def norm(values, direction=1, target=None, **spec):
    return normalise_column("x", np.array(values, dtype=float), NormaliseSpec(**spec), direction, target, SRC)


def test_minmax_and_direction():
    assert norm([2, 4, 6, 10]).tolist() == [0.0, 25.0, 50.0, 100.0]
    assert norm([2, 4, 6, 10], direction=-1, method="minmax", range=(0.0, 1.0)).tolist() == [
        1.0,
        0.75,
        0.5,
        0.0,
    ]


def test_zscore_uses_sample_sd():
    # mean 5, sample sd sqrt(20/3)
    out = norm([2, 4, 6, 8], method="zscore", mean=10.0, sd=2.0)
    assert out.tolist() == pytest.approx([10 - 3 / np.sqrt(20 / 3) * 2, 10 - 1 / np.sqrt(20 / 3) * 2,
                                          10 + 1 / np.sqrt(20 / 3) * 2, 10 + 3 / np.sqrt(20 / 3) * 2], abs=1e-14)  # fmt: skip


def test_rank_ties_get_minimum_and_percentile_rank():
    assert norm([3, 1, 3, np.nan, 2], method="rank")[[0, 1, 2, 4]].tolist() == [3.0, 1.0, 3.0, 2.0]
    assert norm([3, 1, 3, 2], method="percentile_rank").tolist() == [2 / 3, 0.0, 2 / 3, 1 / 3]


def test_distance_to_target_and_goalposts():
    assert norm([0, 5, 10, 20], target=10.0, method="distance_to_target", cap=True).tolist() == [0, 0.5, 1, 1]
    # lower is better: target 2, worst 10 → (10 − x)/(10 − 2)
    assert norm([10, 6, 2], direction=-1, target=2.0, method="distance_to_target").tolist() == [0.0, 0.5, 1.0]
    out = norm([-5, 0, 50, 150], method="goalposts", lower=0.0, upper=100.0, scale=100.0)
    assert out.tolist() == [0.0, 0.0, 50.0, 100.0]
    out = norm([80, 60, 20], direction=-1, method="goalposts", lower=20.0, upper=80.0, scale=1.0)
    assert out.tolist() == [0.0, pytest.approx(1 / 3, abs=1e-15), 1.0]


def test_skew_and_kurtosis_are_e1071_type_2():
    x = np.array([1.0, 2.0, 3.0, 4.0, 10.0])
    # deviations from the mean 4: −3, −2, −1, 0, 6 → Σd² = 50, Σd³ = 180, Σd⁴ = 1394
    g1 = np.sqrt(5) * 180 / 50**1.5 * np.sqrt(20) / 3
    assert skewness(x) == pytest.approx(g1, rel=1e-15)
    r = 5 * 1394 / 50**2
    assert kurtosis(x) == pytest.approx(((6) * (r - 3) + 6) * 4 / (3 * 2), rel=1e-15)


def test_winsorise_moves_the_top_points_to_the_next_value():
    x = np.array([*range(1, 21), 100.0])
    out, n = winsorise(x, TreatSpec(method="winsorise", winmax=5))
    assert n == 1
    assert out[-1] == 20.0
    assert out[:-1].tolist() == x[:-1].tolist()
    capped, n0 = winsorise(x, TreatSpec(method="winsorise", winmax=0))
    assert (n0, capped.tolist()) == (0, x.tolist())


def test_winsorisation_that_collapses_an_indicator_is_refused_with_its_name():
    # the example Hypothesis found: two steps move -3 and then 1 onto 0, leaving a constant column
    data = frame(
        [1, 2, 3, 4, 5, 6, 7, 8], [8, 1, 7, 2, 6, 3, 5, 4], [3, 1, 4, 1, 5, 9, 2, 6], [0, 0, 0, 0, 0, 0, 1, -3]
    )
    cfg = {"treat": {"method": "winsorise"}, "normalise": {"method": "zscore"}}
    with pytest.raises(MethodError, match="outlier treatment of 'd' winsorised 2 point") as err:
        build_index(data, meta(), cfg, data_name="iData.csv")
    assert err.value.location is not None
    assert (err.value.location.file, err.value.location.column) == ("iData.csv", "d")
    assert "treat.winmax" in (err.value.hint or "")
    # one point fewer and the log fallback takes over instead: a usable index
    relaxed = {**cfg, "treat": {"method": "winsorise", "winmax": 1}}
    assert build_index(data, meta(), relaxed).index.notna().all()


def test_aggregation_kernels_exact():
    x = np.array([[1.0, 4.0], [2.0, np.nan], [4.0, 4.0]])
    w = np.array([1.0, 1.0])
    never = lambda *a: MethodError("x")  # noqa: E731
    assert aggregate_children(x, w, "arithmetic", None, never).tolist() == [2.5, 2.0, 4.0]
    assert aggregate_children(x, w, "geometric", None, never).tolist() == [2.0, 2.0, 4.0]
    assert aggregate_children(x, w, "harmonic", None, never).tolist() == [1.6, 2.0, 4.0]
    out = aggregate_children(x, w, "arithmetic", 0.75, never)
    assert np.isnan(out[1])


def test_mazziotta_pareto_penalises_unbalanced_profiles():
    # two indicators already standardised around 100: equal means, unbalanced unit scores lower
    x = np.array([[1.0, 1.0], [0.0, 2.0], [2.0, 0.0], [1.0, 1.0]])
    out = mazziotta_pareto(x, np.array([1.0, 1.0]))
    # column mean 1, population sd sqrt(0.5): z = 100 ± 10·√2; unit 2 has M = 100, S = 10√2
    assert out[0] == 100.0
    assert out[1] == pytest.approx(100 - 200 / 100, rel=1e-14)
    assert out[1] < out[0]


def test_ahp_consistent_matrix_and_saaty_ratio():
    res = ahp(np.array([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]))
    assert res.weights.tolist() == pytest.approx([4 / 7, 2 / 7, 1 / 7], abs=1e-15)
    assert res.lambda_max == pytest.approx(3.0, abs=1e-12)
    assert res.consistency_ratio == pytest.approx(0.0, abs=1e-12)


def test_ahp_inconsistent_matrix_warns():
    # Saaty-type inconsistent judgements: a > b (3), b > c (3) but c > a (3)
    m = np.array([[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]])
    with pytest.warns(UserWarning, match="consistency ratio"):
        res = ahp(m)
    assert res.weights.tolist() == pytest.approx([1 / 3] * 3, abs=1e-12)
    # λmax = 1 + 3 + 1/3 = 13/3; CI = (13/3 − 3)/2 = 2/3; CR = CI/0.58
    assert res.consistency_ratio == pytest.approx((2 / 3) / 0.58, rel=1e-12)


def test_pca_weights_of_two_correlated_columns_are_equal():
    rng = np.random.default_rng(0)
    base = rng.normal(size=200)
    x = np.column_stack([base + rng.normal(scale=0.1, size=200), 3 * base + rng.normal(scale=0.3, size=200)])
    w = pca_weights(x)
    assert w.sum() == pytest.approx(1.0, abs=1e-15)
    assert w == pytest.approx([0.5, 0.5], abs=1e-12)  # 2×2 correlation matrix: loadings ±1/√2


def test_cronbach_alpha_of_identical_items_is_one():
    x = np.array([[1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [4.0, 4.0, 4.0]])
    assert cronbach_alpha(x) == pytest.approx(1.0, abs=1e-15)
