"""Normalisation kernels: hand-computed examples, the optional sample axis, the registry as the one list."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.indicators.settings import NORMALISE_METHODS
from kotacerdas.engine.kernels import NORMALISERS, Columns, NormaliseSpec, describe, normalise
from kotacerdas.errors import MethodError

X = np.array([[1.0, 10.0], [3.0, np.nan], [5.0, 30.0]])
UP_DOWN = Columns(codes=("a", "b"), directions=np.array([1.0, -1.0]), targets=np.array([6.0, 5.0]))
SPECS = {
    "none": NormaliseSpec("none"),
    "minmax": NormaliseSpec("minmax", range=(1.0, 100.0)),
    "zscore": NormaliseSpec("zscore", mean=10.0, sd=2.0),
    "rank": NormaliseSpec("rank"),
    "percentile_rank": NormaliseSpec("percentile_rank"),
    "distance_to_target": NormaliseSpec("distance_to_target", cap=True),
    "goalposts": NormaliseSpec("goalposts", lower=0.0, upper=40.0, scale=1.0),
}


def test_every_registered_method_is_configurable_and_exercised_here() -> None:
    assert tuple(NORMALISERS) == NORMALISE_METHODS
    assert set(SPECS) == set(NORMALISERS)


def test_minmax_handles_direction_and_gaps() -> None:
    out = normalise(X, NormaliseSpec("minmax", (0.0, 100.0)), UP_DOWN)
    np.testing.assert_array_equal(out, [[0.0, 100.0], [50.0, np.nan], [100.0, 0.0]])


def test_zscore_uses_the_sample_sd() -> None:
    out = normalise(X, SPECS["zscore"], Columns(("a", "b"), np.ones(2)))
    # column a: mean 3, sd 2 → z = −1, 0, 1; column b: mean 20, sd √200
    assert out[:, 0].tolist() == [8.0, 10.0, 12.0]
    np.testing.assert_allclose(
        out[[0, 2], 1], [10.0 - 20 / np.sqrt(200), 10.0 + 20 / np.sqrt(200)], atol=1e-14
    )


def test_rank_and_percentile_rank_give_ties_the_minimum() -> None:
    x = np.array([[2.0], [2.0], [5.0], [np.nan]])
    one = Columns(("a",), np.ones(1))
    assert normalise(x, SPECS["rank"], one)[:3, 0].tolist() == [1.0, 1.0, 3.0]
    pct = normalise(x, SPECS["percentile_rank"], one)[:, 0]
    assert pct[:3].tolist() == [0.0, 0.0, 1.0] and np.isnan(pct[3])


def test_distance_to_target_and_goalposts_follow_the_direction() -> None:
    dtt = normalise(X, SPECS["distance_to_target"], UP_DOWN)
    # a: worst 1, target 6 → (x − 1)/5 capped at 1; b (lower is better): worst −30, target −5
    np.testing.assert_allclose(dtt[:, 0], [0.0, 0.4, 0.8])
    np.testing.assert_allclose(dtt[[0, 2], 1], [20 / 25, 0.0])
    goal = normalise(X, SPECS["goalposts"], UP_DOWN)
    np.testing.assert_allclose(goal[[0, 2], 1], [0.75, 0.25])  # (40 − x)/40


@pytest.mark.parametrize("method", sorted(SPECS))
def test_a_leading_sample_axis_normalises_each_sample_alone(method: str) -> None:
    rng = np.random.default_rng(1)
    stack = rng.lognormal(size=(3, 7, 2)) + 1.0
    stack[1, 2, 0] = np.nan
    together = normalise(stack, SPECS[method], UP_DOWN)
    for s in range(3):
        np.testing.assert_array_equal(together[s], normalise(stack[s], SPECS[method], UP_DOWN))


def test_degenerate_columns_are_method_errors_naming_the_column_and_file() -> None:
    columns = Columns(("a", "b"), np.ones(2), source="data.csv")
    with pytest.raises(MethodError, match="'b' has zero variance") as err:
        normalise(np.array([[1.0, 2.0], [3.0, 2.0]]), SPECS["zscore"], columns)
    assert (err.value.location.file, err.value.location.column) == ("data.csv", "b")
    with pytest.raises(MethodError, match="'a' has no values"):
        normalise(np.array([[np.nan, 2.0], [np.nan, 3.0]]), SPECS["minmax"], columns)
    with pytest.raises(MethodError, match="'a' has no target"):
        normalise(X, SPECS["distance_to_target"], Columns(("a", "b"), np.ones(2)))


def test_labels_show_the_parameters_the_method_uses() -> None:
    assert describe(SPECS["minmax"]) == "minmax(1, 100)"
    assert describe(SPECS["zscore"]) == "zscore(10, 2)"
    assert describe(SPECS["rank"]) == "rank"
