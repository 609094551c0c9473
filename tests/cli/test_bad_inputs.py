"""A bad-input corpus run through every command that reads a CSV (issue 9 §4).

For each command: a UTF-16 file with a byte-order mark is accepted; a latin-1 file is refused with one
sentence naming the file (exit 2, no traceback); ``inf``, ``-inf``, ``nan`` and ``1e400`` in a numeric
cell are refused with the file, row and column named. The files differ only in the case under test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kotacerdas.cli import main

META = (
    "iCode,Level,Parent,Direction,Weight,Type\na,1,P,1,1,Indicator\nb,1,P,1,1,Indicator\nP,2,,1,1,Aggregate\n"
)


@dataclass(frozen=True)
class Command:
    """One command: its CSV (with ``{NUM}``/``{NAME}`` slots), other files, and where ``{NUM}`` sits."""

    name: str
    text: str
    args: tuple[str, ...]
    row: int
    column: str
    accented: str = "Bantaéng"  # a name with a non-ASCII letter (é is 0xE9 in latin-1)
    plain: str = "Bantaeng"
    others: tuple[tuple[str, str], ...] = ()


COMMANDS = [
    Command(
        "select",
        "code,Index,note\n63.71,{NUM},{NAME}\n63.72,80,x\n32.73,70,x\n",
        ("select", "--scores", "{FILE}", "--config", "{DIR}/SELECTION.yaml", "--out", "{DIR}/out"),
        2,
        "Index",
        others=(("SELECTION.yaml", "score: Index\nphases: [{name: '2027', size: 1}]\n"),),
    ),
    Command(
        "assign",
        "p1,{NAME},{NUM}\np1,r2,0.25\np2,r2,1\np2,r3,0.5\n",
        (
            "assign",
            "--scores",
            "{FILE}",
            "--k",
            "1",
            "--min-load",
            "0",
            "--max-load",
            "2",
            "--out",
            "{DIR}/out",
        ),
        1,
        "affinity",
    ),
    Command(
        "agreement",
        "unit,A,B\n{NAME},{NUM},2\nu2,2,3\nu3,1,1\n",
        ("agreement", "--ratings", "{FILE}", "--level", "interval"),
        2,
        "A",
    ),
    Command(
        "rubric score",
        "criterion,score\n{NAME},{NUM}\noutput,3.21\noutcome,3.23\nimpact,3.07\nquick_win,3.65\n",
        ("rubric", "score", "yearly-evaluation@2", "--scores", "{FILE}"),
        2,
        "score",
        accented="baselíne",
        plain="baseline",
    ),
    Command(
        "index build",
        "uCode,uName,a,b\nU1,{NAME},{NUM},2\nU2,x,2,1\nU3,y,3,4\nU4,z,5,3\n",
        ("index", "build", "--data", "{FILE}", "--meta", "{DIR}/meta.csv", "--out", "{DIR}/out"),
        2,
        "a",
        others=(("meta.csv", META),),
    ),
]
IDS = [c.name for c in COMMANDS]


def run(tmp_path: Path, command: Command, content: bytes) -> int:
    for name, text in command.others:
        (tmp_path / name).write_text(text, encoding="utf-8")
    file = tmp_path / "input.csv"
    file.write_bytes(content)
    args = [a.replace("{FILE}", str(file)).replace("{DIR}", str(tmp_path)) for a in command.args]
    return main(args)


def text(command: Command, number: str = "3", name: str | None = None) -> str:
    return command.text.replace("{NUM}", number).replace("{NAME}", command.plain if name is None else name)


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-8"])
def test_utf16_and_utf8_with_or_without_bom_are_accepted(tmp_path, capsys, command, encoding):
    name = command.accented if command.plain != "baseline" else None
    content = text(command, name=name).encode(encoding)
    if encoding == "utf-16-be":
        content = b"\xfe\xff" + content
    assert run(tmp_path, command, content) == 0, capsys.readouterr().err


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_latin1_is_refused_with_a_sentence_naming_the_file(tmp_path, capsys, command):
    assert run(tmp_path, command, text(command, name=command.accented).encode("latin-1")) == 2
    err = capsys.readouterr().err
    where = f"{tmp_path / 'input.csv'}, row {command.row}"
    assert err.startswith(f"Error [undecodable_text]: {where}: the file is not UTF-8/UTF-16 text"), err
    byte = next(c for c in command.accented if ord(c) > 127).encode("latin-1")[0]
    assert f"byte 0x{byte:02X}" in err and "Traceback" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
@pytest.mark.parametrize("number", ["inf", "-inf", "nan", "NaN", "1e400", "-1e400", "Infinity"])
def test_non_finite_numbers_are_refused_with_row_and_column(tmp_path, capsys, command, number):
    assert run(tmp_path, command, text(command, number=number).encode()) == 2
    err = capsys.readouterr().err
    where = f"{tmp_path / 'input.csv'}, row {command.row}, column {command.column!r}"
    assert where in err, err
    assert f"{number!r} is not a finite number" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_a_repeated_unit_is_refused_on_its_second_row(tmp_path, capsys, command):
    lines = text(command).splitlines(keepends=True)
    at = command.row - 1  # the first data line (the one with the number slot)
    assert run(tmp_path, command, "".join([*lines[: at + 1], lines[at], *lines[at + 1 :]]).encode()) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'input.csv'}, row {command.row + 1}, column " in err, err
    assert "Traceback" not in err and err.count("\n") == 1


def test_agreement_refuses_a_repeated_unit(tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text("unit,A,B\nu1,1,2\nu2,2,3\nu1,3,3\n", encoding="utf-8")
    assert main(["agreement", "--ratings", str(path), "--level", "interval"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"Error [unit_repeats]: {path}, row 4, column 'unit': unit 'u1' repeats row 2 "
        "(give each unit one row, with one column per rater)"
    )


def test_agreement_icc_on_constant_raters_reports_undefined_forms_as_null(tmp_path, capsys):
    """Each rater constant: no variance between targets, so ICC(3,1), ICC(1,k), ICC(3,k) are 0/… ."""
    path = tmp_path / "r.csv"
    path.write_text("unit,A,B\nu1,3,4\nu2,3,4\nu3,3,4\n", encoding="utf-8")
    assert main(["agreement", "--ratings", str(path), "--level", "interval", "--icc"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)  # strict JSON: no NaN
    assert "NaN" not in out
    assert data["icc"] == {
        "ICC1": -1.0,
        "ICC2": 0.0,
        "ICC3": None,
        "ICC1k": None,
        "ICC2k": 0.0,
        "ICC3k": None,
    }
    assert (
        data["icc_undefined"]
        == "ICC3, ICC1k, ICC3k undefined: zero denominator (no variance between targets)"
    )


def test_agreement_on_identical_ratings_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text("unit,A,B\nu1,3,3\nu2,3,3\n", encoding="utf-8")
    assert main(["agreement", "--ratings", str(path), "--level", "interval", "--icc"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Error [alpha_no_variation]: all pairable ratings are identical, so expected disagreement is zero"
    )
