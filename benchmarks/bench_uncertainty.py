"""Uncertainty benchmark: vectorised Monte Carlo against the naive rebuild-per-sample, in the same run.

Run: ``.venv/bin/python benchmarks/bench_uncertainty.py [--skip-largest]``. Prints one table. Each case
runs in its own subprocess so its peak memory (max RSS) is its own. Uncertain factors in every case are
COINr's sensitivity example (issue 3): weights of levels 2 and 3 × U(0.75, 1.25), normalisation
min-max [1, 100] or z-score (10, 2), arithmetic or geometric mean. Synthetic data are seeded log-normal
indicators with 2 % gaps, in a 4-level tree (indicators → pillars → 2 sub-indices → index).

1. 514 units × 40 indicators (8 pillars) × 10,000 samples, numpy backend.
2. 83,000 units × 50 indicators (10 pillars) × 1,000 samples, numpy backend, then on a Dask LocalCluster
   with 2 workers (in-process threads, so the RSS covers the workers); and 200 samples with the weights of
   every level perturbed, so that no level is shared between samples (the slowest path).
Baselines (same factors, same draws): the naive per-sample rebuild (``tests/engine/uncertainty/reference.py``,
an independent implementation that imports nothing of the engine; one sample
and one parent at a time, as COINr's ``get_sensitivity`` regenerates the whole coin per sample) and the
indicators engine's ``build_index`` called once per sample; both on a subset of samples, reported per
sample and extrapolated linearly to the full sample count for the ratio.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kotacerdas.engine.indicators import build_index
from kotacerdas.engine.uncertainty import UncertaintyProblem, make_problem, parse_factors, run_uncertainty
from kotacerdas.engine.uncertainty.factors import discrete_choice
from kotacerdas.engine.uncertainty.kernel import prepare, sample_weights
from kotacerdas.errors import KotaCerdasError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' independent reference
from tests.engine.uncertainty.reference import naive_scores

FACTORS: dict[str, Any] = {
    "weights": {"noise": 0.25, "levels": [2, 3]},
    "normalise": [{"method": "minmax", "range": [1, 100]}, {"method": "zscore", "mean": 10, "sd": 2}],
    "aggregate": [{"method": "arithmetic"}, {"method": "geometric"}],
}
SIZES = {"national": (514, 40, 8, 10_000), "village": (83_000, 50, 10, 1_000)}
#: weights perturbed at every level: no level can be shared between samples (the slowest path)
ALL_LEVELS = {**FACTORS, "weights": {"noise": 0.25, "levels": [1, 2, 3]}}
ALL_LEVELS_SAMPLES = 200


def synthetic(n_units: int, n_indicators: int, n_pillars: int, seed: int = 0) -> UncertaintyProblem:
    """Seeded log-normal indicators with 2 % missing, indicators → pillars → 2 sub-indices → index."""
    rng = np.random.default_rng(seed)
    data = rng.lognormal(size=(n_units, n_indicators))
    data[rng.random(data.shape) < 0.02] = np.nan
    indicators = [f"I{j:02d}" for j in range(n_indicators)]
    pillars = [f"P{j:02d}" for j in range(n_pillars)]
    return make_problem(
        units=[f"U{i:05d}" for i in range(n_units)],
        data=data,
        levels=[indicators, pillars, ["S0", "S1"], ["Index"]],
        parents=[
            [pillars[j % n_pillars] for j in range(n_indicators)],
            [f"S{j % 2}" for j in range(n_pillars)],
            ["Index", "Index"],
        ],
        directions=np.where(np.arange(n_indicators) % 5 == 4, -1.0, 1.0),
    )


def rss_mb() -> float:
    """Peak resident set size of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def case_vectorised(size: str, backend: str) -> dict[str, Any]:
    """Time the full Monte Carlo on the numpy or Dask backend (``numpy-all-levels``: every level perturbed)."""
    n, p, k, samples = SIZES[size]
    problem = synthetic(n, p, k)
    factors = parse_factors(FACTORS, problem)
    if backend == "numpy-all-levels":
        backend, samples, factors = "numpy", ALL_LEVELS_SAMPLES, parse_factors(ALL_LEVELS, problem)
    scheduler = None
    cluster = None
    if backend == "dask":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0")
        scheduler = cluster.scheduler_address
    start = time.perf_counter()
    result = run_uncertainty(problem, factors, samples=samples, rng=0, top=25, backend=backend,  # type: ignore[arg-type]
                             scheduler=scheduler)  # fmt: skip
    seconds = time.perf_counter() - start
    if cluster is not None:
        cluster.close()
    return {"seconds": seconds, "samples": samples, "failed": result.failed, "rss_mb": rss_mb(),
            "median_checksum": float(np.nansum(result.median_rank))}  # fmt: skip


def case_naive(size: str, subset: int) -> dict[str, Any]:
    """Per-sample seconds of the naive rebuild on the first ``subset`` draws."""
    n, p, k, _ = SIZES[size]
    problem = synthetic(n, p, k)
    factors = parse_factors(FACTORS, problem)
    draws = np.random.default_rng(0).random((subset, len(prepare(problem, factors).layout.names)))
    start = time.perf_counter()
    _, reasons = naive_scores(problem, factors, draws)
    seconds = time.perf_counter() - start
    return {"per_sample": seconds / subset, "subset": subset, "failed": sum(r is not None for r in reasons),
            "rss_mb": rss_mb()}  # fmt: skip


