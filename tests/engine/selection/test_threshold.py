"""The certified single swap gives the same forced-in optimum as re-solving the MILP."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.engine.selection import Quota
from kotacerdas.engine.selection.eligibility import screen
from kotacerdas.engine.selection.highs import Solver
from kotacerdas.engine.selection.model import build_model
from kotacerdas.engine.selection.objectives import objective_weights
from kotacerdas.engine.selection.threshold import ForcedIn

from .factories import problem


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_forced_in_matches_the_forced_milp(seed):
    rng = np.random.default_rng(seed)
    n = 40
    p = problem(
        rng.normal(50, 10, n).round(1),
        [str(v) for v in rng.choice(list("ABCDE"), n)],
        types=[str(v) for v in rng.choice(["kota", "kabupaten"], n)],
        sizes=(6, 4),
        quotas=[
            Quota("province", max=2),
            Quota("island_group", min=1),
            Quota("type", value="kota", min_share=0.5),
        ],
    )
    eligible, _, _ = screen(p)
    model = build_model(p, eligible)
    solver = Solver(model, [p.candidates.codes[i] for i in eligible], flow=False)
    weights = objective_weights(p, eligible)
    x = solver.best(solver.costs(weights))
    forced_in = ForcedIn(solver, x, weights)
    chosen = x.reshape(n, -1).sum(axis=1) > 0.5
    certified = 0
    for k in np.flatnonzero(~chosen):
        rows = [(np.arange(2 * k, 2 * k + 2), 1.0, 1.0)]
        exact = solver.best(forced_in.costs, extra=rows)
        fast = forced_in.plan(int(k))
        assert (exact is None) == (fast is None)
        if exact is not None:
            assert float(forced_in.costs @ fast) == pytest.approx(float(forced_in.costs @ exact), abs=0.02)
            swap = forced_in.best_swap(int(k))
            certified += swap is not None and forced_in.upper[k] <= float(forced_in.costs @ swap) + 1e-2
    assert certified > 0
