"""The Monte Carlo kernel: decode a block of uniform draws into choices and score all its samples at once.

Samples of a chunk are grouped by their discrete choices (imputation × normalisation × aggregation); each
group is aggregated level by level with batched matrix products, so no Python loop runs over units,
indicators or samples. Per-sample results depend only on the sample's own row of draws, never on the
chunk it falls in.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.kernels import (
    AggregateSpec,
    Columns,
    ImputeSpec,
    LevelTerms,
    NormaliseSpec,
    aggregate_level,
    descending_ranks,
    describe,
    impute,
    level_terms,
    normalise,
)
from kotacerdas.errors import KotaCerdasError, MethodError

from .factors import Factors, VariableLayout, discrete_choice, layout
from .problem import UncertaintyProblem

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Prepared:
    """A problem with its factors resolved and every normalised data variant computed once."""

    problem: UncertaintyProblem
    factors: Factors
    layout: VariableLayout
    impute_options: tuple[ImputeSpec, ...]
    normalise_options: tuple[NormaliseSpec, ...]
    aggregate_options: tuple[AggregateSpec, ...]
    variants: Mapping[tuple[int, int, int], FloatArray | str]
    terms: Mapping[tuple[int, int, int, str], LevelTerms]
    data_options: tuple[str, ...]
    cache: dict[Hashable, tuple[FloatArray | LevelTerms, bool, int]] = field(
        default_factory=dict, compare=False
    )


def prepare(problem: UncertaintyProblem, factors: Factors) -> Prepared:
    """Resolve option lists and normalise the data once per (imputation, normalisation) pair."""
    imputes = factors.impute or (problem.impute,)
    norms = factors.normalise or (problem.normalise,)
    sources = [(label, problem.data_variants[label]) for label in factors.treat] or [("", problem.data)]
    variants: dict[tuple[int, int, int], FloatArray | str] = {}
    for t, (label, raw) in enumerate(sources):
        for i, imp in enumerate(imputes):
            for k, norm in enumerate(norms):
                variants[t, i, k] = _variant(problem, raw, imp, norm, nominal_data=not label)
    aggregates = factors.aggregate or (AggregateSpec(method=problem.aggregate.method),)
    methods = sorted({a.method for a in aggregates})
    terms: dict[tuple[int, int, int, str], LevelTerms] = {
        (*key, str(m)): level_terms(v, m)
        for key, v in variants.items()
        if not isinstance(v, str)
        for m in methods
    }
    return Prepared(
        problem=problem,
        factors=factors,
        layout=layout(factors, problem),
        impute_options=imputes,
        normalise_options=norms,
        aggregate_options=aggregates,
        variants=variants,
        terms=terms,
        data_options=tuple(label for label, _ in sources),
    )


def _variant(
    problem: UncertaintyProblem, raw: FloatArray, imp: ImputeSpec, norm: NormaliseSpec, *, nominal_data: bool
) -> FloatArray | str:
    """Impute and normalise one data variant; a failure becomes its reason (the samples using it fail)."""
    if (
        nominal_data
        and problem.normalised is not None
        and imp == problem.impute
        and norm == problem.normalise
    ):
        return problem.normalised
    try:
        filled = impute(raw, imp, problem.groups)
    except KotaCerdasError as exc:
        return f"impute {imp.label()}: {exc.message}"
    try:
        return normalise(filled, norm, columns(problem))
    except KotaCerdasError as exc:
        return f"normalise {describe(norm)}: {exc.message}"


def columns(problem: UncertaintyProblem) -> Columns:
    """The indicator columns of a problem as the normalisation kernels see them."""
    return Columns(codes=problem.indicators, directions=problem.directions, targets=problem.targets)


def score_tree(
    data: FloatArray | LevelTerms,
    weights: list[FloatArray],
    problem: UncertaintyProblem,
    method: str,
    min_availability: FloatArray | None,
    varying: tuple[bool, ...] | None = None,
    cache: dict[Hashable, tuple[FloatArray | LevelTerms, bool, int]] | None = None,
    key: Hashable = None,
) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Index scores (samples × units) of normalised data under per-sample weights at every level.

    ``varying[l]`` says whether level ``l``'s weights (or the availability threshold) differ between
    samples; the levels below the first varying one are computed once, shared by all samples, and kept
    in ``cache`` under ``key`` for later batches.
    """
    n_samples = weights[0].shape[0]
    sizes = problem.hierarchy.sizes()
    parents = problem.hierarchy.parents
    hit = cache.get(key) if cache is not None else None
    if hit is None:
        values: FloatArray | LevelTerms = data
        shared_bad, start = False, 0
        while varying is not None and start < len(parents) and not varying[start]:
            first = None if min_availability is None else min_availability[:1]
            out, bad = aggregate_level(
                values, weights[start][:1], parents[start], sizes[start + 1], method, first
            )
            values, shared_bad, start = out[0].T, shared_bad or bool(bad[0]), start + 1
        if cache is not None:
            cache[key] = (values, shared_bad, start)
    else:
        values, shared_bad, start = hit
    invalid = np.full(n_samples, shared_bad)
    for level in range(start, len(parents)):
        values, bad = aggregate_level(
            values, weights[level], parents[level], sizes[level + 1], method, min_availability
        )
        invalid |= bad
    assert not isinstance(values, LevelTerms)
    if values.ndim == 2:
        return np.repeat(values[None, :, 0], n_samples, axis=0), invalid
    return values[:, 0, :], invalid


