"""Aggregate children into parents by a registered mean: one weight vector, or a batch of samples.

:func:`aggregate_children` scores one parent from its children's ``(..., units, children)`` matrix with
the mean's exact kernel (the index build). :func:`aggregate_level` scores every parent of a level for
a batch of per-sample weight vectors at once (the Monte Carlo): the children's terms ``f(x)`` are
computed once and each sample's weighted sums are one matrix product. Both skip missing children and
renormalise the weights over the available ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import MethodError

from .means import MEANS

FloatArray = NDArray[np.float64]
AggregationError = Callable[[int, int, str, str], MethodError]


def aggregate_children(
    x: FloatArray, w: FloatArray, method: str, min_availability: float | None, error: AggregationError
) -> FloatArray:
    """One parent's scores from its children's (units × k) matrix; NaN below the availability share.

    ``error(unit, child, method, value)`` builds the MethodError raised when a mean that needs positive
    values meets a zero or negative one (``value`` formatted with ``:g``).
    """
    mean = MEANS[method]
    if mean.positive:
        bad = np.argwhere(x <= 0)
        if bad.size:
            unit, child = int(bad[0, -2]), int(bad[0, -1])
            value = x[tuple(bad[0])]
            raise error(unit, child, method, f"{value:g}")
    with np.errstate(invalid="ignore", divide="ignore"):
        out = mean.exact(x, np.asarray(w, dtype=np.float64))
    share = (~np.isnan(x)).sum(axis=-1) / x.shape[-1]
    thr = -1.0 if min_availability is None else min_availability
    return np.asarray(np.where((share < thr) | (share == 0), np.nan, out), dtype=np.float64)


@dataclass(frozen=True)
class LevelTerms:
    """Children's values transformed for one mean: terms (0 where missing), presence, positivity."""

    terms: FloatArray
    present: FloatArray
    nonpositive: NDArray[np.bool_]
    complete: bool


def level_terms(values: FloatArray, method: str) -> LevelTerms:
    """Precompute what a batched mean needs: ``f(x)`` with 0 where missing; which children are <= 0.

    ``values`` is units × children (shared by all samples) or samples × children × units (units last, so
    per-sample products are long BLAS rows); ``nonpositive`` is per child (per sample).
    """
    mean = MEANS[method]
    if mean.term is None:
        raise MethodError(
            f"{method} has no batched form",
            hint="vary weights with a quasi-arithmetic mean",
            code="no_batched_form",
            params={"method": method},
        )
    unit_axis = 0 if values.ndim == 2 else -1
    missing = np.isnan(values)
    complete = not missing.any()
    if not mean.positive:
        shape = values.shape[1:] if values.ndim == 2 else values.shape[:-1]
        none: NDArray[np.bool_] = np.zeros(shape, dtype=bool)
        if complete:
            return LevelTerms(mean.term(values), np.ones((1,) * values.ndim), none, True)
        return LevelTerms(
            mean.term(np.where(missing, 0.0, values)), (~missing).astype(np.float64), none, False
        )
    present = ~missing
    positive = present & (values > 0)
    nonpositive = np.asarray((present & ~positive).any(axis=unit_axis))
    terms = np.where(positive, mean.term(np.where(positive, values, 1.0)), 0.0)
    return LevelTerms(terms, present.astype(np.float64), nonpositive, complete)


def _weighted_sum(matrix: FloatArray, member: FloatArray) -> FloatArray:
    """Per sample, parents × units sums of weighted children: one BLAS product for a shared matrix."""
    if matrix.ndim == 3:
        stacked: FloatArray = np.matmul(member.transpose(0, 2, 1), matrix)
        return stacked
    n_samples, n_children, n_parents = member.shape
    flat = member.transpose(0, 2, 1).reshape(n_samples * n_parents, n_children)
    product: FloatArray = (flat @ matrix.T).reshape(n_samples, n_parents, matrix.shape[0])
    return product


def aggregate_level(
    values: FloatArray | LevelTerms,
    weights: FloatArray,
    parent: NDArray[np.intp],
    n_parents: int,
    method: str,
    min_availability: FloatArray | None,
) -> tuple[FloatArray, NDArray[np.bool_]]:
    """Aggregate children into parents for a batch of samples.

    ``values`` is units × children (shared by every sample, optionally precomputed by :func:`level_terms`)
    or samples × children × units; ``weights`` is samples × children. Returns samples × parents × units
    and, per sample, whether the method was invalid for the values (a non-positive value entering a
    geometric or harmonic mean with a positive weight).
    """
    mean = MEANS[method]
    parts = values if isinstance(values, LevelTerms) else level_terms(values, method)
    assert mean.combine is not None  # level_terms refused a mean without a batched form
    n_samples, n_children = weights.shape
    member = np.zeros((n_samples, n_children, n_parents))
    member[:, np.arange(n_children), parent] = weights
    used = weights > 0
    invalid: NDArray[np.bool_] = np.zeros(n_samples, dtype=bool)
    if mean.positive:
        invalid = np.asarray((parts.nonpositive & used).any(axis=1), dtype=bool)
    numerator = _weighted_sum(parts.terms, member)
    weight_sums = member.sum(axis=1)
    if parts.complete:
        denominator = np.broadcast_to(weight_sums[:, :, None], numerator.shape)
    else:
        denominator = _weighted_sum(parts.present, member)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = mean.combine(numerator, denominator)
    # a parent with no available (or no weighted) child has 0/0 = NaN: missing terms are exactly 0
    if min_availability is not None and not parts.complete:
        onehot = np.zeros((n_samples, n_children, n_parents))
        onehot[:, np.arange(n_children), parent] = used
        available = _weighted_sum(parts.present, onehot)
        total = onehot.sum(axis=1)[:, :, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            short = available / total < min_availability[:, None, None]
        out[short] = np.nan
    return out, invalid
