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


def result_tables(result: IndexResult) -> dict[str, tuple[pd.DataFrame, bool]]:
    """The CSV tables of a result by file name, each with whether its index is written as leading columns
    (``scores.csv``: uCode (and Time), every aggregate, Rank)."""
    return {
        "scores.csv": (result.scores, True),
        "imputed.csv": (result.imputed, True),
        "treated.csv": (result.treated, True),
        "normalised.csv": (result.normalised, True),
        "treated_points.csv": (result.treated_points, False),
    }


def write_index(result: IndexResult, out_dir: str | Path) -> list[Path]:
    """Write all outputs into ``out_dir`` atomically (per file, after all were written); return paths."""
    with staged_output(out_dir) as staging:
        for name, (table, index) in result_tables(result).items():
            # the index (uCode, and Time) first; floats as their shortest round-trip repr
            write_frame(table, staging / name, index=index, first=("uCode", "Time") if index else ())
        (staging / "provenance.json").write_text(
            json.dumps(result.provenance(), indent=1, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
    return [Path(out_dir) / name for name in OUTPUT_FILES]
