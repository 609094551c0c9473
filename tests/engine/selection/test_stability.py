"""Probability of selection over score samples, and marginal flags."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.selection import sample_scores, select

from .factories import problem


def test_probability_of_selection_over_draws():
    draws = np.array([[3.0, 2.0, 1.0], [1.0, 3.0, 2.0], [3.0, 1.0, 2.0], [2.0, 1.0, 3.0]])
    result = select(problem([3, 2, 1], ["A", "B", "C"], sizes=(1,), samples=draws))
    assert [d.p_selected for d in result.decisions] == [0.5, 0.25, 0.25]
    assert [d.marginal for d in result.decisions] == [True, True, True]
    assert result.decision("11.01").reason.endswith("; marginal: selected in 50% of samples")


def test_clear_winner_is_not_marginal():
    draws = np.array([[9.0, 2.0, 1.0], [9.0, 3.0, 2.0]])
    result = select(problem([9, 2, 1], ["A", "B", "C"], sizes=(1,), samples=draws), marginal=(0.1, 0.9))
    assert [(d.p_selected, d.marginal) for d in result.decisions] == [
        (1.0, False),
        (0.0, False),
        (0.0, False),
    ]


def test_sample_scores_is_seeded():
    a = sample_scores(np.array([1.0, 2.0]), 0.5, 3, np.random.default_rng(0))
    b = sample_scores(np.array([1.0, 2.0]), 0.5, 3, np.random.default_rng(0))
    assert a.shape == (3, 2)
    assert np.array_equal(a, b)
    assert a[0, 0] == pytest.approx(1.0 + 0.5 * np.random.default_rng(0).normal())
