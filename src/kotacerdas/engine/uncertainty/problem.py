"""The typed input of an uncertainty analysis: data, hierarchy, directions, weights and nominal methods.

The problem is built from plain arrays, so the engine does not depend on how the index was built; see
:func:`kotacerdas.engine.uncertainty.adapter.from_index_result` for the bridge from the indicators engine.
The method settings are the kernels' own (:mod:`kotacerdas.engine.kernels.specs`), the same objects an
index build's settings hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.kernels import BATCHED, AggregateSpec, ImputeSpec, NormaliseSpec
from kotacerdas.errors import ConfigError, InputError, Location


@dataclass(frozen=True)
class Hierarchy:
    """Codes per level (level 1 = indicators, last = the index) and each child's parent position."""

    codes: tuple[tuple[str, ...], ...]
    parents: tuple[NDArray[np.intp], ...]

    @property
    def n_levels(self) -> int:
        """Number of levels including indicators and the index."""
        return len(self.codes)

    def sizes(self) -> tuple[int, ...]:
        """Number of elements at each level."""
        return tuple(len(c) for c in self.codes)


@dataclass(frozen=True)
class UncertaintyProblem:
    """Everything the Monte Carlo needs, as arrays; build it with :func:`make_problem`."""

    units: tuple[str, ...]
    data: NDArray[np.float64]
    hierarchy: Hierarchy
    directions: NDArray[np.float64]
    weights: tuple[NDArray[np.float64], ...]
    normalise: NormaliseSpec = field(default_factory=NormaliseSpec)
    aggregate: AggregateSpec = field(default_factory=AggregateSpec)
    impute: ImputeSpec = field(default_factory=ImputeSpec)
    groups: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    normalised: NDArray[np.float64] | None = None
    data_variants: Mapping[str, NDArray[np.float64]] = field(default_factory=dict)
    targets: NDArray[np.float64] | None = None

    @property
    def indicators(self) -> tuple[str, ...]:
        """Indicator codes, in data column order."""
        return self.hierarchy.codes[0]


def make_problem(
    *,
    units: Sequence[str],
    data: NDArray[np.float64] | Sequence[Sequence[float]],
    levels: Sequence[Sequence[str]],
    parents: Sequence[Sequence[str]],
    directions: Sequence[float] | NDArray[np.float64],
    weights: Sequence[Sequence[float] | NDArray[np.float64]] | None = None,
    normalise: NormaliseSpec | None = None,
    aggregate: AggregateSpec | None = None,
    impute: ImputeSpec | None = None,
    groups: Mapping[str, Sequence[str | None]] | None = None,
    normalised: NDArray[np.float64] | None = None,
    data_variants: Mapping[str, NDArray[np.float64]] | None = None,
    targets: Sequence[float | None] | None = None,
) -> UncertaintyProblem:
    """Validate arrays and build an :class:`UncertaintyProblem`.

    ``levels[0]`` are the indicator codes (the columns of ``data``), ``levels[-1]`` holds the single index
    code; ``parents[l][j]`` is the code, in ``levels[l + 1]``, of the parent of ``levels[l][j]``;
    ``weights[l]`` are the weights of ``levels[l]`` within their parents (default 1). ``normalised``, if
    given, is the nominal normalised matrix to use as is (e.g. from the indicators engine, with its
    per-indicator overrides) whenever a sample takes the nominal imputation and normalisation.
    ``data_variants`` are alternative versions of ``data`` by label (e.g. ``winmax=3``: treated with
    another parameter), which a ``treat`` factor chooses between. ``targets`` are the indicators' targets
    for distance-to-target normalisation (None = no target).
    """
    matrix = np.asarray(data, dtype=np.float64)
    codes = tuple(tuple(str(c) for c in level) for level in levels)
    if matrix.ndim != 2 or matrix.shape[0] != len(units):
        raise InputError(f"data must be units × indicators; got shape {matrix.shape} for {len(units)} units")
    if len(codes) < 2 or len(codes[-1]) != 1:
        raise InputError("the hierarchy needs indicators and one index at the top level")
    if matrix.shape[1] != len(codes[0]):
        raise InputError(f"data has {matrix.shape[1]} columns but there are {len(codes[0])} indicators")
    if len(set(units)) != len(units):
        raise InputError("duplicate unit codes in the uncertainty problem")
    if len(parents) != len(codes) - 1:
        raise InputError("parents must be given for every level below the index")
    parent_idx: list[NDArray[np.intp]] = []
    for level, (children, up) in enumerate(zip(codes[:-1], parents, strict=True), start=1):
        position = {code: i for i, code in enumerate(codes[level])}
        if len(up) != len(children):
            raise InputError(f"level {level}: {len(children)} codes but {len(up)} parents")
        missing = [p for p in up if p not in position]
        if missing:
            raise InputError(f"level {level}: unknown parent {missing[0]!r}", Location(column=missing[0]))
        idx = np.array([position[p] for p in up], dtype=np.intp)
        orphans = sorted(set(range(len(codes[level]))) - set(idx.tolist()))
        if orphans:
            raise InputError(f"level {level + 1}: {codes[level][orphans[0]]!r} has no children")
        parent_idx.append(idx)
    dirs = np.asarray(directions, dtype=np.float64)
    if dirs.shape != (len(codes[0]),) or not np.all(np.isin(dirs, (-1.0, 1.0))):
        raise InputError("directions must be 1 or -1, one per indicator")
    w_arrays = tuple(
        np.ones(len(c)) if weights is None else np.asarray(weights[i], dtype=np.float64)
        for i, c in enumerate(codes[:-1])
    )
    for level, (w, c) in enumerate(zip(w_arrays, codes[:-1], strict=True), start=1):
        if w.shape != (len(c),) or not np.all(np.isfinite(w)) or np.any(w < 0):
            raise ConfigError(f"level {level}: weights must be finite, non-negative, one per element")
    if aggregate is not None and aggregate.method not in BATCHED:
        raise ConfigError(f"aggregation {aggregate.method!r} cannot be varied sample by sample",
                          hint=f"use one of {', '.join(BATCHED)}")  # fmt: skip
    group_map = {k: tuple(None if v is None else str(v) for v in vals) for k, vals in (groups or {}).items()}
    for name, vals in group_map.items():
        if len(vals) != len(units):
            raise InputError(f"group {name!r} has {len(vals)} values for {len(units)} units")
    return UncertaintyProblem(
        units=tuple(str(u) for u in units),
        data=matrix,
        hierarchy=Hierarchy(codes=codes, parents=tuple(parent_idx)),
        directions=dirs,
        weights=w_arrays,
        normalise=normalise or NormaliseSpec(),
        aggregate=aggregate or AggregateSpec(),
        impute=impute or ImputeSpec(),
        groups=group_map,
        normalised=None if normalised is None else _checked(normalised, matrix.shape),
        data_variants={str(k): _checked(v, matrix.shape) for k, v in (data_variants or {}).items()},
        targets=_targets(targets, len(codes[0])),
    )


def _targets(targets: Sequence[float | None] | None, n: int) -> NDArray[np.float64] | None:
    if targets is None:
        return None
    out = np.array([np.nan if t is None else float(t) for t in targets], dtype=np.float64)
    if out.shape != (n,):
        raise InputError(f"{len(out)} targets for {n} indicators")
    return out


def _checked(normalised: NDArray[np.float64], shape: tuple[int, ...]) -> NDArray[np.float64]:
    out = np.asarray(normalised, dtype=np.float64)
    if out.shape != shape:
        raise InputError(f"normalised data has shape {out.shape}, expected {shape}")
    return out
