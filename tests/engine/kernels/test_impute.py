"""Imputation kernels: hand-computed examples and the optional sample axis."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.kernels import IMPUTERS, PANEL_IMPUTERS, ImputeSpec, impute
from kotacerdas.engine.kernels.impute import column_median
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
