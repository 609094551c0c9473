"""``safe_cells.write_frame`` writes the bytes pandas' ``safe_frame(frame).to_csv(index=False)`` writes, for
every column type the index outputs use, so index CSVs keep reading back bit for bit (issue 9 §5)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas.io.safe_cells import safe_frame, write_frame

TEXT = st.one_of(st.none(), st.just(float("nan")), st.text(max_size=6),
                 st.sampled_from(["=1+2", "-0.5", "+x", "@SUM(A1)", "a,b", 'say "hi"', "line\nbreak", "NA"]))  # fmt: skip
FLOATS = st.floats(allow_nan=True, allow_infinity=True, width=64)


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(0, 6))
    columns: dict[str, pd.Series] = {}
    for at, kind in enumerate(draw(st.lists(st.sampled_from(["text", "str", "float", "float32", "int", "Int64", "bool"]),
                                            min_size=1, max_size=5))):  # fmt: skip
        name = draw(st.sampled_from([f"c{at}", f"=c{at}", f"-{at}"]))
        if kind == "text":
            columns[name] = pd.Series(draw(st.lists(TEXT, min_size=rows, max_size=rows)), dtype=object)
        elif kind == "str":  # pandas' own string dtype, the default for text from pandas 3
            values = draw(
                st.lists(
                    st.one_of(st.none(), st.text(max_size=4), st.just("=1")), min_size=rows, max_size=rows
                )
            )
            columns[name] = pd.Series(values, dtype="str")
        elif kind == "float":
            columns[name] = pd.Series(draw(st.lists(FLOATS, min_size=rows, max_size=rows)), dtype=float)
        elif kind == "float32":
            values = draw(st.lists(st.floats(width=32, allow_nan=True), min_size=rows, max_size=rows))
            columns[name] = pd.Series(values, dtype=np.float32)
        elif kind == "int":
            columns[name] = pd.Series(draw(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=rows, max_size=rows)),
                                      dtype=np.int64)  # fmt: skip
        elif kind == "Int64":  # pandas' nullable integers (the index's Rank column)
            values = draw(
                st.lists(st.one_of(st.none(), st.integers(-5, 10**6)), min_size=rows, max_size=rows)
            )
            columns[name] = pd.Series(values, dtype="Int64")
        else:
            columns[name] = pd.Series(draw(st.lists(st.booleans(), min_size=rows, max_size=rows)), dtype=bool)
    frame = pd.DataFrame(columns)
    shape = draw(st.sampled_from(["range", "unnamed", "uCode", "uCode+Time"]))
    codes = [f"u{i}" if i % 3 else f"=u{i}" for i in range(rows)]
    if shape == "unnamed":
        frame.index = pd.Index(codes, dtype="str")
    elif shape == "uCode":
        frame.index = pd.Index(codes, dtype="str", name="uCode")
    elif shape == "uCode+Time":
        frame.index = pd.MultiIndex.from_arrays(
            [codes, [2020 + i for i in range(rows)]], names=["uCode", "Time"]
        )
    return frame


def pandas_bytes(frame: pd.DataFrame, path: Path, index: bool, first: tuple[str, ...]) -> bytes:
    out = frame.reset_index() if index else frame
    front = [n for n in first if n in out.columns]
    safe_frame(out[front + [c for c in out.columns if c not in front]]).to_csv(path, index=False)
    return path.read_bytes()


@settings(max_examples=300, deadline=None)
@given(
    frame=frames(), index=st.booleans(), first=st.sampled_from([(), ("uCode", "Time"), ("c1",), ("Time",)])
)
def test_same_bytes_as_pandas(
    frame: pd.DataFrame, index: bool, first: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("frame")
    write_frame(frame, folder / "ours.csv", index=index, first=first)
    assert (folder / "ours.csv").read_bytes() == pandas_bytes(frame, folder / "pandas.csv", index, first)


def test_formulas_are_neutralised_and_floats_read_back_exactly(tmp_path: Path) -> None:
    values = [0.1 + 0.2, 1e-310, 123456789.123456789, float("nan")]
    write_frame(
        pd.DataFrame({"=name": ["=HYPERLINK(1)", "-0.5", "ok", None], "x": values}), tmp_path / "t.csv"
    )
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == ["'=name,x", "'=HYPERLINK(1),0.30000000000000004"]
    back = [row.rsplit(",", 1)[1] for row in text.splitlines()[1:]]
    assert [float(v) for v in back[:3]] == values[:3] and back[3] == ""


def test_other_dtypes_fall_back_to_pandas(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "when": pd.to_datetime(["2026-01-02", None]),
            "c": pd.Categorical(["=a", "b"]),
            "s": pd.Series(["=x", None], dtype="string"),
        }
    )
    write_frame(frame, tmp_path / "ours.csv", index=True, first=("c",))
    assert (tmp_path / "ours.csv").read_bytes() == pandas_bytes(frame, tmp_path / "pandas.csv", True, ("c",))
