"""``min_rank`` (numpy) ranks exactly as ``scipy.stats.rankdata(method="min")`` on the non-missing values."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import rankdata

from kotacerdas.engine.kernels import min_rank


def reference(x: np.ndarray) -> np.ndarray:
    out = np.full(x.shape, np.nan)
    mask = ~np.isnan(x)
    out[mask] = rankdata(x[mask], method="min")
    return out


@pytest.mark.parametrize(
    "values",
    [
        [],
        [np.nan, np.nan],
        [3.0],
        [2.0, 1.0, 2.0, np.nan, 5.0, 1.0],
        [np.inf, -np.inf, 0.0, np.inf, np.nan, -0.0],
        [7.0] * 5,
    ],
)
def test_edge_cases_match_rankdata(values: list[float]) -> None:
    x = np.array(values, dtype=np.float64)
    np.testing.assert_array_equal(min_rank(x), reference(x))


def test_random_columns_with_ties_and_gaps_match_rankdata() -> None:
    rng = np.random.default_rng(9)
    for size in (1, 2, 10, 51, 514):
        x = rng.integers(0, max(2, size // 3), size).astype(np.float64)
        x[rng.random(size) < 0.2] = np.nan
        np.testing.assert_array_equal(min_rank(x), reference(x))
