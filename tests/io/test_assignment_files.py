"""OpenReview-style assignment CSVs: reading, validation, atomic writing."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kotacerdas.engine.review.assignment import assign
from kotacerdas.errors import InputError
from kotacerdas.io.assignment_files import read_affinity, read_constraints, write_assignment
from kotacerdas.io.ratings import read_ratings


def test_read_affinity_dense_with_zero_default(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("p1,r1,0.5\np1,r2,0.25\np2,r2,1\n")
    table = read_affinity(path)
    assert table.submissions == ("p1", "p2")
    assert table.assessors == ("r1", "r2")
    np.testing.assert_array_equal(table.affinity, [[0.5, 0.25], [0.0, 1.0]])


@pytest.mark.parametrize(
    ("text", "row", "column", "message"),
    [
        ("p1,r1,0.5\np1,r2,abc\n", 2, "affinity", "affinity 'abc' is not a number"),
        ("p1,r1,0.5\np1,r1,0.7\n", 2, "assessor", r"pair \(p1, r1\) is listed twice"),
        ("p1,r1\n", 1, None, "expected 3 columns"),
        ("p1,r1,0.5\n,r2,0.1\n", 2, "submission", "empty submission id"),
    ],
)
def test_read_affinity_errors(tmp_path, text, row, column, message):
    path = tmp_path / "scores.csv"
    path.write_text(text)
    with pytest.raises(InputError, match=message) as err:
        read_affinity(path)
    assert (err.value.location.row, err.value.location.column) == (row, column)


def test_constraints(tmp_path):
    scores = tmp_path / "scores.csv"
    scores.write_text("p1,r1,0.5\np2,r2,0.5\n")
    table = read_affinity(scores)
    cons = tmp_path / "c.csv"
    cons.write_text("p1,r1,-1\np2,r1,1\n")
    conflicts, forced = read_constraints(cons, table)
    assert conflicts.tolist() == [[0, 0]] and forced.tolist() == [[1, 0]]
    cons.write_text("p1,r9,-1\n")
    with pytest.raises(InputError, match="unknown assessor 'r9'") as err:
        read_constraints(cons, table)
    assert err.value.location.row == 1
    cons.write_text("p1,r1,2\n")
    with pytest.raises(InputError, match="neither -1"):
        read_constraints(cons, table)


def test_write_is_complete_and_leaves_other_files_alone(tmp_path):
    scores = tmp_path / "scores.csv"
    scores.write_text("p1,r1,0.9\np1,r2,0.1\np2,r1,0.2\np2,r2,0.8\n")
    table = read_affinity(scores)
    result = assign(table.affinity, k=1, min_load=0, max_load=1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.txt").write_text("old")
    write_assignment(out, result, table)
    assert sorted(p.name for p in out.iterdir()) == ["assignment.csv", "stale.txt", "summary.json"]
    assert (out / "stale.txt").read_text() == "old"
    assert (out / "assignment.csv").read_text() == "submission,assessor\np1,r1\np2,r2\n"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["total_affinity"] == pytest.approx(1.7, abs=1e-12)
    assert summary["worst_submission"] == "p2"
    assert summary["loads"] == {"r1": 1, "r2": 1}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_read_ratings_with_missing(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("unit,A,B\nu1,1,\nu2,2,3\n")
    table = read_ratings(path)
    assert table.raters == ("A", "B") and table.units == ("u1", "u2")
    assert np.isnan(table.ratings[0, 1]) and table.ratings[1, 1] == 3.0
    path.write_text("unit,A,B\nu1,1,x\n")
    with pytest.raises(InputError, match="'x' is not a number") as err:
        read_ratings(path)
    assert (err.value.location.row, err.value.location.column) == (2, "B")
