"""Uncertainty analysis files: read the factors YAML; write ranks, sensitivity, plot and summary atomically.

Everything is written to a temporary folder beside the target and moved into place only when all files
are complete, so an error never leaves a half-written result.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kotacerdas.engine.uncertainty import RANK_COLUMNS, ScoreChunk, UncertaintyResult
from kotacerdas.errors import ConfigError, Location
from kotacerdas.io.rank_chart import layout, to_svg, write_png
from kotacerdas.io.safe_cells import DictCsvWriter, safe_cell
from kotacerdas.io.staging import staged_output

from .index_tables import read_config

SENSITIVITY_COLUMNS = (
    "factor", "first_order", "total_order", "first_order_low", "first_order_high", "total_order_low",
    "total_order_high",
)  # fmt: skip
OUTPUT_FILES = ("ranks.csv", "sensitivity.csv", "rank_intervals.png", "rank_intervals.svg", "summary.json")
SCORE_SAMPLES = "score_samples.csv"
SAMPLE_PREFIX = "sample_"
ROWS_PER_BLOCK = 256


class ScoreSampleWriter:
    """A score sink for :func:`run_uncertainty` that spills each chunk to disk, then writes the draws CSV.

    Chunks arrive samples × units; the CSV ``kotacerdas select`` reads is units × samples
    (``uCode`` then ``sample_<i>`` per successful sample ``i``). Rows go to a temporary on-disk array as
    they arrive and are transposed ``ROWS_PER_BLOCK`` units at a time, so memory stays bounded by one
    chunk whatever the sample count; the temporary array (units × ``capacity`` × 8 bytes) lives in the
    system's temporary folder. Use as a context manager (the temporary file is removed on exit).
    """

    def __init__(self, units: tuple[str, ...], capacity: int) -> None:
        self.units = units
        self.capacity = capacity
        self._tmp = tempfile.TemporaryDirectory(prefix="kotacerdas-scores-")
        self._array: NDArray[np.float64] = np.lib.format.open_memmap(
            Path(self._tmp.name) / "scores.npy",
            mode="w+",
            dtype=np.float64,
            shape=(max(capacity, 1), len(units)),
        )
        self.index: list[int] = []

    def __enter__(self) -> ScoreSampleWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the on-disk array and remove its temporary folder."""
        del self._array
        self._tmp.cleanup()

    def __call__(self, chunk: ScoreChunk) -> None:
        """Append one chunk's samples (called by the engine in sample order)."""
        n = len(self.index)
        if n + chunk.scores.shape[0] > self.capacity:
            raise ValueError(f"more than the {self.capacity} samples this writer was sized for")
        self._array[n : n + chunk.scores.shape[0]] = chunk.scores
        self.index.extend(int(i) for i in chunk.index)

    @property
    def written(self) -> int:
        """Number of samples received so far."""
        return len(self.index)

    def write_csv(self, path: Path) -> None:
        """``uCode,sample_<i>,…``: one row per unit, each score written so it reads back bit for bit."""
        n = self.written
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["uCode", *(f"{SAMPLE_PREFIX}{i}" for i in self.index)])  # numbers: no formulas
            for lo in range(0, len(self.units), ROWS_PER_BLOCK):
                block = np.array(self._array[:n, lo : lo + ROWS_PER_BLOCK].T)
                for code, row in zip(self.units[lo : lo + ROWS_PER_BLOCK], block.tolist(), strict=True):
                    writer.writerow([safe_cell(code), *map(repr, row)])


def read_factors(path: str | Path) -> dict[str, Any]:
    """The factors mapping from YAML (docs/uncertainty.md); an empty file is an error."""
    loaded = read_config(path)
    if not loaded:
        raise ConfigError(
            "the factors file lists no uncertain factors",
            location=Location(file=str(path)),
            code="no_factors",
        )
    return loaded


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = DictCsvWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if isinstance(v, float) and np.isnan(v) else v) for k, v in row.items()})


def plot_rank_intervals(result: UncertaintyResult, stem: Path, title: str = "Rank uncertainty") -> None:
    """``stem``.svg and ``stem``.png: units in nominal-rank order; bar = 5th–95th percentile rank, dot =
    median, cross = nominal rank, dashed line = top-N cut-off (drawn by :mod:`kotacerdas.io.rank_chart`)."""
    chart = layout(result, title)
    stem.with_suffix(".svg").write_text(to_svg(chart), encoding="utf-8")
    write_png(chart, stem.with_suffix(".png"))


def score_samples_summary(
    result: UncertaintyResult, writer: ScoreSampleWriter, index_column: str | None = None
) -> dict[str, Any]:
    """The ``score_samples`` entry of summary.json: columns written, failures left out, seed, nominal column.

    ``writer.capacity`` is the number of random samples (with Sobol sensitivity, the design's 2N random
    rows), so the failures left out are those among them.
    """
    return {
        "file": SCORE_SAMPLES,
        "columns": writer.written,
        "column_names": f"{SAMPLE_PREFIX}<i>, i = the sample's 0-based position among the {result.samples} samples",
        "failed_left_out": writer.capacity - writer.written,
        "seed": result.method.get("seed"),
        "nominal_score_column": "nominal_score",
        "nominal_score_file": "ranks.csv",
        "index_column": index_column,
    }


def write_uncertainty(
    result: UncertaintyResult,
    out_dir: str | Path,
    *,
    extra: dict[str, Any] | None = None,
    score_samples: ScoreSampleWriter | None = None,
) -> list[Path]:
    """Write ranks.csv, sensitivity.csv, rank_intervals.png/.svg and summary.json into ``out_dir``.

    With ``score_samples`` (the sink given to the run) also score_samples.csv, the draws file
    ``kotacerdas select --samples`` reads.
    """
    with staged_output(out_dir) as staging:
        if score_samples is not None:
            score_samples.write_csv(staging / SCORE_SAMPLES)
        _write_csv(staging / "ranks.csv", RANK_COLUMNS, result.rank_rows())
        _write_csv(staging / "sensitivity.csv", SENSITIVITY_COLUMNS, result.sensitivity_rows())
        plot_rank_intervals(result, staging / "rank_intervals")
        summary = {**result.summary(), **(extra or {})}
        (staging / "summary.json").write_text(
            json.dumps(summary, indent=1, default=str) + "\n", encoding="utf-8"
        )
    names = OUTPUT_FILES + ((SCORE_SAMPLES,) if score_samples is not None else ())
    return [Path(out_dir) / name for name in names]
