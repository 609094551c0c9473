"""The pandas-free index path reads and writes what the pandas path does (issue 9 §5).

``index build`` reads COINr CSVs into the engine's ``InputTable`` and writes the result from its numpy
blocks, so it never loads pandas. These tests hold that path to pandas' own: the parsed cells equal
pandas' parse (``read_table``), errors are the same, and the written files are byte for byte the files
``write_frame`` writes from the result's frames.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas.engine.indicators import build_index
from kotacerdas.engine.indicators.table import InputTable
from kotacerdas.errors import InputError
from kotacerdas.io.index_output import OUTPUT_FILES, write_index
from kotacerdas.io.index_tables import read_index_table, read_table
from kotacerdas.io.safe_cells import write_frame

CELL = st.one_of(
    st.sampled_from(["", "NA", "1", "-2", "+3.5", ".5", "5.", "1e3", "1E-2", "007", "1_000", "0x10", "inf", "-Inf",
                     "nan", "NaN", "1e400", "-1e400", "abc", "=1+2", "١", "1,5", " ", "True", "1e", "e5", "--1"]),
    st.text(alphabet="0123456789.eE+-_naif", min_size=1, max_size=6),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**20), 10**20).map(str),
)  # fmt: skip


def _outcome(read: object, path: Path) -> object:
    try:
        return read(path)  # type: ignore[operator]
    except InputError as exc:
        return ("error", str(exc))


@settings(max_examples=150, deadline=None)
@given(columns=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=4))
def test_csv_cells_read_as_pandas_reads_them(tmp_path_factory: pytest.TempPathFactory,
                                            columns: list[list[str]]) -> None:  # fmt: skip
    path = tmp_path_factory.mktemp("csv") / "data.csv"
    header = ["uCode", *(f"x{i}" for i in range(len(columns)))]
    rows = [[f"U{r}", *(column[r] for column in columns)] for r in range(3)]
    path.write_text(
        "\n".join(",".join(f'"{c}"' for c in row) for row in [header, *rows]) + "\n", encoding="utf-8"
    )
    ours, theirs = _outcome(read_index_table, path), _outcome(read_table, path)
    if isinstance(theirs, tuple) or isinstance(ours, tuple):
        assert ours == theirs
        return
    assert isinstance(ours, InputTable) and isinstance(theirs, pd.DataFrame)
    assert list(ours.columns) == list(theirs.columns)
    for name, cells in ours.columns.items():
        frame_column = theirs[name]
        if isinstance(cells, np.ndarray):  # numbers: the bits pandas' parse gives
            assert frame_column.dtype != object, name
            np.testing.assert_array_equal(cells, frame_column.to_numpy(dtype=np.float64), strict=True)
        else:  # text, kept for the engine to name a bad cell
            assert frame_column.dtype == object, name
            assert list(cells) == frame_column.tolist()


def _frame_files(result: object, folder: Path) -> dict[str, bytes]:
    """The CSVs as the frame writer writes the result's frames."""
    folder.mkdir()
    tables = {"scores.csv": (result.scores, True), "imputed.csv": (result.imputed, True),  # type: ignore[attr-defined]
              "treated.csv": (result.treated, True), "normalised.csv": (result.normalised, True),  # type: ignore[attr-defined]
              "treated_points.csv": (result.treated_points, False)}  # type: ignore[attr-defined]  # fmt: skip
    for name, (frame, index) in tables.items():
        write_frame(frame, folder / name, index=index, first=("uCode", "Time") if index else ())
    return {name: (folder / name).read_bytes() for name in tables}


@pytest.mark.parametrize("data", ["ASEM_iData.csv", "ASEM_iData_p.csv"])
def test_written_files_are_the_frames_bytes(shared_data: Path, tmp_path: Path, data: str) -> None:
    folder = shared_data / "asem"
    config = {"impute": {"method": "group_mean", "group": "EurAsia_group"}, "screen": {"min_availability": 0.9},
              "treat": {"method": "winsorise", "winmax": 5}}  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = build_index(
            read_index_table(folder / data), read_index_table(folder / "ASEM_iMeta.csv"), config
        )
        from_frames = build_index(read_table(folder / data), read_table(folder / "ASEM_iMeta.csv"), config)
    write_index(result, tmp_path / "out")
    expected = _frame_files(from_frames, tmp_path / "frames")
    for name, content in expected.items():
        assert (tmp_path / "out" / name).read_bytes() == content, name
    assert len(expected) == len(OUTPUT_FILES) - 1  # every CSV (provenance.json is JSON)
    for step in ("imputed", "treated", "normalised", "aggregates"):
        pd.testing.assert_frame_equal(getattr(result, step), getattr(from_frames, step), check_exact=True)


def test_text_is_guarded_and_empty_logs_keep_their_header(tmp_path: Path) -> None:
    data = pd.DataFrame({"uCode": ["=U1", "+U2", "U3"], "a": [0.0, 1.0, np.nan], "b": [0.0, 3.0, 4.0]})
    meta = pd.DataFrame({"iCode": ["a", "b", "P"], "Level": [1, 1, 2], "Parent": ["P", "P", None],
                         "Type": ["Indicator", "Indicator", "Aggregate"]})  # fmt: skip
    result = build_index(data, meta)
    write_index(result, tmp_path / "out")
    expected = _frame_files(result, tmp_path / "frames")
    for name, content in expected.items():
        assert (tmp_path / "out" / name).read_bytes() == content, name
    lines = (tmp_path / "out" / "scores.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("'+U2,") and lines[2].startswith("'=U1,")
    assert (tmp_path / "out" / "treated_points.csv").read_text(encoding="utf-8") == (
        "uCode,iCode,treatment,before,after\n"
    )
