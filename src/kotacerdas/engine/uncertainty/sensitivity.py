"""Sobol first-order and total indices through SALib's Sobol sampler and estimator (Saltelli 2010).

Factors that consist of several variables (the weights) are SALib *groups*, so each factor gets one
first-order and one total index however many weights it perturbs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.seeding import RngLike, as_generator, child_seed
from kotacerdas.errors import ConfigError

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class SobolDesign:
    """A Saltelli design on [0, 1]^d: ``points`` has N·(G + 2) rows for G factors (groups)."""

    names: tuple[str, ...]
    groups: tuple[str, ...]
    base: int
    points: FloatArray

    @property
    def factors(self) -> tuple[str, ...]:
        """Distinct factor (group) names in first-seen order, SALib's output order."""
        return tuple(dict.fromkeys(self.groups))

    def random_rows(self) -> NDArray[np.bool_]:
        """Rows of the independent matrices A and B (2N rows), the ones used for rank statistics."""
        block = len(self.factors) + 2
        mask = np.zeros(self.points.shape[0], dtype=bool)
        mask[0::block] = True
        mask[block - 1 :: block] = True
        return mask


@dataclass(frozen=True)
class SensitivityTable:
    """Per factor: first-order and total Sobol indices with bootstrap confidence half-widths."""

    factors: tuple[str, ...]
    first_order: FloatArray
    first_order_conf: FloatArray
    total_order: FloatArray
    total_order_conf: FloatArray
    conf_level: float


def check_base_samples(n: int) -> None:
    """Sobol sampling needs N = 2^m; raise ConfigError naming the nearest valid values."""
    if n < 2 or n & (n - 1):
        below, above = 1 << max(n.bit_length() - 1, 0), 1 << n.bit_length()
        raise ConfigError(
            f"--samples {n} is not a power of two, which Sobol sampling needs",
            hint=f"use {below} or {above}" if n > 2 else "use 2 or a larger power of two (256, 512, …)",
            code="samples_not_a_power_of_two" if n > 2 else "samples_below_two",
            params={"samples": n, "below": below, "above": above} if n > 2 else {"samples": n},
        )


def _salib_problem(names: Sequence[str], groups: Sequence[str]) -> dict[str, Any]:
    problem: dict[str, Any] = {
        "num_vars": len(names),
        "names": list(names),
        "bounds": [[0.0, 1.0]] * len(names),
    }
    if len(set(groups)) < len(groups):
        problem["groups"] = list(groups)
    return problem


def sobol_design(names: Sequence[str], groups: Sequence[str], n: int, rng: RngLike) -> SobolDesign:
    """Scrambled Sobol' points in SALib's Saltelli layout (first-order and total indices only)."""
    check_base_samples(n)
    if len(dict.fromkeys(groups)) < 2:
        raise ConfigError(
            "sensitivity analysis needs at least two uncertain factors", code="sensitivity_needs_two_factors"
        )
    from SALib.sample import sobol as sobol_sample  # here: slow, only --sensitivity needs it

    seed = child_seed(as_generator(rng))
    points = sobol_sample.sample(_salib_problem(names, groups), n, calc_second_order=False, seed=seed)
    return SobolDesign(tuple(names), tuple(groups), n, np.asarray(points, dtype=np.float64))


def sobol_indices(
    design: SobolDesign, outputs: FloatArray, rng: RngLike, *, resamples: int = 1000, conf_level: float = 0.95
) -> SensitivityTable:
    """Estimate first-order and total indices from the model outputs of a :func:`sobol_design`."""
    from SALib.analyze import sobol as sobol_analyze  # here: slow, only --sensitivity needs it

    seed = child_seed(as_generator(rng))
    res = sobol_analyze.analyze(
        _salib_problem(design.names, design.groups),
        np.asarray(outputs, dtype=np.float64),
        calc_second_order=False,
        num_resamples=resamples,
        conf_level=conf_level,
        seed=seed,
    )
    return SensitivityTable(
        factors=design.factors,
        first_order=np.asarray(res["S1"], dtype=np.float64),
        first_order_conf=np.asarray(res["S1_conf"], dtype=np.float64),
        total_order=np.asarray(res["ST"], dtype=np.float64),
        total_order_conf=np.asarray(res["ST_conf"], dtype=np.float64),
        conf_level=conf_level,
    )
