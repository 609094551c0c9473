"""Rankings with uncertainty, peer-group ranks and awards."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.review.ranking import (
    awards,
    competition_rank,
    rank_with_uncertainty,
    rank_within,
)
from kotacerdas.errors import MethodError


def test_competition_rank_shares_ties():
    assert competition_rank([3.0, 4.0, 4.0, 1.0]).tolist() == [3, 1, 1, 4]


def test_rank_within_peer_groups():
    ranks = rank_within([3.0, 4.0, 2.0, 5.0], ["kota", "kabupaten", "kota", "kabupaten"])
    assert ranks.tolist() == [1, 2, 2, 1]


def test_bootstrap_is_reproducible_and_seed_zero_is_a_seed():
    region = np.repeat(np.arange(4), 3)
    score = np.array([4, 4, 4, 3, 3.5, 4, 2, 3, 4, 1, 1, 1.5])
    a = rank_with_uncertainty(region, score, n_regions=4, samples=300, top=1, rng=0)
    b = rank_with_uncertainty(region, score, n_regions=4, samples=300, top=1, rng=0)
    c = rank_with_uncertainty(region, score, n_regions=4, samples=300, top=1, rng=1)
    np.testing.assert_array_equal(a.q95, b.q95)
    np.testing.assert_array_equal(a.p_top, b.p_top)
    assert a.seed == 0
    assert a.rank.tolist() == [1, 2, 3, 4]
    # region 0 has no spread and the highest mean: it is first in every resample
    assert a.p_top[0] == 1.0 and a.q05[0] == 1.0 and a.q95[0] == 1.0
    # region 3 is always last
    assert a.median_rank[3] == 4.0 and a.p_top[3] == 0.0
    assert not np.array_equal(a.p_top, c.p_top) or np.array_equal(a.q05, c.q05)


def test_bootstrap_needs_ratings_for_every_region():
    with pytest.raises(MethodError, match="region index 1 has no rating"):
        rank_with_uncertainty([0, 2], [1.0, 2.0], n_regions=3, rng=0)


def test_awards_tie_breaking_order():
    dims = np.array([[3.0, 2.0], [3.0, 2.5], [3.0, 2.5], [1.0, 4.0]])
    overall = np.array([2.5, 2.75, 2.75, 2.5])
    result = awards(
        dims,
        ["governance", "economy"],
        overall=overall,
        per_dimension=1,
        overall_places=2,
        region_ids=["a", "b", "c", "d"],
    )
    by_cat = {(w.category, w.place): w for w in result}
    # governance: three regions at 3.0; b and c win on overall score, identical on balance → id, flagged
    assert by_cat[("governance", 1)].region == 1
    assert by_cat[("governance", 1)].tie_unresolved is True
    assert by_cat[("economy", 1)].region == 3
    assert by_cat[("economy", 1)].tie_unresolved is False
    assert [by_cat[("overall", p)].region for p in (1, 2)] == [1, 2]
