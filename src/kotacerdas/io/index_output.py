"""Write a built index: scores, every intermediate data set and the provenance, all or nothing.

Files are written to a temporary folder beside the target and moved into place only when all of
them are complete, so an error never leaves a half-written result.

The tables are written straight from the result's numpy blocks, without pandas (the ``index build``
command starts faster, issue 9 §5). The bytes are those of :func:`kotacerdas.io.safe_cells.write_frame`
for the result's frames (``tests/io/test_index_io.py`` compares them): floats as numpy's shortest
round-trip ``str``, missing values empty, text through the formula guard.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from kotacerdas.engine.indicators import IndexResult
from kotacerdas.engine.indicators.table import Block
from kotacerdas.io.safe_cells import CsvWriter
from kotacerdas.io.staging import staged_output

OUTPUT_FILES = (
    "scores.csv",
    "imputed.csv",
    "treated.csv",
    "normalised.csv",
    "treated_points.csv",
    "provenance.json",
)

#: a table to write: its header and its columns, each a list of cells (text, or numbers as text)
Columns = tuple[list[str], list[list[object]]]


def _floats(values: np.ndarray) -> list[object]:
    """Floats as numpy writes them (shortest round-trip), NaN as an empty cell."""
    text = np.asarray(values, dtype=np.float64).astype(str).astype(object)
    text[np.isnan(values)] = ""
    return list(text.tolist())


def _unit_columns(block: Block) -> Columns:
    """``uCode`` (and ``Time``) then one column per code of ``block``."""
    header = ["uCode"]
    columns: list[list[object]] = [list(block.units.codes)]
    if block.units.times is not None:
        header.append("Time")
        columns.append(list(block.units.times))
    header.extend(block.codes)
    columns.extend(_floats(block.values[:, at]) for at in range(len(block.codes)))
    return header, columns


def result_tables(result: IndexResult) -> dict[str, Columns]:
    """The CSV tables of a result by file name (``scores.csv``: uCode (and Time), every aggregate, Rank)."""
    header, columns = _unit_columns(result.blocks["aggregates"])
    ranks = result.rank_values()
    rank_column: list[object] = ["" if np.isnan(r) else int(r) for r in ranks.tolist()]
    scores: Columns = ([*header, "Rank"], [*columns, rank_column])
    points = result.points.columns()
    point_columns: list[list[object]] = [
        values if name not in ("before", "after") else _floats(np.array(values, dtype=np.float64))
        for name, values in points.items()
    ]
    return {
        "scores.csv": scores,
        "imputed.csv": _unit_columns(result.blocks["imputed"]),
        "treated.csv": _unit_columns(result.blocks["treated"]),
        "normalised.csv": _unit_columns(result.blocks["normalised"]),
        "treated_points.csv": (list(points), point_columns),
    }


def write_index(result: IndexResult, out_dir: str | Path) -> list[Path]:
    """Write all outputs into ``out_dir`` atomically (per file, after all were written); return paths."""
    with staged_output(out_dir) as staging:
        for name, (header, columns) in result_tables(result).items():
            with (staging / name).open("w", newline="", encoding="utf-8") as handle:
                writer = CsvWriter(handle)
                writer.writerow(header)
                writer.writerows(zip(*columns, strict=True))
        (staging / "provenance.json").write_text(
            json.dumps(result.provenance(), indent=1, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
    return [Path(out_dir) / name for name in OUTPUT_FILES]
