"""Imputation kernels: hand-computed examples and the optional sample axis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.engine.kernels import IMPUTERS, PANEL_IMPUTERS, ImputeSpec, impute
from kotacerdas.engine.kernels.impute import column_median, group_rows
from kotacerdas.errors import ConfigError

X = np.array([[1.0, 10.0], [3.0, np.nan], [5.0, 30.0]])


def test_mean_and_group_median() -> None:
    assert impute(X, ImputeSpec("mean"), {})[1, 1] == 20.0
    data = np.array([[1.0], [np.nan], [4.0], [np.nan], [10.0], [np.nan]])
    groups = {"g": ("x", "x", "y", "y", "y", None)}
    out = impute(data, ImputeSpec("group_median", "g"), groups)[:, 0]
    assert out[:5].tolist() == [1.0, 1.0, 4.0, 7.0, 10.0]
    assert np.isnan(out[5])  # a unit in no group is left missing


def test_column_median_has_numpys_bits() -> None:
    rng = np.random.default_rng(4)
    x = rng.normal(size=(9, 5))
    x[rng.random(x.shape) < 0.3] = np.nan
    for j in range(5):
        present = x[~np.isnan(x[:, j]), j]
        assert column_median(x)[j] == np.median(present)


@pytest.mark.parametrize("method", sorted(IMPUTERS))
def test_a_leading_sample_axis_imputes_each_sample_alone(method: str) -> None:
    rng = np.random.default_rng(2)
    stack = rng.normal(size=(3, 8, 2))
    stack[rng.random(stack.shape) < 0.25] = np.nan
    spec = ImputeSpec(method, "g" if method.startswith("group_") else None)
    groups = {"g": ("a", "b") * 4}
    together = impute(stack, spec, groups)
    for s in range(3):
        np.testing.assert_array_equal(together[s], impute(stack[s], spec, groups))


def test_panel_methods_and_unknown_groups_are_refused_for_one_cross_section() -> None:
    with pytest.raises(ConfigError, match="fills panel data in time"):
        impute(X, ImputeSpec("latest"), {})
    with pytest.raises(ConfigError, match="needs a known group column"):
        impute(X, ImputeSpec("group_mean", "island"), {"region": ("a", "b", "c")})


def test_panel_kernels_fill_a_series_in_time() -> None:
    years = np.array([2019.0, 2020.0, 2021.0, 2022.0])
    y = np.array([np.nan, 2.0, np.nan, 6.0])
    assert PANEL_IMPUTERS["latest"](years, y)[1:].tolist() == [2.0, 2.0, 6.0]
    assert PANEL_IMPUTERS["linear"](years, y).tolist() == [2.0, 2.0, 4.0, 6.0]


LABELS = st.one_of(st.none(), st.just(float("nan")), st.sampled_from(["a", "b", "c"]), st.integers(0, 3))


@given(st.lists(LABELS, max_size=12))
def test_groups_are_pandas_unique_groups_in_order_of_appearance(labels: list[object]) -> None:
    array = np.asarray(labels, dtype=object)
    expected = [np.flatnonzero(array == key) for key in pd.unique(array[pd.notna(array)])]
    got = group_rows(array)
    assert [g.tolist() for g in got] == [e.tolist() for e in expected]


def test_pandas_missing_markers_are_in_no_group() -> None:
    labels = np.array(["a", pd.NA, pd.NaT, np.nan, None, "a"], dtype=object)
    assert [g.tolist() for g in group_rows(labels)] == [[0, 5]]


@given(st.lists(st.one_of(st.just(float("nan")), st.floats(-1e6, 1e6)), max_size=10))
def test_latest_is_pandas_forward_fill(values: list[float]) -> None:
    y = np.array(values, dtype=np.float64)
    years = np.arange(y.size, dtype=np.float64)
    expected = pd.Series(y, dtype=np.float64).ffill().to_numpy(dtype=np.float64)
    np.testing.assert_array_equal(PANEL_IMPUTERS["latest"](years, y), expected)
