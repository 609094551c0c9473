"""The one place randomness is normalised for the whole engine: an explicit ``rng`` argument, seed 0 means 0."""

from __future__ import annotations

import numpy as np

RngLike = int | np.random.Generator | np.random.SeedSequence | None


def as_generator(rng: RngLike) -> np.random.Generator:
    """Turn a seed (any int, 0 included), a SeedSequence or a Generator into a Generator.

    ``None`` draws fresh entropy; a Generator is used as is (the caller owns its state).
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, bool):
        raise TypeError("a seed must be an int, a SeedSequence or a numpy Generator, not a bool")
    return np.random.default_rng(rng)


def child_seed(generator: np.random.Generator) -> int:
    """Draw a non-zero 32-bit integer seed for a library that takes an int (SALib's samplers and estimators).

    Never 0: SALib tests ``if seed:`` and would fall back to global randomness. The draw's range excludes
    2**32 - 1, which therefore stands in for 0, so every other seed stays what it was.
    """
    seed = int(generator.integers(0, 2**32 - 1))
    return seed or 2**32 - 1
