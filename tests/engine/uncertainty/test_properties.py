"""Invariants of the uncertainty analysis (hypothesis properties)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas.engine.uncertainty import make_problem, parse_factors, run_uncertainty

from .factories import COINR_EXAMPLE, synthetic_problem

BASE = synthetic_problem(n_units=30, n_indicators=8, n_pillars=4, seed=2)
ARRAYS = ("nominal_rank", "median_rank", "q05", "q95", "p_top", "mean_abs_shift", "ranked_samples")


def permuted(order: np.ndarray) -> object:
    h = BASE.hierarchy
    return make_problem(
        units=[BASE.units[i] for i in order],
        data=BASE.data[order],
        levels=h.codes,
        parents=[[h.codes[lv + 1][p] for p in parent] for lv, parent in enumerate(h.parents)],
        directions=BASE.directions,
        weights=BASE.weights,
        normalise=BASE.normalise,
        groups={k: [v[i] for i in order] for k, v in BASE.groups.items()},
    )


@settings(max_examples=8, deadline=None)
@given(st.permutations(list(range(30))))
def test_permuting_units_permutes_every_statistic(perm: list[int]) -> None:
    order = np.array(perm)
    factors = parse_factors(COINR_EXAMPLE, BASE)
    base = run_uncertainty(BASE, factors, samples=64, rng=3, top=5)
    moved = run_uncertainty(permuted(order), factors, samples=64, rng=3, top=5)  # type: ignore[arg-type]
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(moved, name), getattr(base, name)[order], err_msg=name)


@settings(max_examples=8, deadline=None)
@given(st.floats(min_value=0.0, max_value=0.9), st.integers(min_value=1, max_value=30))
def test_rank_intervals_are_ordered_and_p_top_is_a_share(noise: float, top: int) -> None:
    factors = parse_factors({**COINR_EXAMPLE, "weights": {"noise": noise}}, BASE)
    result = run_uncertainty(BASE, factors, samples=40, rng=0, top=top)
    ok = result.ranked_samples > 0
    assert np.all(result.q05[ok] <= result.median_rank[ok])
    assert np.all(result.median_rank[ok] <= result.q95[ok])
    assert np.all((result.p_top >= 0) & (result.p_top <= 1))
    assert np.all((result.q05[ok] >= 1) & (result.q95[ok] <= 30))
