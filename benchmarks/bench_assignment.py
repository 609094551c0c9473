"""Assessor-assignment benchmark against OpenReview's matcher, measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_assignment.py [--skip-largest] [--baseline-python PY]
[--matcher-src DIR] [--timeout S]`` (about 5 minutes; ``--skip-largest`` about 1). Prints one table: for 100 × 60 × 3, 1,000 × 300 × 3 and
10,000 × 3,000 × 3 (submissions × assessors × k), each solver's wall time, peak memory (the solving
process's maximum RSS, instance included), total affinity, worst submission's affinity, and ratios
against ours.

Instances: topic-model affinities (Dirichlet topic mixtures for submissions and assessors, affinity =
normalised inner product blended with 20 % noise, in [0, 1]), 1 % random conflicts, loads between
⌊0.5·avg⌋ and ⌈1.5·avg⌉ where avg = n·k/m. Every solver runs in its own subprocess (so peak memory is
its own) with a timeout; a run that does not finish is reported as such.

Expertise mode (one assessor per required expertise, ``assign_by_expertise``): one more row for
500 submissions × 150 assessors × 3 fields (each assessor holds 1–2 fields, each submission requires
2; loads as above with avg = slots / assessors); OpenReview's matcher has no such mode, so only ours.

Baseline: OpenReview's matcher (github.com/openreview/openreview-matcher), ``MinMaxSolver`` (its default,
min-cost flow on affinities scaled by 100 and truncated to integers) and ``FairFlow`` (its fairness
solver), installed in a throwaway venv outside the project (never a project dependency): pass its
interpreter with ``--baseline-python`` and the folder holding its ``matcher`` package with
``--matcher-src``. Without them only our solver runs and the baseline columns say why.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

SIZES = ((100, 60, 3), (1_000, 300, 3), (10_000, 3_000, 3))
#: submissions × assessors × fields of the expertise-mode instance
EXPERTISE_SIZE = (500, 150, 3)
SEED = 0
#: our solver's time limit (s); fair mode returns its best assignment, flagged unproven, when it is hit
OURS_LIMIT = 60.0


def instance(n: int, m: int, k: int, seed: int) -> dict[str, Any]:
    """The benchmark instance (numpy only, so the baseline's interpreter can build it too)."""
    rng = np.random.default_rng(seed)
    topics = 20
    sub = rng.dirichlet(np.full(topics, 0.3), n)
    rev = rng.dirichlet(np.full(topics, 0.3), m)
    raw = sub @ rev.T
    raw /= raw.max(axis=1, keepdims=True)
    affinity = np.round(0.8 * raw + 0.2 * rng.random((n, m)), 4)
    conflicts = np.argwhere(rng.random((n, m)) < 0.01)
    avg = n * k / m
    return {
        "affinity": affinity,
        "conflicts": conflicts,
        "k": k,
        "min_load": math.floor(0.5 * avg),
        "max_load": math.ceil(1.5 * avg),
    }


def expertise_instance(n: int, m: int, n_fields: int, seed: int) -> dict[str, Any]:
    """Topic-model affinities as above, 1–2 fields per assessor, 2 required fields per submission."""
    inst = instance(n, m, 2, seed)
    rng = np.random.default_rng(seed + 1)
    expertise = np.zeros((m, n_fields), dtype=bool)
    for j in range(m):
        expertise[j, rng.choice(n_fields, size=int(rng.integers(1, 3)), replace=False)] = True
    required = np.zeros((n, n_fields), dtype=bool)
    for i in range(n):
        required[i, rng.choice(n_fields, size=2, replace=False)] = True
    avg = int(required.sum()) / m
    inst.update(
        expertise=expertise,
        required=required,
        min_load=math.floor(0.5 * avg),
        max_load=math.ceil(1.5 * avg),
    )
    return inst


def _worker_expertise(inst: dict[str, Any]) -> dict[str, Any]:
    from kotacerdas.engine.review.expertise import assign_by_expertise

    start = time.perf_counter()
    result = assign_by_expertise(
        inst["affinity"],
        inst["expertise"],
        inst["required"],
        min_load=inst["min_load"],
        max_load=inst["max_load"],
        conflicts=inst["conflicts"],
        time_limit=OURS_LIMIT,
    )
    seconds = time.perf_counter() - start
    slots = sorted(zip(result.submission.tolist(), result.fields.tolist(), strict=True))  # type: ignore[union-attr]
    loads = np.bincount(result.assessor, minlength=inst["affinity"].shape[1])
    conflict = np.zeros(inst["affinity"].shape, dtype=bool)
    conflict[inst["conflicts"][:, 0], inst["conflicts"][:, 1]] = True
    pairs = set(zip(result.submission.tolist(), result.assessor.tolist(), strict=True))
    valid = (
        slots == sorted(map(tuple, np.argwhere(inst["required"]).tolist()))
        and bool(inst["expertise"][result.assessor, result.fields].all())
        and len(pairs) == result.submission.size
        and not conflict[result.submission, result.assessor].any()
        and bool((loads >= inst["min_load"]).all() and (loads <= inst["max_load"]).all())
    )
    return {
        "seconds": seconds,
        "total": result.total_affinity,
        "worst": result.worst_submission_affinity,
        "proven": result.proven_optimal,
        "valid": valid,
        "peak_mb": _peak_mb(),
    }


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _worker_ours(inst: dict[str, Any], objective: str) -> dict[str, Any]:
    from kotacerdas.engine.review.assignment import assign

    start = time.perf_counter()
    result = assign(
        inst["affinity"],
        k=inst["k"],
        min_load=inst["min_load"],
        max_load=inst["max_load"],
        conflicts=inst["conflicts"],
        objective=objective,  # type: ignore[arg-type]
        time_limit=OURS_LIMIT,
    )
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "total": result.total_affinity,
        "worst": result.worst_submission_affinity,
        "proven": result.proven_optimal,
        "pairs": np.stack([result.submission, result.assessor], axis=1),
    }


