"""``kotacerdas assign --expertise --required``: exact output, mode checks and errors naming the file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kotacerdas.cli import cli, main

SCORES = "p1,a,0.9\np1,b,0.5\np1,c,0.4\np2,a,0.8\np2,b,0.3\np2,c,0.7\n"
EXPERTISE = "a,economy\na,governance\nb,economy\nc,governance\nc,mobility\n"
REQUIRED = "p1,economy\np1,governance\np2,economy\n"


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("scores", SCORES), ("expertise", EXPERTISE), ("required", REQUIRED)):
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(text)
    return paths


def _args(files, out, *extra):
    return [
        "assign",
        "--scores",
        str(files["scores"]),
        "--expertise",
        str(files["expertise"]),
        "--required",
        str(files["required"]),
        "--min-load",
        "0",
        "--max-load",
        "2",
        "--out",
        str(out),
        *extra,
    ]


def test_expertise_mode_writes_the_field_column(files, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, _args(files, out), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # p1 needs two different people: b (economy) + a (governance) = 1.4 beats a + c = 1.3; p2 gets a (0.8)
    assert (
        out / "assignment.csv"
    ).read_text() == "submission,assessor,field\np1,b,economy\np1,a,governance\np2,a,economy\n"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["total_affinity"] == pytest.approx(2.2, abs=1e-12)
    assert summary["worst_submission"] == "p2"
    assert summary["worst_submission_affinity"] == pytest.approx(0.8, abs=1e-12)
    assert summary["loads"] == {"a": 2, "b": 1, "c": 0}
    assert summary["proven_optimal"] is True
    assert summary["objective"] == "total"
    assert summary["pairs"] == 3
    assert summary["parameters"]["mode"] == "expertise"
    assert summary["parameters"]["fields"] == 2
    assert summary["parameters"]["slots"] == 3
    assert result.stdout.startswith(
        "3 pairs, total affinity 2.2, worst submission 0.8, loads 0–2, proven optimal, "
    )


def test_expertise_mode_with_constraints(files, tmp_path):
    cons = tmp_path / "c.csv"
    cons.write_text("p2,a,-1\np1,c,1\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, _args(files, out, "--constraints", str(cons)), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # c is forced onto p1 (governance), so a takes p1's economy; p2 cannot have a and gets b
    assert (
        out / "assignment.csv"
    ).read_text() == "submission,assessor,field\np1,a,economy\np1,c,governance\np2,b,economy\n"


def test_k_mode_output_is_unchanged(files, tmp_path):
    out = tmp_path / "out"
    args = ["assign", "--scores", str(files["scores"]), "--k", "1", "--min-load", "0", "--max-load", "2"]
    result = CliRunner().invoke(cli, [*args, "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (out / "assignment.csv").read_text() == "submission,assessor\np1,a\np2,a\n"


@pytest.mark.parametrize(
    ("extra", "drop", "message"),
    [
        (["--k", "2"], None, "--k cannot be combined with --expertise/--required"),
        ([], "--required", "--expertise and --required go together"),
        (["--objective", "fair"], None, "--objective fair is not available with --expertise/--required"),
    ],
)
def test_mode_options_are_checked(files, tmp_path, capsys, extra, drop, message):
    args = _args(files, tmp_path / "out", *extra)
    if drop:
        at = args.index(drop)
        del args[at : at + 2]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_neither_k_nor_expertise(files, tmp_path, capsys):
    args = ["assign", "--scores", str(files["scores"]), "--min-load", "0", "--max-load", "2"]
    assert main([*args, "--out", str(tmp_path / "out")]) == 2
    assert "give --k, or --expertise with --required" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "expertise",
            "a,economy\nzed,economy\n",
            "row 2, column 'assessor': unknown assessor 'zed' (not in the scores file)",
        ),
        (
            "expertise",
            "a,economy\na,economy\n",
            "row 2, column 'field': the pair (assessor 'a', field 'economy') is listed twice",
        ),
        ("expertise", "a,\n", "row 1, column 'field': empty field id"),
        (
            "required",
            "p1,economy\np9,economy\n",
            "row 2, column 'submission': unknown submission 'p9' (not in the scores file)",
        ),
        (
            "required",
            "p1,economy,x\n",
            "row 1: expected 2 columns (submission,field) without a header, found 3",
        ),
        (
            "required",
            "p1,economy\n",
            ": submission 'p2' of the scores file has no row, so it would require no expertise (1 such)",
        ),
    ],
)
def test_file_errors_name_file_row_and_column(files, tmp_path, capsys, name, text, message):
    files[name].write_text(text)
    assert main(_args(files, tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert f"{files[name]}{message if message.startswith(':') else ', ' + message}" in err
    assert not (tmp_path / "out").exists()


def test_infeasible_names_the_expertise(files, tmp_path, capsys):
    files["required"].write_text(REQUIRED + "p2,law\n")
    assert main(_args(files, tmp_path / "out")) == 2
    assert capsys.readouterr().err == (
        "Error [infeasible]: no assignment satisfies the constraints: expertise 'law' is required by "
        "1 submission but no assessor holds it (raise --max-load, lower --min-load, add assessors holding "
        "the expertise, or remove conflicts)\n"
    )
    assert not (tmp_path / "out").exists()
