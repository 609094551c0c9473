"""Whole-process start-up and run times of the ``kotacerdas`` command, against ``python -c pass``.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--runs N] [--data DIR]`` (about a minute with the
default 7 runs). Each command runs as its own process, one warm-up then N counted runs; the table prints
each command's median wall time (and its range), its ratio to and difference from the baseline
(``python -c pass``, measured in the same run, interleaved with the commands so that drift in the
machine's speed hits both), the median CPU time (user + system, less disturbed than wall time on a busy
machine) and the target of issue 9 §5, which applies to the median wall time:

- ``kotacerdas --help`` ≤ 0.25 s;
- ``index build`` on COINr's ASEM example ≤ 0.5 s;
- ``assign`` on a generated 100 submissions × 60 assessors problem with k = 3 ≤ 0.35 s;
- ``index uncertainty`` on ASEM, N = 1000 samples, writing the rank-interval plot ≤ 1.0 s.

Every process compiles nothing: the children write and read their bytecode caches in a temporary folder
(``PYTHONPYCACHEPREFIX``, filled by the warm-up, even when ``PYTHONDONTWRITEBYTECODE`` is set where the
benchmark runs), as an installed package's ``.pyc`` files would be; otherwise each run of the ASEM
commands would compile the project's modules again (about 30 ms more), which no installed copy does.

The ASEM files come from ``--data`` (default ``$KOTACERDAS_SHARED_DATA`` or ``../shared/data`` beside
the checkout, as in the tests); without them the ASEM rows say so. The commands use the interpreter
running this script (``python -m kotacerdas.cli``), so point ``PYTHONPATH`` at the sources to measure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
KOTACERDAS = [sys.executable, "-m", "kotacerdas.cli"]
BASELINE = "python -c pass (baseline)"

ASEM_CONFIG = """\
denominate: true
impute: {method: group_mean, group: EurAsia_group}
screen: {min_availability: 0.9}
treat: {method: winsorise, winmax: 5, skew: 2.0, kurtosis: 3.5, fallback: log}
normalise: {method: minmax, range: [0, 100]}
aggregate: {method: arithmetic}
"""
ASEM_FACTORS = """\
weights: {noise: 0.25, levels: [2, 3]}
normalise:
  - {method: minmax, range: [1, 100]}
  - {method: zscore, mean: 10, sd: 2}
aggregate: [{method: arithmetic}, {method: geometric}]
"""


def default_data_dir() -> Path:
    """``$KOTACERDAS_SHARED_DATA`` or ``../shared/data`` beside the checkout (as ``tests/conftest.py``)."""
    return Path(os.environ.get("KOTACERDAS_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def write_affinity(path: Path, submissions: int, assessors: int, seed: int = 0) -> None:
    """A dense random affinity file (submission,assessor,affinity; no header) with 1 % conflicts beside it."""
    rng = np.random.default_rng(seed)
    affinity = np.round(rng.random((submissions, assessors)), 4)
    with path.open("w", encoding="utf-8") as out:
        for i in range(submissions):
            out.writelines(f"s{i},a{j},{affinity[i, j]}\n" for j in range(assessors))
    conflicts = np.argwhere(rng.random((submissions, assessors)) < 0.01)
    with (path.parent / "constraints.csv").open("w", encoding="utf-8") as out:
        out.writelines(f"s{i},a{j},-1\n" for i, j in conflicts)


def commands(work: Path, data: Path) -> dict[str, tuple[list[str] | None, float]]:
    """Label → (argument list or None when its data is missing, target seconds)."""
    scores = work / "affinity.csv"
    write_affinity(scores, 100, 60)
    (work / "config.yaml").write_text(ASEM_CONFIG, encoding="utf-8")
    (work / "factors.yaml").write_text(ASEM_FACTORS, encoding="utf-8")
    asem = data / "asem"
    inputs = ["--data", str(asem / "ASEM_iData.csv"), "--meta", str(asem / "ASEM_iMeta.csv"),
              "--config", str(work / "config.yaml")]  # fmt: skip
    have_asem = (asem / "ASEM_iData.csv").is_file()
    build = [*KOTACERDAS, "index", "build", *inputs, "--out", str(work / "index")]
    assign = [*KOTACERDAS, "assign", "--scores", str(scores), "--constraints", str(work / "constraints.csv"),
              "--k", "3", "--min-load", "2", "--max-load", "8", "--out", str(work / "assign")]  # fmt: skip
    uncertainty = [*KOTACERDAS, "index", "uncertainty", *inputs, "--factors", str(work / "factors.yaml"),
                   "--samples", "1000", "--seed", "0", "--out", str(work / "uncertainty")]  # fmt: skip
    return {
        "kotacerdas --help": ([*KOTACERDAS, "--help"], 0.25),
        "index build (ASEM)": (build if have_asem else None, 0.5),
        "assign 100×60, k=3": (assign, 0.35),
        "index uncertainty (ASEM, N=1000, plot)": (uncertainty if have_asem else None, 1.0),
    }


def child_env(pycache: Path) -> dict[str, str]:
    """The environment of every timed process: no progress bars, bytecode cached in ``pycache``."""
    env = {**os.environ, "TQDM_DISABLE": "1", "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process; a failing command stops the benchmark."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{' '.join(argv)} exited {proc.returncode}:\n{err.read().decode(errors='replace')}")
    return seconds, usage.ru_utime + usage.ru_stime


def main() -> None:
    """Time each command against the baseline and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs per command (after one warm-up)")
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="shared data folder")
    args = parser.parse_args()
    baseline_argv = [sys.executable, "-c", "pass"]
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        table = commands(Path(tmp), args.data)
        env = child_env(Path(tmp) / "pycache")
        runnable = {BASELINE: baseline_argv}
        runnable |= {label: argv for label, (argv, _) in table.items() if argv is not None}
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in runnable}
        for argv in runnable.values():
            run(argv, env)  # warm-up: file caches, .pyc
        for _ in range(args.runs):
            for label, argv in runnable.items():
                times[label].append(run(argv, env))
    base_wall = statistics.median(w for w, _ in times[BASELINE])
    base_cpu = statistics.median(c for _, c in times[BASELINE])
    print(f"kotacerdas CLI, whole processes, median of {args.runs} runs ({sys.executable})")
    print(f"{'command':<40} {'wall s':>7} {'min–max':>12} {'× base':>7} {'− base':>7} {'cpu s':>6} "
          f"{'− base':>7} {'target':>7}  met")  # fmt: skip
    for label in [BASELINE, *table]:
        if label not in times:
            print(f"{label:<40} {'—':>7}  (data not found under {args.data}; pass --data)")
            continue
        walls = [w for w, _ in times[label]]
        wall = statistics.median(walls)
        cpu = statistics.median(c for _, c in times[label])
        target = table[label][1] if label in table else None
        verdict = "" if target is None else f"{target:7.2f}  {'yes' if wall <= target else 'NO'}"
        print(f"{label:<40} {wall:7.3f} {min(walls):5.3f}–{max(walls):5.3f} {wall / base_wall:7.1f} "
              f"{wall - base_wall:7.3f} {cpu:6.3f} {cpu - base_cpu:7.3f} {verdict}")  # fmt: skip


if __name__ == "__main__":
    main()
