"""The per-region feedback report as a PDF (reportlab; uncompressed so its text can be checked)."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kotacerdas.assessment.domain.feedback import Feedback


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def feedback_pdf(feedback: Feedback) -> bytes:
    """Scores, comments and how to improve, one section per criterion."""
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Italic"]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, title=f"Umpan balik {feedback.region}", invariant=1, pageCompression=0
    )
    story = [
        Paragraph(f"Umpan balik penilaian: {feedback.region} ({feedback.code})", styles["Title"]),
        Paragraph(f"Putaran: {feedback.round} · rubrik {feedback.rubric} ({feedback.aggregation})", body),
        Paragraph(
            f"Nilai mentah {_fmt(feedback.raw)} · nilai terkalibrasi {_fmt(feedback.calibrated)} · "
            f"peringkat {feedback.rank or '—'} dari {feedback.regions} · predikat {feedback.predicate or '—'}",
            body,
        ),
    ]
    if feedback.awards:
        story.append(Paragraph("Penghargaan: " + ", ".join(feedback.awards), body))
    story.append(Spacer(1, 8))
    table = [["Kriteria", "Nilai"]] + [[c.name, f"{c.mean:.2f}"] for c in feedback.criteria]
    grid = Table(table, colWidths=[380, 80])
    grid.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
        )
    )
    story += [grid, Spacer(1, 12)]
    for c in feedback.criteria:
        story.append(Paragraph(f"<b>{c.name}</b>: {c.mean:.2f}", body))
        story.append(Paragraph(f"Tercapai: {c.reached}", small))
        story.append(Paragraph(f"Cara meningkatkan: {c.next_step}", small))
        for text in c.comments:
            story.append(Paragraph(f"Komentar asesor: {text}", body))
        story.append(Spacer(1, 6))
    doc.build(story)
    return out.getvalue()
