"""The one validating entry point: :func:`run_uncertainty`."""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.kernels import descending_ranks, describe
from kotacerdas.engine.seeding import RngLike, as_generator
from kotacerdas.errors import ConfigError

from .backends import ChunkJob, Progress, run_dask, run_numpy
from .factors import Factors
from .kernel import Prepared, nominal_scores, prepare, varying_levels
from .problem import UncertaintyProblem
from .result import ScoreChunk, ScoreSink, UncertaintyResult
from .sensitivity import SensitivityTable, check_base_samples, sobol_design, sobol_indices
from .stats import ChunkSummary, RankAccumulator

CHUNK_BYTES = 256 * 2**20


def default_chunk_size(prepared: Prepared) -> int:
    """Samples per chunk so one chunk's per-sample working arrays stay near 256 MiB."""
    sizes = prepared.problem.hierarchy.sizes()
    varying = varying_levels(prepared)
    widest = max([sizes[level + 1] for level, v in enumerate(varying) if v] or [1])
    per_sample = len(prepared.problem.units) * (widest * 8 * 6 + 64)
    return int(min(max(CHUNK_BYTES // per_sample, 1), 4096))


def run_uncertainty(
    problem: UncertaintyProblem,
    factors: Factors,
    *,
    samples: int,
    rng: RngLike,
    top: int = 10,
    sensitivity: bool = False,
    backend: Literal["numpy", "dask"] = "numpy",
    scheduler: Any = None,
    chunk_size: int | None = None,
    bootstrap: int = 1000,
    progress: Progress | None = None,
    connect_timeout: float = 10.0,
    threads: int | None = None,
    score_sink: ScoreSink | None = None,
) -> UncertaintyResult:
    """Monte Carlo rank uncertainty (and optionally Sobol sensitivity) of the index.

    ``samples`` is the number of random samples, or with ``sensitivity=True`` the base size N of the Sobol
    design (a power of two; N·(factors + 2) evaluations, rank statistics from its 2N independent rows).
    ``backend="dask"`` runs chunks on the cluster at ``scheduler`` (an address or a ``distributed.Client``;
    ``None`` starts a 2-worker LocalCluster; an unreachable address raises ServiceError after
    ``connect_timeout`` seconds); the numpy backend runs chunks on ``threads`` threads (default: one per
    CPU). ``progress(done, total)`` is called after each chunk. Results never depend on chunking, threads
    or backend.

    ``score_sink`` (opt-in) receives the index scores of every successful random sample as
    :class:`ScoreChunk` objects, chunk by chunk in sample order; each chunk's scores are dropped once the
    sink returns, so memory stays bounded. Without it no scores are kept and nothing changes.
    """
    if samples < 1:
        raise ConfigError(
            f"samples must be at least 1, got {samples}", code="too_few_samples", params={"samples": samples}
        )
    if not 1 <= top <= len(problem.units):
        raise ConfigError(
            f"top must be between 1 and the number of units ({len(problem.units)}), got {top}",
            code="top_out_of_range",
            params={"units": len(problem.units), "top": top},
        )
    if backend not in ("numpy", "dask"):
        raise ConfigError(
            f"unknown backend {backend!r}",
            hint="use numpy or dask",
            code="unknown_backend",
            params={"backend": backend},
        )
    if sensitivity:
        check_base_samples(samples)
    generator = as_generator(rng)
    prepared = prepare(problem, factors)
    nominal = nominal_scores(prepared)
    nominal_rank = descending_ranks(nominal[None, :])[0]
    lay = prepared.layout
    design = None
    if sensitivity:
        design = sobol_design(lay.names, lay.groups, samples, generator)
        draws = design.points
        in_stats = design.random_rows()
    else:
        draws = generator.random((samples, len(lay.names)))
        in_stats = np.ones(samples, dtype=bool)
    total = draws.shape[0]
    size = chunk_size or default_chunk_size(prepared)
    keep_ranks = int(in_stats.sum()) < len(problem.units)
    jobs = [
        ChunkJob(
            start,
            draws[start : start + size],
            in_stats[start : start + size],
            nominal_rank,
            top,
            keep_ranks,
            score_sink is not None,
        )
        for start in range(0, total, size)
    ]
    hook = None if score_sink is None else _scores_to(score_sink, in_stats)
    if backend == "dask":
        chunks = run_dask(prepared, jobs, total, progress, scheduler, connect_timeout, hook)
    else:
        chunks = run_numpy(prepared, jobs, total, progress, threads or os.cpu_count() or 1, hook)
    return _assemble(
        prepared,
        chunks,
        nominal,
        nominal_rank,
        top,
        total,
        design,
        generator,
        bootstrap,
        {
            "backend": backend,
            "chunk_size": size,
            "samples": samples,
            "sensitivity": sensitivity,
            "factors": factors.names(),
            "seed": rng if isinstance(rng, int) else None,
        },
    )


def _scores_to(sink: ScoreSink, in_stats: NDArray[np.bool_]) -> Callable[[ChunkSummary], None]:
    """A chunk hook passing the successful random samples' scores to ``sink``, then dropping them."""

    def hook(chunk: ChunkSummary) -> None:
        scores = chunk.scores
        if scores is None:
            return
        rows = np.arange(chunk.start, chunk.start + scores.shape[0], dtype=np.int64)
        ok = in_stats[rows] & np.array([r is None for r in chunk.reasons], dtype=bool)
        sink(ScoreChunk(index=rows[ok], scores=scores[ok]))
        chunk.scores = None

    return hook


def _assemble(
    prepared: Prepared,
    chunks: list[ChunkSummary],
    nominal: NDArray[np.float64],
    nominal_rank: NDArray[np.int32],
    top: int,
    total: int,
    design: Any,
    generator: np.random.Generator,
    bootstrap: int,
    method: dict[str, Any],
) -> UncertaintyResult:
    acc = RankAccumulator(len(prepared.problem.units), keep_ranks=chunks[0].ranks is not None)
    failures: dict[str, list[int]] = {}
    for chunk in chunks:
        acc.add(chunk)
        for offset, reason in enumerate(chunk.reasons):
            if reason is not None:
                failures.setdefault(reason, []).append(chunk.start + offset)
    shift = np.concatenate([c.sample_shift for c in chunks])
    table: SensitivityTable | None = None
    note = None
    if design is not None:
        if failures:
            note = (
                f"Sobol indices not estimated: {sum(map(len, failures.values()))} of {total} design points failed "
                "and the estimator needs every point; remove the invalid combination of options"
            )
        else:
            table = sobol_indices(design, shift, generator, resamples=bootstrap)
    q05, median, q95 = acc.quantiles()
    method.update(
        {
            "target": "mean absolute rank shift of the index (Sobol output, as COINr's get_sensitivity)",
            "normalise_options": [describe(o) for o in prepared.normalise_options],
            "aggregate_options": [o.label() for o in prepared.aggregate_options],
            "impute_options": [o.label() for o in prepared.impute_options],
            "treat_options": [label or "nominal" for label in prepared.data_options],
            "weight_noise": dict(prepared.factors.weight_noise or {}),
            "exclude": list(prepared.factors.exclude),
            "versions": _versions(),
        }
    )
    return UncertaintyResult(
        units=prepared.problem.units,
        nominal_score=nominal,
        nominal_rank=nominal_rank,
        median_rank=median,
        q05=q05,
        q95=q95,
        p_top=acc.p_top(),
        mean_abs_shift=acc.mean_abs_shift(),
        ranked_samples=acc.count,
        top=top,
        samples=total,
        failures={k: np.asarray(v, dtype=np.int64) for k, v in failures.items()},
        sample_shift=shift,
        sensitivity=table,
        sensitivity_note=note,
        method=method,
    )


def _versions() -> dict[str, str]:
    out = {}
    for dist in ("kotacerdas", "numpy", "scipy", "SALib"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "unknown"
    return out
