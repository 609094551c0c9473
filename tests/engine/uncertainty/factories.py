"""Seeded synthetic problems for the uncertainty tests (factories, not mocks)."""

from __future__ import annotations

import numpy as np

from kotacerdas.engine.uncertainty import NormaliseSpec, UncertaintyProblem, make_problem


def synthetic_problem(
    n_units: int = 60, n_indicators: int = 12, n_pillars: int = 4, *, seed: int = 7, missing: float = 0.05
) -> UncertaintyProblem:
    """Log-normal indicators with some gaps, indicators → pillars → two sub-indices → index."""
    rng = np.random.default_rng(seed)
    data = rng.lognormal(size=(n_units, n_indicators))
    data[rng.random(data.shape) < missing] = np.nan
    indicators = [f"I{j}" for j in range(n_indicators)]
    pillars = [f"P{j}" for j in range(n_pillars)]
    subs = ["S0", "S1"]
    return make_problem(
        units=[f"U{i:03d}" for i in range(n_units)],
        data=data,
        levels=[indicators, pillars, subs, ["Index"]],
        parents=[
            [pillars[j % n_pillars] for j in range(n_indicators)],
            [subs[j % 2] for j in range(n_pillars)],
            ["Index", "Index"],
        ],
        directions=np.where(np.arange(n_indicators) % 4 == 1, -1.0, 1.0),
        weights=[rng.uniform(0.5, 1.5, n_indicators), np.ones(n_pillars), [1.0, 2.0]],
        normalise=NormaliseSpec("minmax", (0.0, 100.0)),
        groups={"region": ["east" if i % 3 else "west" for i in range(n_units)]},
        data_variants={
            "winmax=1": np.minimum(data, np.nanquantile(data, 0.9, axis=0)),
            "winmax=3": np.minimum(data, np.nanquantile(data, 0.97, axis=0)),
        },
    )


COINR_EXAMPLE = {
    "weights": {"noise": 0.25, "levels": [2, 3]},
    "normalise": [{"method": "minmax", "range": [1, 100]}, {"method": "zscore", "mean": 10, "sd": 2}],
    "aggregate": [{"method": "arithmetic"}, {"method": "geometric"}],
}

ALL_FACTORS = {
    **COINR_EXAMPLE,
    "weights": {"noise": 0.3, "levels": [1, 2, 3]},
    "impute": [{"method": "none"}, {"method": "mean"}, {"method": "group_median", "group": "region"}],
    "treat": {"winmax": [1, 3]},
    "normalise": [*COINR_EXAMPLE["normalise"], {"method": "zscore", "mean": 0, "sd": 1}],
    "exclude": {"indicators": "all"},
    "min_availability": [0.4, 0.9],
}