def _worker_openreview(inst: dict[str, Any], solver: str, matcher_src: str) -> dict[str, Any]:
    import logging
    import types

    # load the solver modules without matcher/__init__.py, which pulls in Gurobi-based solvers
    root = Path(matcher_src) / "matcher"
    for name, path in (("matcher", root), ("matcher.solvers", root / "solvers")):
        module = types.ModuleType(name)
        module.__path__ = [str(path)]
        sys.modules[name] = module
    logging.disable(logging.CRITICAL)
    affinity = inst["affinity"]
    n, m = affinity.shape
    constraint = np.zeros((n, m), dtype=int)
    constraint[inst["conflicts"][:, 0], inst["conflicts"][:, 1]] = -1
    encoder = types.SimpleNamespace(
        aggregate_score_matrix=affinity, cost_matrix=affinity * -100, constraint_matrix=constraint
    )
    minimums = [inst["min_load"]] * m
    maximums = [inst["max_load"]] * m
    demands = [inst["k"]] * n
    start = time.perf_counter()
    if solver == "minmax":
        from matcher.solvers.minmax_solver import MinMaxSolver

        flow = MinMaxSolver(minimums, maximums, demands, encoder).solve()
    else:
        from matcher.solvers.fairflow import FairFlow

        flow = FairFlow(minimums, maximums, demands, encoder).solve()
    seconds = time.perf_counter() - start
    chosen = np.asarray(flow) > 0.5
    per_sub = (affinity * chosen).sum(axis=1)
    return {
        "seconds": seconds,
        "total": float((affinity * chosen).sum()),
        "worst": float(per_sub.min()),
        "proven": False,
        "pairs": np.argwhere(chosen),
    }


def _valid(inst: dict[str, Any], pairs: np.ndarray) -> bool:
    n, m = inst["affinity"].shape
    counts = np.bincount(pairs[:, 0], minlength=n)
    loads = np.bincount(pairs[:, 1], minlength=m)
    conflict = np.zeros((n, m), dtype=bool)
    conflict[inst["conflicts"][:, 0], inst["conflicts"][:, 1]] = True
    return bool(
        (counts == inst["k"]).all()
        and (loads >= inst["min_load"]).all()
        and (loads <= inst["max_load"]).all()
        and not conflict[pairs[:, 0], pairs[:, 1]].any()
    )


def worker(args: argparse.Namespace) -> None:
    """Run one solver on one instance and print a JSON line (the parent process reads it)."""
    n, m, k = args.size
    if args.solver == "expertise":
        print(json.dumps(_worker_expertise(expertise_instance(n, m, k, SEED))))
        return
    inst = instance(n, m, k, SEED)
    if args.solver in ("total", "fair"):
        out = _worker_ours(inst, args.solver)
    else:
        out = _worker_openreview(inst, args.solver, args.matcher_src)
    out["valid"] = _valid(inst, out.pop("pairs"))
    out["peak_mb"] = _peak_mb()
    print(json.dumps(out))


