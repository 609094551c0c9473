"""Write a built index: scores, every intermediate data set and the provenance, all or nothing.

Files are written to a temporary folder beside the target and moved into place only when all of
them are complete, so an error never leaves a half-written result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kotacerdas.engine.indicators import IndexResult
from kotacerdas.io.safe_cells import write_frame
from kotacerdas.io.staging import staged_output

OUTPUT_FILES = (
    "scores.csv",
    "imputed.csv",
    "treated.csv",
    "normalised.csv",
    "treated_points.csv",
    "provenance.json",
)


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    first = ["uCode", *(["Time"] if "Time" in out.columns else [])]
    return out[first + [c for c in out.columns if c not in first]]


def result_tables(result: IndexResult) -> dict[str, pd.DataFrame]:
    """The CSV tables of a result, by file name (``scores.csv``: uCode, every aggregate, Rank)."""
    return {
        "scores.csv": _table(result.scores),
        "imputed.csv": _table(result.imputed),
        "treated.csv": _table(result.treated),
        "normalised.csv": _table(result.normalised),
        "treated_points.csv": result.treated_points,
    }


def write_index(result: IndexResult, out_dir: str | Path) -> list[Path]:
    """Write all outputs into ``out_dir`` atomically (per file, after all were written); return paths."""
    with staged_output(out_dir) as staging:
        for name, table in result_tables(result).items():
            write_frame(table, staging / name)  # floats as shortest round-trip repr
        (staging / "provenance.json").write_text(
            json.dumps(result.provenance(), indent=1, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
    return [Path(out_dir) / name for name in OUTPUT_FILES]