def case_engine(size: str, subset: int) -> dict[str, Any]:
    """Per-sample seconds of a full ``build_index`` per sample (COINr's regenerate-the-coin method)."""
    n, p, k, _ = SIZES[size]
    problem = synthetic(n, p, k)
    factors = parse_factors(FACTORS, problem)
    prepared = prepare(problem, factors)
    codes = problem.hierarchy.codes
    data = pd.DataFrame(problem.data, columns=list(codes[0]))
    data.insert(0, "uName", list(problem.units))
    data.insert(0, "uCode", list(problem.units))
    rows = []
    for level, level_codes in enumerate(codes, start=1):
        for j, code in enumerate(level_codes):
            parent = codes[level][problem.hierarchy.parents[level - 1][j]] if level < len(codes) else None
            rows.append({"iCode": code, "iName": code, "Level": level, "Parent": parent, "Weight": 1.0,
                         "Direction": int(problem.directions[j]) if level == 1 else 1,
                         "Type": "Indicator" if level == 1 else "Aggregate"})  # fmt: skip
    meta = pd.DataFrame(rows)
    draws = np.random.default_rng(0).random((subset, len(prepared.layout.names)))
    weights = sample_weights(prepared, draws)
    norm_pick = discrete_choice(draws[:, prepared.layout.columns["normalise"]], 2)
    agg_pick = discrete_choice(draws[:, prepared.layout.columns["aggregate"]], 2)
    failed = 0
    start = time.perf_counter()
    for s in range(subset):
        custom = {c: float(weights[lv][s, j]) for lv in (1, 2) for j, c in enumerate(codes[lv])}
        config = {"normalise": FACTORS["normalise"][int(norm_pick[s])], "aggregate": FACTORS["aggregate"][int(agg_pick[s])],
                  "weights": custom}  # fmt: skip
        try:
            build_index(data, meta, config)
        except KotaCerdasError:
            failed += 1
    seconds = time.perf_counter() - start
    return {"per_sample": seconds / subset, "subset": subset, "failed": failed, "rss_mb": rss_mb()}


def run_case(*args: str) -> dict[str, Any]:
    """Run one case in a fresh interpreter and return its JSON result."""
    out = subprocess.run(
        [sys.executable, __file__, "--case", *args], check=True, capture_output=True, text=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Run every case and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-largest", action="store_true", help="skip the 83,000-unit cases")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        kind, size, extra = args.case[0], args.case[1], args.case[2]
        if kind == "vectorised":
            print(json.dumps(case_vectorised(size, extra)))
        elif kind == "naive":
            print(json.dumps(case_naive(size, int(extra))))
        else:
            print(json.dumps(case_engine(size, int(extra))))
        return
    sizes = ["national"] if args.skip_largest else ["national", "village"]
    subsets = {"national": 10, "village": 1}
    header = f"{'case':<46} {'samples':>8} {'seconds':>9} {'peak MB':>8} {'failed':>7} {'× faster':>9}"
    print(header)
    print("-" * len(header))
    for size in sizes:
        n, p, _, samples = SIZES[size]
        label = f"{n:,} × {p} × {samples:,}"
        engine = run_case("engine", size, str(subsets[size]))
        baseline = engine["per_sample"] * samples
        for backend in ("numpy", "dask"):
            res = run_case("vectorised", size, backend)
            print(f"{label + ' vectorised, ' + backend:<46} {samples:>8,} {res['seconds']:>9.2f} {res['rss_mb']:>8.0f} "
                  f"{res['failed']:>7} {baseline / res['seconds']:>9.0f}")  # fmt: skip
        if size == "village":
            res = run_case("vectorised", size, "numpy-all-levels")
            tag = f"{n:,} × {p} × {ALL_LEVELS_SAMPLES}, weights at all levels"
            ratio = engine["per_sample"] * ALL_LEVELS_SAMPLES / res["seconds"]
            print(f"{tag:<46} {ALL_LEVELS_SAMPLES:>8,} {res['seconds']:>9.2f} {res['rss_mb']:>8.0f} "
                  f"{res['failed']:>7} {ratio:>9.0f}")  # fmt: skip
        print(f"{label + ' build_index per sample (est.)':<46} {samples:>8,} {baseline:>9.1f} {engine['rss_mb']:>8.0f} "
              f"{'':>7} {'1':>9}   [{engine['per_sample'] * 1000:.0f} ms/sample over {engine['subset']}]")  # fmt: skip
        if size == "national":
            naive = run_case("naive", size, "20")
            est = naive["per_sample"] * samples
            print(f"{label + ' naive loop per sample (est.)':<46} {samples:>8,} {est:>9.1f} {naive['rss_mb']:>8.0f} "
                  f"{'':>7} {baseline / est:>9.2f}   [{naive['per_sample'] * 1000:.0f} ms/sample over 20]")  # fmt: skip
    print(
        "\nbaseline = the indicators engine's build_index once per sample (COINr's get_sensitivity method),"
    )
    print("timed on a subset and extrapolated; × faster = baseline seconds / vectorised seconds.")


if __name__ == "__main__":
    main()
