"""selection.csv, decisions.csv and summary.csv are complete or absent, never half-written."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kotacerdas.engine.selection import Phase, Quota, SelectionProblem, select
from kotacerdas.io import selection_output
from kotacerdas.io.selection_inputs import read_scores
from kotacerdas.io.selection_output import format_summary, summary_rows, write_selection


def solved(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("code,s\n63.71,5\n63.72,4\n32.73,3\n32.71,2\n", encoding="utf-8")
    cands = read_scores(path, "s")
    problem = SelectionProblem(cands, (Phase("2027", 2),), quotas=(Quota("province", max=1),))
    return select(problem), cands


def test_files_and_columns(tmp_path):
    result, cands = solved(tmp_path)
    written = write_selection(result, cands, ["2027"], tmp_path / "out")
    assert [p.name for p in written] == ["decisions.csv", "run.json", "selection.csv", "summary.csv"]
    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert {
        k: run[k] for k in ("objective", "objective_value", "cutoff", "method", "kotacerdas", "selected")
    } == {
        "objective": "max_score",
        "objective_value": 8.0,
        "cutoff": 3.0,
        "method": "flow",
        "kotacerdas": "0.1.0",
        "selected": {"63.71": "2027", "32.73": "2027"},
    }
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "selection.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["code", "selected", "phase", "reason"]
    assert [(r["code"], r["selected"], r["phase"]) for r in rows] == [
        ("63.71", "yes", "2027"),
        ("63.72", "no", ""),
        ("32.73", "yes", "2027"),
        ("32.71", "no", ""),
    ]
    summary = list(
        csv.DictReader(io.StringIO((tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")))
    )
    jawa = next(r for r in summary if r["by"] == "island_group" and r["value"] == "Jawa")
    assert jawa == {
        "by": "island_group",
        "value": "Jawa",
        "candidates": "2",
        "eligible": "2",
        "selected": "1",
        "phase 2027": "1",
        "share_of_selected": "0.500",
    }


def test_summary_table_text(tmp_path):
    result, cands = solved(tmp_path)
    text = format_summary(summary_rows(result, cands, ["2027"]))
    assert text.splitlines()[0].split() == [
        "by",
        "value",
        "candidates",
        "eligible",
        "selected",
        "phase",
        "2027",
        "share_of_selected",
    ]
    assert "island_group  Kalimantan" in text


def test_failure_leaves_nothing_behind(tmp_path, monkeypatch):
    result, cands = solved(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(selection_output, "summary_rows", broken)
    with pytest.raises(RuntimeError):
        write_selection(result, cands, ["2027"], tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scores.csv"]


def test_rewrite_replaces_files_in_an_existing_folder(tmp_path):
    result, cands = solved(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "selection.csv").write_text("old", encoding="utf-8")
    write_selection(result, cands, ["2027"], out)
    assert (out / "selection.csv").read_text(encoding="utf-8").startswith("code,selected,phase,reason\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "scores.csv"]
