"""Benchmark of the composite-indicator engine: build time and peak memory.

Runs ``build_index`` (winsorise + log fallback, min-max, arithmetic aggregation over a 3-level
framework) on 514 × 40 and 83,000 × 50 synthetic data (seeded) and on the ASEM example, and a
baseline measured in the same run: a straightforward pandas column-by-column implementation of the
same normalise + aggregate steps (no treatment, no validation). Figures are also printed as ratios.

    .venv/bin/python benchmarks/bench_index.py
"""

from __future__ import annotations

import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from kotacerdas.engine.indicators import build_index

ASEM = Path(__file__).resolve().parents[2] / "shared" / "data" / "asem"
CONFIG = {"treat": {"method": "winsorise", "winmax": 5}, "normalise": {"method": "minmax", "range": [0, 100]},
          "aggregate": {"method": "arithmetic"}}  # fmt: skip


def synthetic(units: int, indicators: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Seeded correlated data with skewed columns and 1 % missing; 5 indicators per pillar, 2 sub-indices."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=units)
    cols = {}
    for i in range(indicators):
        x = latent + rng.normal(scale=1.0, size=units)
        if i % 4 == 0:
            x = np.exp(x)  # skewed: triggers treatment
        x[rng.random(units) < 0.01] = np.nan
        cols[f"i{i:02d}"] = x
    data = pd.DataFrame({"uCode": [f"u{j:06d}" for j in range(units)], **cols})
    pillars = [f"P{k}" for k in range(indicators // 5)]
    rows = [
        {"iCode": c, "Level": 1, "Parent": pillars[i // 5], "Type": "Indicator"} for i, c in enumerate(cols)
    ]
    rows += [
        {"iCode": p, "Level": 2, "Parent": f"S{k % 2}", "Type": "Aggregate"} for k, p in enumerate(pillars)
    ]
    rows += [{"iCode": f"S{k}", "Level": 3, "Parent": "Idx", "Type": "Aggregate"} for k in range(2)]
    rows.append({"iCode": "Idx", "Level": 4, "Type": "Aggregate"})
    return data, pd.DataFrame(rows)


def baseline(data: pd.DataFrame, meta: pd.DataFrame) -> pd.Series:
    """Plain pandas: min-max each column, then mean children level by level (no treatment)."""
    frame = data.set_index("uCode")
    scores = {}
    for col in frame.columns:
        x = frame[col]
        scores[col] = (x - x.min()) / (x.max() - x.min()) * 100
    for level in sorted(meta["Level"].dropna().unique())[1:]:
        for parent in meta.loc[meta["Level"] == level, "iCode"]:
            kids = meta.loc[meta["Parent"] == parent, "iCode"]
            scores[parent] = pd.concat([scores[k] for k in kids], axis=1).mean(axis=1)
    top: pd.Series = scores[meta.loc[meta["Level"] == meta["Level"].max(), "iCode"].iloc[0]]
    return top


def measure(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float]:
    """Best wall time over ``repeat`` runs (s) and peak traced memory of one run (MiB)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return best, peak / 2**20


def main() -> None:
    """Print the benchmark table."""
    warnings.simplefilter("ignore")
    cases: list[tuple[str, pd.DataFrame, pd.DataFrame, dict[str, object], int]] = [
        ("514 × 40 synthetic", *synthetic(514, 40), CONFIG, 3),
        ("83,000 × 50 synthetic", *synthetic(83_000, 50), CONFIG, 1),
    ]
    if ASEM.is_dir():
        asem_cfg = {"denominate": True, "impute": {"method": "group_mean", "group": "EurAsia_group"},
                    "screen": {"min_availability": 0.9}, **CONFIG}  # fmt: skip
        cases.insert(0, ("ASEM example (COINr)", pd.read_csv(ASEM / "ASEM_iData.csv"),
                         pd.read_csv(ASEM / "ASEM_iMeta.csv"), asem_cfg, 3))  # fmt: skip
    header = f"{'case':<24}{'build s':>10}{'peak MiB':>10}{'baseline s':>12}{'base MiB':>10}{'time ×':>8}{'mem ×':>7}"
    print(header)
    print("-" * len(header))
    for name, data, meta, cfg, repeat in cases:
        base_meta = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
        base_data = data[["uCode", *base_meta.loc[base_meta["Type"] == "Indicator", "iCode"]]]

        def engine(
            data: pd.DataFrame = data, meta: pd.DataFrame = meta, cfg: dict[str, object] = cfg
        ) -> object:
            return build_index(data, meta, cfg)

        def plain(data: pd.DataFrame = base_data, meta: pd.DataFrame = base_meta) -> object:
            return baseline(data, meta)

        t, m = measure(engine, repeat)
        bt, bm = measure(plain, repeat)
        print(f"{name:<24}{t:>10.3f}{m:>10.1f}{bt:>12.3f}{bm:>10.1f}{t / bt:>8.1f}{m / bm:>7.1f}")
    print("\n× = engine / plain-pandas baseline (baseline: min-max + mean only; the engine also validates, "
          "treats outliers,\nlogs every treated point and keeps every intermediate data set).")  # fmt: skip


if __name__ == "__main__":
    main()
