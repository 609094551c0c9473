"""Kernels on hand-computed examples."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.uncertainty import ImputeSpec, NormaliseSpec
from kotacerdas.engine.uncertainty.methods import aggregate_level, descending_ranks, impute, normalise
from kotacerdas.errors import MethodError

X = np.array([[1.0, 10.0], [3.0, np.nan], [5.0, 30.0]])


def test_minmax_handles_direction_and_gaps() -> None:
    out = normalise(X, NormaliseSpec("minmax", (0.0, 100.0)), np.array([1.0, -1.0]), ("a", "b"))
    np.testing.assert_array_equal(out, [[0.0, 100.0], [50.0, np.nan], [100.0, 0.0]])


def test_zscore_uses_sample_sd() -> None:
    out = normalise(X, NormaliseSpec("zscore", (10.0, 2.0)), np.array([1.0, 1.0]), ("a", "b"))
    # column a: mean 3, sd 2 → z = −1, 0, 1; column b: mean 20, sd √200
    np.testing.assert_allclose(out[:, 0], [8.0, 10.0, 12.0], rtol=0, atol=1e-15)
    np.testing.assert_allclose(
        out[[0, 2], 1], [10.0 - 20 / np.sqrt(200), 10.0 + 20 / np.sqrt(200)], atol=1e-14
    )


def test_rank_and_percentile_rank_use_minimum_ties() -> None:
    x = np.array([[2.0], [2.0], [5.0], [np.nan]])
    assert normalise(x, NormaliseSpec("rank", ()), np.ones(1), ("a",))[:, 0].tolist()[:3] == [1.0, 1.0, 3.0]
    pct = normalise(x, NormaliseSpec("percentile_rank", ()), np.ones(1), ("a",))[:, 0]
    assert pct[:3].tolist() == [0.0, 0.0, 1.0]
    assert np.isnan(pct[3])


def test_constant_column_is_a_method_error() -> None:
    with pytest.raises(MethodError, match="'b' has no spread"):
        normalise(
            np.array([[1.0, 2.0], [3.0, 2.0]]), NormaliseSpec("zscore", (0.0, 1.0)), np.ones(2), ("a", "b")
        )


def test_impute_mean_and_group_median() -> None:
    assert impute(X, ImputeSpec("mean"), {})[1, 1] == 20.0
    data = np.array([[1.0], [np.nan], [4.0], [np.nan], [10.0]])
    groups = {"g": ("x", "x", "y", "y", "y")}
    assert impute(data, ImputeSpec("group_median", "g"), groups)[:, 0].tolist() == [1.0, 1.0, 4.0, 7.0, 10.0]


def test_weighted_means_skip_missing_children() -> None:
    values = np.array([[4.0, 1.0, 2.0], [np.nan, 9.0, 8.0]])
    weights = np.array([[1.0, 3.0, 1.0], [2.0, 1.0, 1.0]])
    parent = np.array([0, 0, 1])
    out, bad = aggregate_level(values, weights, parent, 2, "arithmetic", None)
    out = out.transpose(0, 2, 1)  # samples × units × parents
    assert out[0].tolist() == [[(4 + 3) / 4, 2.0], [9.0, 8.0]]
    assert out[1].tolist() == [[(8 + 1) / 3, 2.0], [9.0, 8.0]]
    assert bad.tolist() == [False, False]
    geo, _ = aggregate_level(values, weights, parent, 2, "geometric", None)
    np.testing.assert_allclose(geo[0, 0, 0], (4.0 * 1.0**3) ** 0.25, rtol=1e-15)
    har, _ = aggregate_level(values, weights, parent, 2, "harmonic", None)
    np.testing.assert_allclose(har[0, 0, 0], 4.0 / (1 / 4 + 3 / 1), rtol=1e-15)


def test_geometric_mean_flags_non_positive_inputs_per_sample() -> None:
    values = np.array([[0.0, 1.0], [2.0, 3.0]])
    weights = np.array([[1.0, 1.0], [0.0, 1.0]])
    _, bad = aggregate_level(values, weights, np.array([0, 0]), 1, "geometric", None)
    assert bad.tolist() == [True, False]


def test_availability_threshold_blanks_sparse_parents() -> None:
    values = np.array([[1.0, np.nan, np.nan], [1.0, 2.0, 3.0]])
    out, _ = aggregate_level(
        values, np.ones((2, 3)), np.array([0, 0, 0]), 1, "arithmetic", np.array([0.5, 0.3])
    )
    out = out.transpose(0, 2, 1)  # samples × units × parents
    assert np.isnan(out[0, 0, 0]) and out[0, 1, 0] == 2.0
    assert out[1, 0, 0] == 1.0


def test_descending_ranks_ties_min_and_missing_zero() -> None:
    ranks = descending_ranks(np.array([[3.0, 5.0, 3.0, np.nan, 1.0]]))
    assert ranks.tolist() == [[2, 1, 2, 0, 4]]
