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
    for at, kind in enumerate(draw(st.lists(st.sampled_from(["text", "str", "float", "float32", "int", "bool"]),
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
        else:
            columns[name] = pd.Series(draw(st.lists(st.booleans(), min_size=rows, max_size=rows)), dtype=bool)
    return pd.DataFrame(columns)


@settings(max_examples=300, deadline=None)
@given(frame=frames())
def test_same_bytes_as_pandas(frame: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("frame")
    write_frame(frame, folder / "ours.csv")
    safe_frame(frame).to_csv(folder / "pandas.csv", index=False)
    assert (folder / "ours.csv").read_bytes() == (folder / "pandas.csv").read_bytes()


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
    write_frame(frame, tmp_path / "ours.csv")
    safe_frame(frame).to_csv(tmp_path / "pandas.csv", index=False)
    assert (tmp_path / "ours.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()
