"""Sobol estimation through SALib reproduces the Ishigami function's analytic indices.

Ishigami & Homma (1990); analytic indices for a = 7, b = 0.1 as in Saltelli et al. (2008), *Global
Sensitivity Analysis: The Primer*, and SALib's own test suite.
"""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.uncertainty import check_base_samples, sobol_design, sobol_indices
from kotacerdas.errors import ConfigError

A, B = 7.0, 0.1
V = A**2 / 8 + B * np.pi**4 / 5 + B**2 * np.pi**8 / 18 + 0.5
V1 = 0.5 * (1 + B * np.pi**4 / 5) ** 2
V2 = A**2 / 8
V13 = B**2 * np.pi**8 * (1 / 18 - 1 / 50)
S1_TRUE = np.array([V1 / V, V2 / V, 0.0])
ST_TRUE = np.array([(V1 + V13) / V, V2 / V, V13 / V])


def ishigami(u: np.ndarray) -> np.ndarray:
    x = -np.pi + 2 * np.pi * u
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_ishigami_indices_within_their_confidence_intervals() -> None:
    design = sobol_design(["x1", "x2", "x3"], ["x1", "x2", "x3"], 2**13, rng=0)
    assert design.points.shape == (2**13 * 5, 3)
    table = sobol_indices(design, ishigami(design.points), rng=0, resamples=500)
    assert table.factors == ("x1", "x2", "x3")
    assert np.all(np.abs(table.first_order - S1_TRUE) <= table.first_order_conf)
    assert np.all(np.abs(table.total_order - ST_TRUE) <= table.total_order_conf)
    assert np.all(table.total_order_conf < 0.03)


def test_grouped_variables_give_one_index_per_factor() -> None:
    design = sobol_design(["a1", "a2", "x3"], ["a", "a", "x3"], 2**10, rng=1)
    assert design.points.shape == (2**10 * 4, 3)
    assert design.factors == ("a", "x3")
    assert design.random_rows().sum() == 2**11
    table = sobol_indices(design, ishigami(design.points), rng=1, resamples=200)
    # x1 and x2 together explain everything but the x1·x3 interaction
    assert abs(table.first_order[0] - (V1 + V2) / V) <= table.first_order_conf[0]


@pytest.mark.parametrize(
    ("n", "hint"),
    [(1000, "use 512 or 1024"), (3, "use 2 or 4"), (1, "use 2 or a larger power of two (256, 512, …)")],
)
def test_non_power_of_two_names_the_alternatives(n: int, hint: str) -> None:
    with pytest.raises(ConfigError) as err:
        check_base_samples(n)
    assert err.value.hint == hint
