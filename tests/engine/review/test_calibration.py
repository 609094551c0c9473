"""Severity/leniency calibration recovers planted assessor effects."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas.engine.review.calibration import calibrate
from kotacerdas.errors import MethodError


def _design(n_regions, n_assessors, per_region, rng):
    """Each region rated by ``per_region`` assessors in a rotating (connected) design."""
    region, assessor = [], []
    for r in range(n_regions):
        for t in range(per_region):
            region.append(r)
            assessor.append((r + t) % n_assessors)
    return np.array(region), np.array(assessor)


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 15), st.integers(3, 8), st.integers(0, 1000))
def test_noise_free_effects_are_recovered_exactly(n_regions, n_assessors, seed):
    rng = np.random.default_rng(seed)
    per_region = min(3, n_assessors)
    if n_regions + per_region - 1 < n_assessors:
        n_regions = n_assessors
    region, assessor = _design(n_regions, n_assessors, per_region, rng)
    mu = rng.uniform(1, 4, n_regions)
    beta = rng.normal(0, 0.5, n_assessors)
    beta -= beta.mean()
    result = calibrate(
        region, assessor, mu[region] + beta[assessor], n_regions=n_regions, n_assessors=n_assessors
    )
    np.testing.assert_allclose(result.assessor_effect, beta, atol=1e-9)
    np.testing.assert_allclose(result.region_calibrated, mu, atol=1e-9)
    assert result.residual_sd == pytest.approx(0.0, abs=1e-9)


def test_lenient_assessor_example():
    # regions 0..2; assessor 1 scores everything one point higher than assessor 0
    region = np.array([0, 0, 1, 1, 2])
    assessor = np.array([0, 1, 0, 1, 1])
    score = np.array([3.0, 4.0, 2.0, 3.0, 4.0])
    result = calibrate(region, assessor, score, n_regions=3, n_assessors=2)
    np.testing.assert_allclose(result.assessor_effect, [-0.5, 0.5], atol=1e-12)
    np.testing.assert_allclose(result.region_raw, [3.5, 2.5, 4.0], atol=1e-12)
    # region 2 was rated only by the lenient assessor: its calibrated score drops by half a point
    np.testing.assert_allclose(result.region_calibrated, [3.5, 2.5, 3.5], atol=1e-12)
    np.testing.assert_allclose(result.rating_calibrated, [3.5, 3.5, 2.5, 2.5, 3.5], atol=1e-12)


def test_disconnected_design_is_refused():
    with pytest.raises(MethodError, match="2 unconnected groups"):
        calibrate([0, 1], [0, 1], [3.0, 4.0], n_regions=2, n_assessors=2)
