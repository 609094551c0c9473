"""The per-region feedback report as a PDF (reportlab; uncompressed so its text can be checked).

Written in the active language (the reader's: the request's language), numbers in its format (``3,42``).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kotacerdas.assessment.domain.feedback import Feedback
from kotacerdas.engine.review.rounding import half_up


def _aggregations() -> dict[str, str]:
    return {"weighted_mean": _("rata-rata berbobot"), "total": _("jumlah")}


def _fmt(value: float | None) -> str:
    """A score as published: two decimals, half up (docs/assessment.md, "Rounding")."""
    return "—" if value is None else number_format(half_up(value, 2), 2)


def _text(value: object) -> str:
    """Plain text for reportlab's paragraph markup: ``<``, ``>`` and ``&`` shown, never interpreted."""
    return escape(str(value))


def feedback_pdf(feedback: Feedback) -> bytes:
    """Scores, comments and how to improve, one section per criterion."""
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["Italic"]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=_("Umpan balik %(region)s") % {"region": feedback.region},
        invariant=1,
        pageCompression=0,
    )
    story = [
        Paragraph(
            _("Umpan balik penilaian: %(region)s (%(code)s)")
            % {"region": _text(feedback.region), "code": _text(feedback.code)},
            styles["Title"],
        ),
        Paragraph(
            _("Putaran: %(round)s · rubrik %(rubric)s (%(aggregation)s)")
            % {
                "round": _text(feedback.round),
                "rubric": _text(feedback.rubric),
                "aggregation": _text(_aggregations().get(feedback.aggregation, feedback.aggregation)),
            },
            body,
        ),
        Paragraph(
            _(
                "Nilai mentah %(raw)s · nilai terkalibrasi %(calibrated)s · peringkat %(rank)s dari "
                "%(regions)s · predikat %(predicate)s"
            )
            % {
                "raw": _fmt(feedback.raw),
                "calibrated": _fmt(feedback.calibrated),
                "rank": feedback.rank or "—",
                "regions": feedback.regions,
                "predicate": _text(feedback.predicate or "—"),
            },
            body,
        ),
    ]
    if feedback.awards:
        story.append(
            Paragraph(_("Penghargaan: %(awards)s") % {"awards": _text(", ".join(feedback.awards))}, body)
        )
    story.append(Spacer(1, 8))
    table = [[_("Kriteria"), _("Nilai")]] + [[c.name, _fmt(c.mean)] for c in feedback.criteria]
    grid = Table(table, colWidths=[380, 80])
    grid.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]
        )
    )
    story += [grid, Spacer(1, 12)]
    for c in feedback.criteria:
        story.append(Paragraph(f"<b>{_text(c.name)}</b>: {_fmt(c.mean)}", body))
        story.append(Paragraph(_("Tercapai: %(text)s") % {"text": _text(c.reached)}, small))
        story.append(Paragraph(_("Cara meningkatkan: %(text)s") % {"text": _text(c.next_step)}, small))
        for text in c.comments:
            story.append(Paragraph(_("Komentar asesor: %(text)s") % {"text": _text(text)}, body))
        story.append(Spacer(1, 6))
    doc.build(story)
    return out.getvalue()
