"""Aggregation kernels: exact and batched forms of each registered mean agree; the sample axis."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.indicators.settings import AGGREGATE_METHODS
from kotacerdas.engine.kernels import BATCHED, MEANS, aggregate_children, aggregate_level, descending_ranks
from kotacerdas.errors import MethodError

VALUES = np.array([[4.0, 1.0, 2.0], [np.nan, 9.0, 8.0]])


def never(unit: int, child: int, method: str, value: str) -> MethodError:
    raise AssertionError(f"{method} mean needs positive values, found {value}")


def test_every_registered_mean_is_configurable() -> None:
    assert tuple(MEANS) == AGGREGATE_METHODS
    assert BATCHED == ("arithmetic", "geometric", "harmonic")


def test_weighted_means_skip_missing_children() -> None:
    weights = np.array([[1.0, 3.0, 1.0], [2.0, 1.0, 1.0]])
    parent = np.array([0, 0, 1])
    out, bad = aggregate_level(VALUES, weights, parent, 2, "arithmetic", None)
    out = out.transpose(0, 2, 1)  # samples × units × parents
    assert out[0].tolist() == [[(4 + 3) / 4, 2.0], [9.0, 8.0]]
    assert out[1].tolist() == [[(8 + 1) / 3, 2.0], [9.0, 8.0]]
    assert bad.tolist() == [False, False]
    geo, _ = aggregate_level(VALUES, weights, parent, 2, "geometric", None)
    np.testing.assert_allclose(geo[0, 0, 0], (4.0 * 1.0**3) ** 0.25, rtol=1e-15)
    har, _ = aggregate_level(VALUES, weights, parent, 2, "harmonic", None)
    np.testing.assert_allclose(har[0, 0, 0], 4.0 / (1 / 4 + 3 / 1), rtol=1e-15)


@pytest.mark.parametrize("method", BATCHED)
def test_the_batched_form_agrees_with_the_exact_kernel(method: str) -> None:
    rng = np.random.default_rng(3)
    x = rng.lognormal(size=(20, 4))
    x[rng.random(x.shape) < 0.2] = np.nan
    weights = rng.uniform(0.5, 1.5, size=(6, 4))
    batched, _ = aggregate_level(x, weights, np.zeros(4, dtype=np.intp), 1, method, None)
    for s in range(6):
        exact = aggregate_children(x, weights[s], method, None, never)
        np.testing.assert_allclose(batched[s, 0], exact, rtol=1e-13)


@pytest.mark.parametrize("method", sorted(MEANS))
def test_the_exact_kernel_runs_over_a_leading_sample_axis(method: str) -> None:
    rng = np.random.default_rng(5)
    x = rng.lognormal(size=(3, 10, 4))
    x[rng.random(x.shape) < 0.2] = np.nan
    w = rng.uniform(0.5, 1.5, size=(3, 4))
    together = aggregate_children(x, w, method, None, never)
    for s in range(3):
        np.testing.assert_array_equal(together[s], aggregate_children(x[s], w[s], method, None, never))


def test_geometric_mean_flags_non_positive_inputs_per_sample() -> None:
    values = np.array([[0.0, 1.0], [2.0, 3.0]])
    weights = np.array([[1.0, 1.0], [0.0, 1.0]])
    _, bad = aggregate_level(values, weights, np.array([0, 0]), 1, "geometric", None)
    assert bad.tolist() == [True, False]
    with pytest.raises(MethodError, match="needs positive values, found 0"):
        aggregate_children(
            values,
            weights[0],
            "geometric",
            None,
            lambda u, c, m, v: MethodError(f"{m} mean needs positive values, found {v}"),
        )


def test_availability_threshold_blanks_sparse_parents() -> None:
    values = np.array([[1.0, np.nan, np.nan], [1.0, 2.0, 3.0]])
    out, _ = aggregate_level(
        values, np.ones((2, 3)), np.array([0, 0, 0]), 1, "arithmetic", np.array([0.5, 0.3])
    )
    out = out.transpose(0, 2, 1)  # samples × units × parents
    assert np.isnan(out[0, 0, 0]) and out[0, 1, 0] == 2.0
    assert out[1, 0, 0] == 1.0


def test_mazziotta_pareto_has_no_batched_form() -> None:
    with pytest.raises(MethodError, match="no batched form"):
        aggregate_level(VALUES, np.ones((1, 3)), np.zeros(3, dtype=np.intp), 1, "mazziotta_pareto", None)


def test_descending_ranks_ties_min_and_missing_zero() -> None:
    assert descending_ranks(np.array([[3.0, 5.0, 3.0, np.nan, 1.0]])).tolist() == [[2, 1, 2, 0, 4]]
