"""The round summary workbook for the secretariat: results, awards, scores, assignment, figures.

Sheet names, headers and labels (review states, assignment sources, award categories) are in the active
language, i.e. the requesting user's; numbers stay numeric cells with a number format.
"""

from __future__ import annotations

import io
import json
from numbers import Real

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext, pgettext_lazy
from openpyxl import Workbook

from kotacerdas.assessment.domain.rubrics import for_reader, predicate_names
from kotacerdas.assessment.domain.scoring import effective_value
from kotacerdas.assessment.enums import AssignmentSource, ReviewState
from kotacerdas.assessment.models import Round
from kotacerdas.io.sheets import DECIMAL, INTEGER, SHARE, Column, fill_sheet

CODE, REGION = Column(_l("Kode")), Column(_l("Daerah"))
RESULT_HEADER = [
    CODE,
    REGION,
    Column(_l("Skor mentah"), DECIMAL),
    Column(_l("Skor terkalibrasi"), DECIMAL),
    Column(pgettext_lazy("kolom", "Peringkat"), INTEGER),
    Column(_l("Kelompok sebanding")),
    Column(_l("Peringkat dalam kelompok"), INTEGER),
    Column(_l("Peringkat median"), DECIMAL),
    Column(_l("Peringkat kuantil 5%"), DECIMAL),
    Column(_l("Peringkat kuantil 95%"), DECIMAL),
    Column(_l("Peluang masuk teratas"), SHARE),
    Column(_l("Predikat")),
    Column(_l("Jumlah penilaian"), INTEGER),
]
AWARD_HEADER = [
    Column(_l("Kategori")),
    Column(_l("Juara"), INTEGER),
    CODE,
    REGION,
    Column(_l("Skor"), DECIMAL),
    Column(_l("Seri belum terputus")),
]
SCORE_HEADER = [
    CODE,
    Column(_l("Asesor")),
    Column(_l("Status penilaian")),
    Column(_l("Kriteria")),
    Column(_l("Nilai"), DECIMAL),
    Column(_l("Diubah")),
    Column(_l("Komentar")),
]
ASSIGNMENT_HEADER = [
    CODE,
    Column(_l("Asesor")),
    Column(_l("Kecocokan"), DECIMAL),
    Column(_l("Sumber")),
    Column(_l("Aktif")),
    Column(_l("Status penilaian")),
]
FIGURE_HEADER = [Column(pgettext_lazy("kolom", "Angka")), Column(pgettext_lazy("kolom", "Nilai"))]


def _is_number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _yes(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def _label(choices: type[ReviewState] | type[AssignmentSource], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def summary_xlsx(round_: Round) -> bytes:
    """Five sheets: results, awards, scores, assignment and figures (names in the active language)."""
    book = Workbook()
    results = book.active
    assert results is not None
    results.title = pgettext("lembar", "Hasil")
    predicates = predicate_names(round_.rubric.rubric())  # a result stores the Indonesian label
    fill_sheet(
        results,
        RESULT_HEADER,
        (
            [reg.code, reg.name, res.raw, res.calibrated, res.rank, res.peer_group, res.peer_rank,
             res.median_rank, res.rank_q05, res.rank_q95, res.p_top,
             predicates.get(res.predicate, res.predicate), res.ratings]
            for s in round_.submissions.filter(result__isnull=False).select_related(
                "result", "participation__region"
            )
            for res, reg in [(s.result, s.participation.region)]
        ),
    )  # fmt: skip
    groups = {g.id: g.name for g in for_reader(round_.rubric.rubric()).groups}
    fill_sheet(
        book.create_sheet(pgettext("lembar", "Penghargaan")),
        AWARD_HEADER,
        (
            [groups.get(a.category, _("Keseluruhan")), a.place, reg.code, reg.name, a.score,
             _yes(a.tie_unresolved)]
            for a in round_.awards.select_related("submission__participation__region")
            for reg in [a.submission.participation.region]
        ),
    )  # fmt: skip
    score_rows, assignment_rows = [], []
    for s in round_.submissions.select_related("participation__region").order_by("pk"):
        for a in s.assignments.select_related("assessor__user").order_by("pk"):
            name, state = a.assessor.user.username, _label(ReviewState, a.state)
            code = s.participation.region.code
            assignment_rows.append(
                [code, name, a.affinity, _label(AssignmentSource, a.source), _yes(a.active), state]
            )
            for score in a.scores.all():
                value = effective_value(score)
                score_rows.append(
                    [code, name, state, score.criterion, value, _yes(value != score.value), score.comment]
                )
    fill_sheet(book.create_sheet(pgettext("lembar", "Skor")), SCORE_HEADER, score_rows)
    fill_sheet(book.create_sheet(pgettext("lembar", "Penugasan")), ASSIGNMENT_HEADER, assignment_rows)
    figures = book.create_sheet(pgettext("lembar", "Angka"))
    # a number stays a numeric cell; a structure (lists, tables) is written as JSON text
    fill_sheet(
        figures,
        FIGURE_HEADER,
        (
            [key, value if _is_number(value) else json.dumps(value, sort_keys=True)]
            for key, value in round_.figures.items()
        ),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
