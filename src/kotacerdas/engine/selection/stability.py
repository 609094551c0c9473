"""Stability: how often each eligible region is selected when scores are redrawn from uncertainty samples."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kotacerdas.engine.selection.highs import FloatArray, Solver

Progress = Callable[[int, int], None]


def selection_probability(
    solver: Solver, draws: FloatArray, *, progress: Progress | None = None
) -> FloatArray:
    """Share of draws (rows: eligible-region scores) in which each eligible region is selected.

    Each draw is solved under the same rules and quotas as the nominal plan (same method, same
    tie-breaking), so the probabilities describe the optimiser's actual behaviour.
    """
    n_draws, n = draws.shape
    hits = np.zeros(n)
    for d in range(n_draws):
        x = solver.best(solver.costs(draws[d]))
        if x is not None:
            hits += x.reshape(n, -1).sum(axis=1)
        if progress is not None:
            progress(d + 1, n_draws)
    return np.asarray(hits / max(n_draws, 1), dtype=np.float64)


def sample_scores(scores: FloatArray, sd: float, draws: int, rng: np.random.Generator) -> FloatArray:
    """Draws × regions of ``scores`` plus independent normal noise of standard deviation ``sd``."""
    return (scores[None, :] + rng.normal(0.0, sd, size=(draws, len(scores)))).astype(np.float64)
