"""The published-score rounding rule: decimal arithmetic on the unrounded mean, then half up."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from kotacerdas.engine.review.rounding import exact_mean, group_means, half_up


def test_kediri_2022_is_3_32_where_binary_floats_say_3_31():
    scores, weights = [3.60, 3.21, 3.23, 3.07, 3.65], [10, 20, 30, 20, 20]
    binary = sum(w * s for w, s in zip(weights, scores, strict=True)) / sum(weights)
    # the nearest double to 3.315 lies just below it, so round() and format() give 3.31
    assert round(binary, 2) == 3.31 and f"{binary:.2f}" == "3.31"
    assert exact_mean(scores, weights) == Decimal("3.315")
    assert half_up(exact_mean(scores, weights)) == Decimal("3.32")


def test_half_up_rounds_ties_away_from_zero_and_reads_floats_by_their_shortest_form():
    assert [str(half_up(v)) for v in (2.675, 0.125, -0.125, 3.3149)] == ["2.68", "0.13", "-0.13", "3.31"]
    assert str(half_up(3.4750000001, 2)) == "3.48"
    assert str(half_up(7, 1)) == "7.0"


def test_means_of_groups_and_errors():
    assert group_means([0, 1, 0, 1], [3.3, 1.0, 3.33, 2.0], 3)[:2] == [3.315, 1.5]
    assert math.isnan(group_means([0], [1.0], 2)[1])
    with pytest.raises(ValueError, match="sum to zero"):
        exact_mean([1.0, 2.0], [0, 0])
