"""``kotacerdas agreement``, ``assign`` and ``rubric``: outputs, JSON shapes and errors."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from click.testing import CliRunner

from kotacerdas.cli import cli, main

KRIPPENDORFF_CSV = """unit,A,B,C,D
1,1,1,,1
2,2,2,3,2
3,3,3,3,3
4,3,3,3,3
5,2,2,2,2
6,1,2,3,4
7,4,4,4,4
8,1,1,2,1
9,2,2,2,2
10,,5,5,5
11,,,1,1
12,,3,,
"""

SHROUT_FLEISS_CSV = "target,j1,j2,j3,j4\n1,9,2,5,8\n2,6,1,3,2\n3,8,4,6,8\n4,7,1,2,6\n5,10,5,6,9\n6,6,2,4,7\n"


def _invoke(args):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("level", "alpha"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)]
)
def test_agreement_reproduces_krippendorff(tmp_path, level, alpha):
    path = tmp_path / "k.csv"
    path.write_text(KRIPPENDORFF_CSV)
    data = json.loads(_invoke(["agreement", "--ratings", str(path), "--level", level]))
    assert round(data["alpha"], 3) == alpha
    assert "icc" not in data


def test_agreement_icc_reproduces_shrout_fleiss(tmp_path):
    path = tmp_path / "sf.csv"
    path.write_text(SHROUT_FLEISS_CSV)
    data = json.loads(_invoke(["agreement", "--ratings", str(path), "--level", "interval", "--icc"]))
    assert {k: round(v, 2) for k, v in data["icc"].items()} == {
        "ICC1": 0.17,
        "ICC2": 0.29,
        "ICC3": 0.71,
        "ICC1k": 0.44,
        "ICC2k": 0.62,
        "ICC3k": 0.91,
    }


def test_agreement_bad_cell_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("unit,A,B\nu1,1,two\n")
    assert main(["agreement", "--ratings", str(path), "--level", "nominal"]) == 2
    assert f"{path}, row 2, column 'B': rating 'two' is not a number" in capsys.readouterr().err


def _scores(tmp_path, n=12, m=6, seed=0):
    rng = np.random.default_rng(seed)
    a = np.round(rng.random((n, m)), 3)
    path = tmp_path / "scores.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        for i in range(n):
            for j in range(m):
                writer.writerow((f"p{i}", f"r{j}", a[i, j]))
    return path, a


@pytest.mark.parametrize("objective", ["total", "fair"])
def test_assign_writes_assignment_and_summary(tmp_path, objective):
    scores, a = _scores(tmp_path)
    cons = tmp_path / "c.csv"
    cons.write_text("p0,r0,-1\np1,r5,1\n")
    out = tmp_path / "out"
    _invoke(
        [
            "assign",
            "--scores",
            str(scores),
            "--constraints",
            str(cons),
            "--k",
            "2",
            "--min-load",
            "3",
            "--max-load",
            "5",
            "--objective",
            objective,
            "--out",
            str(out),
        ]
    )
    rows = list(csv.DictReader(io.StringIO((out / "assignment.csv").read_text())))
    pairs = {(r["submission"], r["assessor"]) for r in rows}
    assert len(rows) == 24 and ("p0", "r0") not in pairs and ("p1", "r5") in pairs
    summary = json.loads((out / "summary.json").read_text())
    loads = summary["loads"]
    assert all(3 <= v <= 5 for v in loads.values()) and sum(loads.values()) == 24
    total = sum(a[int(s[1:]), int(r[1:])] for s, r in pairs)
    assert summary["total_affinity"] == pytest.approx(total, abs=1e-9)
    assert summary["proven_optimal"] is True
    assert summary["objective"] == objective


def test_assign_infeasible_exits_2_and_writes_nothing(tmp_path, capsys):
    scores, _ = _scores(tmp_path)
    out = tmp_path / "out"
    code = main(
        [
            "assign",
            "--scores",
            str(scores),
            "--k",
            "3",
            "--min-load",
            "0",
            "--max-load",
            "2",
            "--out",
            str(out),
        ]
    )
    assert code == 2
    assert "36 assessments needed but total max load is 12" in capsys.readouterr().err
    assert not out.exists()


def test_rubric_list_show_score(tmp_path):
    listed = json.loads(_invoke(["rubric", "list", "--format", "json"]))
    assert [r["key"] for r in listed][-1] == "yearly-evaluation@2"
    shown = json.loads(_invoke(["rubric", "show", "yearly-evaluation@2", "--format", "json"]))
    assert [c["weight"] for c in shown["criteria"]] == [10, 20, 30, 20, 20]
    assert "Impact" in _invoke(["rubric", "show", "yearly-evaluation"])
    path = tmp_path / "kediri.csv"
    path.write_text(
        "criterion,score\nbaseline,3.60\noutput,3.21\noutcome,3.23\nimpact,3.07\nquick_win,3.65\n"
    )
    scored = json.loads(
        _invoke(["rubric", "score", "yearly-evaluation@2", "--scores", str(path), "--format", "json"])
    )
    assert scored["score"] == pytest.approx(3.315, abs=1e-12)
    assert scored["rounded"] == 3.32  # decimal half up (docs/assessment.md, "Rounding")
    assert (scored["predicate"], scored["predicate_en"]) == ("terencana", "planned")
    assert scored["groups"]["impact"] == 3.07
    text = _invoke(["rubric", "score", "yearly-evaluation@2", "--scores", str(path)])
    assert text.splitlines()[:2] == [
        "yearly-evaluation@2 (weighted_mean): 3.32  [3.315]",
        "predicate: terencana / planned",
    ]
    shown = _invoke(["rubric", "show", "yearly-evaluation@2"])
    assert "≥ 0 rintisan (sementara) / initiating (provisional); ≥ 2.5 terencana / planned;" in shown


def test_rubric_score_error_names_row(tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_text("baseline,3\nimpact,9\n")
    assert main(["rubric", "score", "yearly-evaluation@2", "--scores", str(path)]) == 2
    assert f"{path}, row 2, column 'score': score 9 is outside the scale 0–5" in capsys.readouterr().err


def test_unknown_rubric_exits_2(capsys):
    assert main(["rubric", "show", "nope"]) == 2
    assert "unknown rubric 'nope'" in capsys.readouterr().err
