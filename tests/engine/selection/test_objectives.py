"""Objectives: max–min island-group coverage, expected score, selection probability."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.selection import select
from kotacerdas.engine.selection.objectives import top_probability

from .factories import problem


def test_maxmin_gives_each_island_group_its_best_worst_share_then_score():
    # X (A, B): 9, 8, 7, 6; Y (C): 1, 0. Three slots: plain max_score takes 9, 8, 7.
    scores = [9, 8, 7, 6, 1, 0]
    provinces = ["A", "A", "B", "B", "C", "C"]
    assert select(problem(scores, provinces, sizes=(3,))).selected == {
        "11.01": "P1",
        "11.02": "P1",
        "11.03": "P1",
    }
    # Max–min: coverage 2/4 for X and 1/2 for Y gives 0.5, the best possible worst share; then score.
    result = select(problem(scores, provinces, sizes=(3,), objective="maxmin_island_group"))
    assert result.equity_floor == pytest.approx(0.5)
    assert result.selected == {"11.01": "P1", "11.02": "P1", "11.05": "P1"}
    assert result.objective_value == 18.0


def test_expected_score_uses_sample_means():
    samples = np.array([[1.0, 9.0, 0.0], [9.0, 9.0, 0.0]])  # means 5, 9, 0
    p = problem([10, 9, 0], ["A", "B", "C"], sizes=(1,), objective="expected_score", samples=samples)
    result = select(p)
    assert result.selected == {"11.02": "P1"}
    assert result.objective_value == 9.0
    assert result.decision("11.01").reason.startswith(
        "below the cut-off: expected score 5 is 4 below the cut-off 9"
    )


def test_top_probability_counts_draws_in_the_top_slots():
    draws = np.array([[3.0, 2.0, 1.0], [1.0, 3.0, 2.0], [3.0, 1.0, 2.0], [2.0, 1.0, 3.0]])
    assert top_probability(draws, 1).tolist() == [0.5, 0.25, 0.25]
    assert top_probability(draws, 2).tolist() == [0.75, 0.5, 0.75]


def test_max_probability_objective_prefers_the_reliable_region():
    draws = np.array([[3.0, 2.0, 1.0], [1.0, 3.0, 2.0], [3.0, 1.0, 2.0], [2.0, 1.0, 3.0]])
    p = problem([1, 3, 2], ["A", "B", "C"], sizes=(1,), objective="max_probability", samples=draws)
    assert select(p).selected == {"11.01": "P1"}
