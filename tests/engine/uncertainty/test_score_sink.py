"""The opt-in score sink: every successful random sample's index scores, exactly, whatever the chunking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from distributed import LocalCluster

from kotacerdas.engine.uncertainty import ScoreChunk, as_generator, parse_factors, run_uncertainty
from kotacerdas.engine.uncertainty.backends import ChunkJob, run_chunk
from kotacerdas.engine.uncertainty.kernel import evaluate, prepare
from kotacerdas.engine.uncertainty.sensitivity import sobol_design

from .factories import ALL_FACTORS, COINR_EXAMPLE, synthetic_problem
from .test_analysis import assert_same


def collect(**kwargs: Any) -> tuple[np.ndarray, np.ndarray, object]:
    """Run the synthetic problem under ALL_FACTORS with a sink; (sample index, scores, result)."""
    problem = synthetic_problem()
    factors = parse_factors(ALL_FACTORS, problem)
    chunks: list[ScoreChunk] = []
    result = run_uncertainty(
        problem, factors, samples=300, rng=11, top=10, score_sink=chunks.append, **kwargs
    )
    starts = [int(c.index[0]) for c in chunks if len(c.index)]
    assert starts == sorted(starts)
    index = np.concatenate([c.index for c in chunks])
    scores = np.concatenate([c.scores for c in chunks])
    return index, scores, result


def test_sink_gets_the_kernels_scores_of_every_successful_sample_exactly() -> None:
    problem = synthetic_problem()
    factors = parse_factors(ALL_FACTORS, problem)
    prepared = prepare(problem, factors)
    draws = as_generator(11).random((300, len(prepared.layout.names)))
    expected, reasons = evaluate(prepared, draws)
    ok = np.array([r is None for r in reasons])
    index, scores, result = collect(chunk_size=7)
    # Seed 11: 46 of the 300 samples fail (geometric means of z-scores); the other 254 reach the sink.
    assert result.failed == 46  # type: ignore[attr-defined]
    assert len(index) == 254
    assert index.tolist() == np.flatnonzero(ok).tolist()
    assert index[:10].tolist() == [1, 2, 3, 4, 6, 8, 9, 10, 11, 12]
    np.testing.assert_array_equal(scores, expected[ok])
    # z-scores use R's extended-precision mean and sd, the index build's own kernel (one ulp from a plain sum)
    assert scores[0, :3].tolist() == [10.588718584116975, 9.5353789273514, 9.597120967317009]


def test_sink_output_does_not_depend_on_chunk_size_or_threads() -> None:
    runs = [collect(chunk_size=c, threads=t) for c, t in ((1, 1), (7, 4), (300, 2), (None, None))]
    for index, scores, _ in runs[1:]:
        assert index.tolist() == runs[0][0].tolist()
        np.testing.assert_array_equal(scores, runs[0][1])


def test_sink_leaves_the_results_unchanged_and_keeps_no_scores_by_default() -> None:
    problem = synthetic_problem()
    factors = parse_factors(ALL_FACTORS, problem)
    plain = run_uncertainty(problem, factors, samples=300, rng=11, top=10, chunk_size=7)
    _, _, with_sink = collect(chunk_size=7)
    assert_same(plain, with_sink)
    prepared = prepare(problem, factors)
    draws = as_generator(11).random((5, len(prepared.layout.names)))
    nominal = np.arange(1, 61, dtype=np.int32)
    job = ChunkJob(0, draws, np.ones(5, dtype=bool), nominal, 10, True)
    assert run_chunk(prepared, job).scores is None
    kept = run_chunk(prepared, ChunkJob(0, draws, np.ones(5, dtype=bool), nominal, 10, True, True)).scores
    assert kept is not None and kept.shape == (5, 60)


def test_with_sobol_only_the_designs_random_rows_reach_the_sink() -> None:
    problem = synthetic_problem()
    factors = parse_factors(COINR_EXAMPLE, problem)
    chunks: list[ScoreChunk] = []
    result = run_uncertainty(
        problem, factors, samples=16, rng=5, sensitivity=True, chunk_size=9, score_sink=chunks.append
    )
    index = np.concatenate([c.index for c in chunks])
    # 16 × (3 factors + 2) = 80 design points; 2N = 32 random rows, 8 of them fail, 24 reach the sink.
    assert (result.samples, result.failed, len(index)) == (80, 20, 24)
    assert index.tolist() == [
        0, 4, 5, 14, 15, 19, 24, 25, 29, 30, 35, 39, 45, 49, 50, 54, 55, 59, 60, 64, 65, 69, 74, 75,
    ]  # fmt: skip
    prepared = prepare(problem, factors)
    design = sobol_design(prepared.layout.names, prepared.layout.groups, 16, as_generator(5))
    assert set(index.tolist()) <= set(np.flatnonzero(design.random_rows()).tolist())


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as local:  # type: ignore[no-untyped-call]
        yield local


def test_dask_sink_equals_numpy_sink(cluster: LocalCluster) -> None:
    index, scores, result = collect(chunk_size=300)
    on_dask = collect(chunk_size=37, backend="dask", scheduler=cluster.scheduler_address)
    assert on_dask[0].tolist() == index.tolist()
    np.testing.assert_array_equal(on_dask[1], scores)
    assert_same(result, on_dask[2])
