"""The engine's seed helpers: explicit, reproducible, and never the 0 that SALib reads as "no seed"."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.seeding import as_generator, child_seed


class _DrawsZero:
    """A generator whose next integer draw is 0, the one value a child seed must never be."""

    def integers(self, low: int, high: int) -> np.int64:
        return np.int64(low)


def test_child_seed_is_never_zero():
    assert child_seed(_DrawsZero()) == 2**32 - 1  # type: ignore[arg-type]


def test_child_seed_is_reproducible_and_in_range():
    draws = [child_seed(as_generator(seed)) for seed in range(200)]
    assert draws == [child_seed(as_generator(seed)) for seed in range(200)]
    assert all(1 <= d <= 2**32 - 1 for d in draws)


def test_seed_zero_means_zero_and_bools_are_refused():
    assert as_generator(0).integers(0, 10**9) == np.random.default_rng(0).integers(0, 10**9)
    with pytest.raises(TypeError, match="bool"):
        as_generator(True)
