"""Where chunks run: in-process with numpy (default) or on a ``dask.distributed`` cluster.

Both backends run the same chunk function on the same slices of the same draws and merge the chunk
summaries in sample order, so a seed gives identical numbers on both.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kotacerdas.errors import ServiceError

from .kernel import Prepared, evaluate, ranks_of
from .stats import ChunkSummary, summarise_chunk

Progress = Callable[[int, int], None]
ChunkHook = Callable[[ChunkSummary], None]


@dataclass(frozen=True)
class ChunkJob:
    """Everything a worker needs besides the prepared problem: its rows of draws and bookkeeping."""

    start: int
    draws: NDArray[np.float64]
    in_stats: NDArray[np.bool_]
    nominal: NDArray[np.int32]
    top: int
    keep_ranks: bool
    keep_scores: bool = False


def run_chunk(prepared: Prepared, job: ChunkJob) -> ChunkSummary:
    """Score, rank and summarise one chunk of samples (keeping its scores when ``job.keep_scores``)."""
    scores, reasons = evaluate(prepared, job.draws)
    ranks = ranks_of(scores, reasons)
    summary = summarise_chunk(job.start, ranks, reasons, job.nominal, job.top, job.in_stats, job.keep_ranks)
    if job.keep_scores:
        summary.scores = scores
    return summary


def run_numpy(
    prepared: Prepared,
    jobs: Sequence[ChunkJob],
    total: int,
    progress: Progress | None,
    threads: int = 1,
    on_chunk: ChunkHook | None = None,
) -> list[ChunkSummary]:
    """Run the chunks in this process, on ``threads`` threads (numpy releases the GIL in its kernels).

    ``on_chunk`` sees each summary in sample order as soon as it and all earlier ones are done; at most
    ``2 × threads`` chunks are in flight, so chunks kept with their scores never pile up in memory.
    """
    out = []
    done = 0
    window = 2 * max(threads, 1)
    with ThreadPoolExecutor(max_workers=max(threads, 1)) as pool:
        pending: deque[Future[ChunkSummary]] = deque()
        queue = iter(jobs)
        for job in islice(queue, window):
            pending.append(pool.submit(run_chunk, prepared, job))
        while pending:
            summary = pending.popleft().result()
            for job in islice(queue, 1):
                pending.append(pool.submit(run_chunk, prepared, job))
            if on_chunk is not None:
                on_chunk(summary)
            out.append(summary)
            done += len(summary.reasons)
            if progress is not None:
                progress(done, total)
    return out


@contextmanager
def dask_client(scheduler: Any, timeout: float = 10.0) -> Iterator[Any]:
    """A client for a scheduler address or an existing Client; ``None`` starts a 2-worker LocalCluster."""
    # local import: Dask distributed is slow to import and only needed when a cluster is asked for
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    try:
        client = Client(str(scheduler), timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ServiceError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}",
            hint="start one with `dask scheduler` (and workers), check the address, or drop --scheduler",
            code="scheduler_unreachable",
            params={"scheduler": str(scheduler), "reason": str(exc)},
        ) from exc
    try:
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]


def run_dask(
    prepared: Prepared,
    jobs: Sequence[ChunkJob],
    total: int,
    progress: Progress | None,
    scheduler: Any,
    timeout: float = 10.0,
    on_chunk: ChunkHook | None = None,
) -> list[ChunkSummary]:
    """Run the chunks as tasks on a Dask cluster and return their summaries in sample order.

    ``on_chunk`` sees each summary in sample order, fetched from the cluster one chunk at a time.
    """
    from distributed import as_completed  # local import: slow, only for the Dask backend

    with dask_client(scheduler, timeout) as client:
        shared = client.scatter(prepared, broadcast=True)
        futures = [client.submit(run_chunk, shared, job, pure=False) for job in jobs]
        sizes = {f.key: job.draws.shape[0] for f, job in zip(futures, jobs, strict=True)}
        done = 0
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            done += sizes[future.key]
            if progress is not None:
                progress(done, total)
        if on_chunk is None:
            results: list[ChunkSummary] = client.gather(futures)
            return sorted(results, key=lambda s: s.start)
        results = []
        for future in futures:  # built in sample order
            summary: ChunkSummary = future.result()
            future.release()
            on_chunk(summary)
            results.append(summary)
    return results