def varying_levels(prepared: Prepared) -> tuple[bool, ...]:
    """Per level below the index: do its weights (or the availability threshold) vary between samples?"""
    factors = prepared.factors
    noise = factors.weight_noise or {}
    every = factors.min_availability is not None
    n = prepared.problem.hierarchy.n_levels - 1
    return tuple(
        every or (level + 1) in noise or (level == 0 and bool(factors.exclude)) for level in range(n)
    )


def nominal_scores(prepared: Prepared) -> FloatArray:
    """The index under the nominal choices (raises MethodError if they are invalid for these data)."""
    problem = prepared.problem
    if problem.normalised is not None:
        data = problem.normalised
    else:
        filled = impute(problem.data, problem.impute, problem.groups)
        data = normalise(filled, problem.normalise, columns(problem))
    weights = [w[None, :] for w in problem.weights]
    threshold = problem.aggregate.min_availability
    scores, invalid = score_tree(
        data, weights, problem, problem.aggregate.method, None if threshold is None else np.array([threshold])
    )
    if invalid[0]:
        raise MethodError(
            f"nominal {problem.aggregate.method} mean meets zero or negative normalised values",
            hint="normalise to a strictly positive range (e.g. minmax 1–100) or aggregate arithmetically",
            code="nominal_mean_needs_positive",
            params={"method": problem.aggregate.method},
        )
    nominal: FloatArray = scores[0]
    return nominal


def sample_weights(prepared: Prepared, draws: FloatArray) -> list[FloatArray]:
    """Per-sample weights at every level: nominal × noise, with the excluded indicator's weight zeroed."""
    problem, factors, lay = prepared.problem, prepared.factors, prepared.layout
    n = draws.shape[0]
    out = [np.repeat(w[None, :], n, axis=0) for w in problem.weights]
    for level, noise in (factors.weight_noise or {}).items():
        out[level - 1] = out[level - 1] * (1.0 + noise * (2.0 * draws[:, lay.weight_columns[level]] - 1.0))
    if factors.exclude:
        choice = discrete_choice(draws[:, lay.columns["exclude"]], len(factors.exclude) + 1)
        position = {code: j for j, code in enumerate(problem.indicators)}
        targets = np.array([-1] + [position[c] for c in factors.exclude], dtype=np.intp)[choice]
        rows = np.flatnonzero(targets >= 0)
        out[0][rows, targets[rows]] = 0.0
    return out


def evaluate(prepared: Prepared, draws: FloatArray) -> tuple[FloatArray, list[str | None]]:
    """Scores (samples × units) for a block of draws, and a failure reason (or None) per sample."""
    lay, factors = prepared.layout, prepared.factors
    n, n_units = draws.shape[0], len(prepared.problem.units)

    def choice(name: str, k: int) -> NDArray[np.intp]:
        if name not in lay.columns:
            return np.zeros(n, dtype=np.intp)
        return discrete_choice(draws[:, lay.columns[name]], k)

    keys = np.stack(
        [
            choice("treat", len(prepared.data_options)),
            choice("impute", len(prepared.impute_options)),
            choice("normalise", len(prepared.normalise_options)),
            choice("aggregate", len(prepared.aggregate_options)),
        ],
        axis=1,
    )
    if factors.min_availability is not None:
        low, high = factors.min_availability
        threshold: FloatArray | None = low + draws[:, lay.columns["min_availability"]] * (high - low)
    elif prepared.problem.aggregate.min_availability is not None:
        threshold = np.full(n, prepared.problem.aggregate.min_availability)
    else:
        threshold = None
    weights = sample_weights(prepared, draws)
    scores = np.full((n, n_units), np.nan)
    reasons: list[str | None] = [None] * n
    combos, inverse = np.unique(keys, axis=0, return_inverse=True)
    for g, (t, i, k, a) in enumerate(combos):
        rows = np.flatnonzero(inverse.reshape(-1) == g)
        variant = prepared.variants[int(t), int(i), int(k)]
        method = prepared.aggregate_options[int(a)].method
        if isinstance(variant, str):
            _fail(reasons, rows, variant)
            continue
        block, invalid = score_tree(
            prepared.terms[int(t), int(i), int(k), method],
            [w[rows] for w in weights],
            prepared.problem,
            method,
            None if threshold is None else threshold[rows],
            varying_levels(prepared),
            prepared.cache,
            (int(t), int(i), int(k), method),
        )
        scores[rows] = block
        label = describe(prepared.normalise_options[int(k)])
        _fail(reasons, rows[invalid], f"{method} mean of zero or negative values after {label}")
    return scores, reasons


def _fail(reasons: list[str | None], rows: NDArray[np.intp], reason: str) -> None:
    for r in rows.tolist():
        reasons[r] = reason


def ranks_of(scores: FloatArray, reasons: list[str | None]) -> NDArray[np.int32]:
    """Descending ranks per sample; a failed sample's row is all zeros (= no rank)."""
    ranks = descending_ranks(scores)
    failed = np.array([r is not None for r in reasons], dtype=bool)
    ranks[failed] = 0
    return ranks
