"""The Dask backend gives the numbers of the numpy backend; an unreachable scheduler is a ServiceError."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from distributed import Client, LocalCluster

from kotacerdas.engine.uncertainty import parse_factors, run_uncertainty
from kotacerdas.errors import ServiceError

from .factories import ALL_FACTORS, COINR_EXAMPLE, synthetic_problem
from .test_analysis import assert_same


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as local:  # type: ignore[no-untyped-call]
        yield local


def test_dask_equals_numpy_across_chunk_sizes(cluster: LocalCluster) -> None:
    problem = synthetic_problem()
    factors = parse_factors(ALL_FACTORS, problem)
    local = run_uncertainty(problem, factors, samples=400, rng=21, chunk_size=400)
    on_dask = run_uncertainty(
        problem,
        factors,
        samples=400,
        rng=21,
        chunk_size=37,
        backend="dask",
        scheduler=cluster.scheduler_address,
    )
    assert_same(local, on_dask)
    assert on_dask.method["backend"] == "dask"


def test_dask_sobol_equals_numpy(cluster: LocalCluster) -> None:
    problem = synthetic_problem()
    factors = parse_factors(
        {**COINR_EXAMPLE, "normalise": [{"method": "minmax", "range": [1, 100]}]}, problem
    )
    local = run_uncertainty(problem, factors, samples=64, rng=0, sensitivity=True, bootstrap=100)
    with Client(cluster) as client:  # type: ignore[no-untyped-call]
        remote = run_uncertainty(
            problem,
            factors,
            samples=64,
            rng=0,
            sensitivity=True,
            bootstrap=100,
            backend="dask",
            scheduler=client,
            chunk_size=50,
        )
    assert local.sensitivity_rows() == remote.sensitivity_rows()
    assert_same(local, remote)


def test_unreachable_scheduler_is_a_service_error() -> None:
    problem = synthetic_problem()
    with pytest.raises(ServiceError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9") as err:
        run_uncertainty(
            problem,
            parse_factors(COINR_EXAMPLE, problem),
            samples=10,
            rng=0,
            backend="dask",
            scheduler="tcp://127.0.0.1:9",
            connect_timeout=1.0,
        )
    assert err.value.hint is not None and "dask scheduler" in err.value.hint


def test_dask_worker_processes_equal_numpy() -> None:
    problem = synthetic_problem()
    factors = parse_factors(ALL_FACTORS, problem)
    local = run_uncertainty(problem, factors, samples=120, rng=5)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as procs:  # type: ignore[no-untyped-call]
        remote = run_uncertainty(problem, factors, samples=120, rng=5, backend="dask",
                                 scheduler=procs.scheduler_address, chunk_size=16)  # fmt: skip
    assert_same(local, remote)