def run_one(
    python: str, solver: str, size: tuple[int, int, int], timeout: float, matcher_src: str
) -> dict[str, Any]:
    """Start a worker subprocess; return its figures or the reason it has none."""
    cmd = [python, __file__, "--worker", solver, "--size", *map(str, size), "--matcher-src", matcher_src]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "src"))
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"failed: {tail[:60]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-largest", action="store_true", help="Leave out 10,000 × 3,000 × 3.")
    parser.add_argument("--baseline-python", default="/tmp/orm-venv/bin/python")
    parser.add_argument("--matcher-src", default="/tmp/ormatcher")
    parser.add_argument(
        "--timeout", type=float, default=45.0, help="Baseline limit on the largest size (s); 120 s below it."
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--size", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        args.solver = args.worker
        worker(args)
        return
    sizes = SIZES[:-1] if args.skip_largest else SIZES
    has_baseline = Path(args.baseline_python).exists() and (Path(args.matcher_src) / "matcher").is_dir()
    header = (
        f"{'instance':>18} {'solver':>16} {'time s':>8} {'peak MB':>8} {'total':>12} {'worst':>8} "
        f"{'gap to opt':>10} {'time ratio':>10}  note"
    )
    print(header)
    print("-" * len(header))
    for size in sizes:
        label = "{:,} × {:,} × {}".format(*size)
        ours = {
            s: run_one(sys.executable, s, size, 3 * OURS_LIMIT, args.matcher_src) for s in ("total", "fair")
        }
        timeout = args.timeout if size == SIZES[-1] else max(args.timeout, 120.0)
        rows: list[tuple[str, dict[str, Any], str]] = [
            ("ours total", ours["total"], "total"),
            ("ours fair", ours["fair"], "fair"),
        ]
        for solver, versus in (("minmax", "total"), ("fairflow", "fair")):
            if has_baseline:
                figures = run_one(args.baseline_python, solver, size, timeout, args.matcher_src)
                rows.append((f"openreview {solver}", figures, versus))
            else:
                rows.append((f"openreview {solver}", {"error": "baseline venv not found"}, versus))
        optimum = ours["total"].get("total")
        for name, fig, versus in rows:
            if "error" in fig:
                print(
                    f"{label:>18} {name:>16} {'—':>8} {'—':>8} {'—':>12} {'—':>8} {'—':>10} {'—':>10}  {fig['error']}"
                )
                continue
            gap = "" if optimum is None else f"{100 * (optimum - fig['total']) / optimum:.3f} %"
            ref = ours[versus]
            ratio = (
                f"{fig['seconds'] / ref['seconds']:.2f}"
                if "seconds" in ref and not name.startswith("ours")
                else ""
            )
            note = ("proven optimal" if fig["proven"] else "") + ("" if fig["valid"] else " INVALID")
            if name == "ours fair" and not fig["proven"]:
                note = f"not proven (time limit {OURS_LIMIT:.0f} s or gap to LP bound)"
            print(
                f"{label:>18} {name:>16} {fig['seconds']:8.2f} {fig['peak_mb']:8.0f} {fig['total']:12.3f} "
                f"{fig['worst']:8.4f} {gap:>10} {ratio:>10}  {note}"
            )
        sys.stdout.flush()
    label = "{:,} × {:,} × {} fields".format(*EXPERTISE_SIZE)
    fig = run_one(sys.executable, "expertise", EXPERTISE_SIZE, 3 * OURS_LIMIT, args.matcher_src)
    if "error" in fig:
        print(f"{label:>18} {'ours expertise':>16} {'—':>8}  {fig['error']}")
    else:
        note = ("proven optimal" if fig["proven"] else "not proven") + ("" if fig["valid"] else " INVALID")
        print(
            f"{label:>18} {'ours expertise':>16} {fig['seconds']:8.2f} {fig['peak_mb']:8.0f} {fig['total']:12.3f} "
            f"{fig['worst']:8.4f} {'':>10} {'':>10}  {note}"
        )


if __name__ == "__main__":
    main()
