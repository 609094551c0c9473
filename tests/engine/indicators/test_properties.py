"""Hypothesis properties of the engine (invariants any correct implementation must keep)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kotacerdas.engine.indicators import build_index

UNITS = 8
rounded = st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: round(v, 3))
values = st.lists(rounded, min_size=UNITS, max_size=UNITS)
# Winsorisation moves at least one more point per step and stops at winmax (5) points, so with 8 distinct
# values it can never collapse a column to a constant (which the engine refuses, tested in test_treat.py).
distinct_values = st.lists(rounded, min_size=UNITS, max_size=UNITS, unique=True)


def frame(a, b, c, d):
    return pd.DataFrame({"uCode": [f"U{i}" for i in range(UNITS)], "a": a, "b": b, "c": c, "d": d})


def meta():
    return pd.DataFrame({
        "iCode": ["a", "b", "c", "d", "P1", "P2", "Idx"], "Level": [1, 1, 1, 1, 2, 2, 3],
        "Parent": ["P1", "P1", "P2", "P2", "Idx", "Idx", None], "Direction": [1, -1, 1, 1, 1, 1, 1],
        "Weight": [1, 2, 1, 1, 1, 1, 1], "Type": ["Indicator"] * 4 + ["Aggregate"] * 3,
    })  # fmt: skip


def spread(col):
    """Enough distinct values that every step is defined (min-max range, skewness)."""
    return len(set(col)) > 2


@settings(max_examples=40, deadline=None)
@given(values, values, values, values, st.floats(0.01, 100), st.floats(-1e3, 1e3))
def test_minmax_ranks_invariant_under_positive_affine_rescaling(a, b, c, d, scale, shift):
    assume(all(spread(x) for x in (a, b, c, d)))
    base = build_index(frame(a, b, c, d), meta())
    rescaled = build_index(frame([scale * v + shift for v in a], b, c, d), meta())
    np.testing.assert_allclose(rescaled.index.to_numpy(), base.index.to_numpy(), rtol=1e-9, atol=1e-9)
    order = np.argsort(-base.index.to_numpy(), kind="stable")
    assert np.all(np.diff(rescaled.index.to_numpy()[order]) <= 1e-9)


@settings(max_examples=40, deadline=None)
@given(values, values, values, values, st.integers(0, UNITS - 1), st.floats(0.0, 500.0))
def test_raising_a_positive_indicator_never_lowers_the_units_arithmetic_score(a, b, c, d, unit, bump):
    assume(all(spread(x) for x in (a, b, c, d)))
    cfg = {"normalise": {"method": "minmax", "range": [0, 100]}}
    before = build_index(frame(a, b, c, d), meta(), cfg).index.iloc[unit]
    raised = list(c)
    raised[unit] = c[unit] + bump
    after = build_index(frame(a, b, raised, d), meta(), cfg).index.iloc[unit]
    assert after >= before - 1e-9


@settings(max_examples=30, deadline=None)
@given(distinct_values, distinct_values, distinct_values, distinct_values, st.permutations(list(range(UNITS))))
def test_permuting_units_permutes_results(a, b, c, d, perm):
    data = frame(a, b, c, d)
    cfg = {"treat": {"method": "winsorise"}, "normalise": {"method": "zscore"}}
    base = build_index(data, meta(), cfg)
    shuffled = build_index(data.iloc[perm].reset_index(drop=True), meta(), cfg)
    pd.testing.assert_frame_equal(shuffled.scores, base.scores, check_exact=True)  # units kept in code order
