"""The per-region feedback report as a PDF (reportlab; uncompressed so its text can be checked)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kotacerdas.assessment.domain.feedback import Feedback
from kotacerdas.engine.review.rounding import half_up


def _fmt(value: float | None) -> str:
    """A score as published: two decimals, half up (docs/assessment.md, "Rounding")."""
    return "—" if value is None else str(half_up(value, 2))


def _text(value: object) -> str:
    """Plain text for reportlab's paragraph markup: ``<``, ``>`` and ``&`` shown, never interpreted."""
    return escape(str(value))


def feedback_pdf(feedback: Feedback) -> bytes:
    """Scores, comments and how to improve, one section per criterion."""
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Italic"]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, title=f"Umpan balik {feedback.region}", invariant=1, pageCompression=0
    )
    story = [
        Paragraph(
            f"Umpan balik penilaian: {_text(feedback.region)} ({_text(feedback.code)})", styles["Title"]
        ),
        Paragraph(
            f"Putaran: {_text(feedback.round)} · rubrik {_text(feedback.rubric)} ({_text(feedback.aggregation)})",
            body,
        ),
        Paragraph(
            f"Nilai mentah {_fmt(feedback.raw)} · nilai terkalibrasi {_fmt(feedback.calibrated)} · "
            f"peringkat {feedback.rank or '—'} dari {feedback.regions} · predikat {_text(feedback.predicate or '—')}",
            body,
        ),
    ]
    if feedback.awards:
        story.append(Paragraph("Penghargaan: " + _text(", ".join(feedback.awards)), body))
    story.append(Spacer(1, 8))
    table = [["Kriteria", "Nilai"]] + [[c.name, _fmt(c.mean)] for c in feedback.criteria]
    grid = Table(table, colWidths=[380, 80])
    grid.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
        )
    )
    story += [grid, Spacer(1, 12)]
    for c in feedback.criteria:
        story.append(Paragraph(f"<b>{_text(c.name)}</b>: {_fmt(c.mean)}", body))
        story.append(Paragraph(f"Tercapai: {_text(c.reached)}", small))
        story.append(Paragraph(f"Cara meningkatkan: {_text(c.next_step)}", small))
        for text in c.comments:
            story.append(Paragraph(f"Komentar asesor: {_text(text)}", body))
        story.append(Spacer(1, 6))
    doc.build(story)
    return out.getvalue()
