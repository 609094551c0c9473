"""The round summary workbook for the secretariat: results, awards, scores, assignment, figures."""

from __future__ import annotations

import io
import json

from openpyxl import Workbook

from kotacerdas.assessment.domain.scoring import effective_value
from kotacerdas.assessment.models import Round
from kotacerdas.io.safe_cells import append_row

RESULT_HEADER = [
    "code", "region", "raw", "calibrated", "rank", "peer_group", "peer_rank",
    "median_rank", "rank_q05", "rank_q95", "p_top", "predicate", "ratings",
]  # fmt: skip


def summary_xlsx(round_: Round) -> bytes:
    """Sheets ``results``, ``awards``, ``scores``, ``assignment`` and ``figures``."""
    book = Workbook()
    results = book.active
    assert results is not None
    results.title = "results"
    append_row(results, RESULT_HEADER)
    for s in round_.submissions.filter(result__isnull=False).select_related(
        "result", "participation__region"
    ):
        res, reg = s.result, s.participation.region
        append_row(results,
            [reg.code, reg.name, res.raw, res.calibrated, res.rank, res.peer_group, res.peer_rank,
             res.median_rank, res.rank_q05, res.rank_q95, res.p_top, res.predicate, res.ratings]
        )  # fmt: skip
    sheet = book.create_sheet("awards")
    append_row(sheet, ["category", "place", "code", "region", "score", "tie_unresolved"])
    for award in round_.awards.select_related("submission__participation__region"):
        reg = award.submission.participation.region
        append_row(
            sheet, [award.category, award.place, reg.code, reg.name, award.score, award.tie_unresolved]
        )
    sheet = book.create_sheet("scores")
    append_row(sheet, ["code", "assessor", "state", "criterion", "value", "amended", "comment"])
    assignment = book.create_sheet("assignment")
    append_row(assignment, ["code", "assessor", "affinity", "source", "active", "state"])
    for s in round_.submissions.select_related("participation__region").order_by("pk"):
        for a in s.assignments.select_related("assessor__user").order_by("pk"):
            name = a.assessor.user.username
            append_row(
                assignment, [s.participation.region.code, name, a.affinity, a.source, a.active, a.state]
            )
            for score in a.scores.all():
                value = effective_value(score)
                append_row(sheet,
                    [s.participation.region.code, name, a.state, score.criterion, value,
                     value != score.value, score.comment]
                )  # fmt: skip
    figures = book.create_sheet("figures")
    append_row(figures, ["figure", "value"])
    for key, value in round_.figures.items():
        append_row(figures, [key, json.dumps(value, sort_keys=True)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
