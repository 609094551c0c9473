"""Framework validation: every hierarchy defect is one InputError naming the meta row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from kotacerdas.engine.indicators import Framework
from kotacerdas.errors import InputError


def meta(changes=None):
    m = pd.DataFrame({
        "iCode": ["a", "b", "P", "Q", "Idx"], "Level": [1, 1, 2, 2, 3], "Parent": ["P", "Q", "Idx", "Idx", None],
        "Direction": [1, 1, 1, 1, 1], "Weight": [1, 1, 1, 1, 1], "Type": ["Indicator"] * 2 + ["Aggregate"] * 3,
    })  # fmt: skip
    for (row, col), value in (changes or {}).items():
        m.loc[row, col] = value
    return m


def error(m):
    with pytest.raises(InputError) as err:
        Framework.from_meta(m, "meta.csv")
    loc = err.value.location
    return err.value.message, loc.file, loc.row, loc.column


def test_valid_framework_lineage():
    fw = Framework.from_meta(meta())
    assert fw.indicators == ("a", "b")
    assert fw.aggregates == ("P", "Q", "Idx")
    assert fw.top == "Idx"
    assert fw.children("Idx") == ("P", "Q")
    assert fw.lineage().loc["b"].tolist() == ["b", "Q", "Idx"]


def test_cycle_is_reported_with_its_path():
    m = meta({(2, "Parent"): "Q", (3, "Parent"): "P"})
    msg, file, row, col = error(m)
    assert "cycle" in msg and "P → Q → P" in msg
    assert (file, row, col) == ("meta.csv", 4, "Parent")


def test_orphan_parent_unknown():
    msg, file, row, col = error(meta({(1, "Parent"): "Nowhere"}))
    assert "orphan" in msg and (file, row, col) == ("meta.csv", 3, "Parent")


def test_aggregate_without_children_is_an_orphan():
    msg, _, row, col = error(meta({(1, "Parent"): "P"}))
    assert "no children" in msg and (row, col) == (5, "iCode")


def test_missing_parent_below_top_level():
    msg, _, row, col = error(meta({(0, "Parent"): None}))
    assert "orphan" in msg and (row, col) == (2, "Parent")


def test_bad_direction_and_duplicate_code():
    assert error(meta({(0, "Direction"): 2}))[2:] == (2, "Direction")
    msg, _, row, col = error(meta({(1, "iCode"): "a"}))
    assert "duplicate" in msg and (row, col) == (3, "iCode")


def test_parent_one_level_up():
    msg, _, row, _ = error(meta({(0, "Parent"): "Idx"}))
    assert "expected 2" in msg and row == 2
