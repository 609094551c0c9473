"""A result's predicate (its verbal band) in the reader's language: the results page, the summary XLSX,
the feedback PDF and the API name the stored (Indonesian) label by the round's rubric; a rubric stored
before its bands had English, and a stored label the rubric no longer has, still show."""

from __future__ import annotations

import dataclasses
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kotacerdas.assessment.domain.feedback import build_feedback
from kotacerdas.assessment.domain.rounds import publish_round
from kotacerdas.assessment.domain.rubrics import store_rubric
from kotacerdas.assessment.models import RegionResult
from kotacerdas.assessment.reports.feedback_pdf import feedback_pdf
from kotacerdas.assessment.reports.summary_xlsx import RESULT_HEADER, summary_xlsx
from kotacerdas.engine.review.rubrics import Predicate
from kotacerdas.errors import StateError
from kotacerdas.io.rubric_files import load_rubric
from tests.assessment.test_reports import pdf_lines
from tests.assessment.test_results import _finish

pytestmark = pytest.mark.django_db

#: the yearly evaluation's bands: Indonesian label (stored) → English
ENGLISH = {
    "rintisan (sementara)": "initiating (provisional)",
    "terencana": "planned",
    "terkelola (sementara)": "managed (provisional)",
    "optimal (sementara)": "optimised (provisional)",
}
#: how the bands read before they had English (an Indonesian page showed "(provisional)")
OLD = {
    "rintisan (sementara)": "rintisan (provisional)",
    "terencana": "terencana",
    "terkelola (sementara)": "terkelola (provisional)",
    "optimal (sementara)": "optimal (provisional)",
}


def _cells(page: str) -> dict[str, str]:
    """The predicate column of the results table, by region code."""
    rows = re.findall(r'<tr data-code="([^"]+)">.*?<td class="predicate">(.*?)</td>', page, flags=re.S)
    return {code: html.unescape(text) for code, text in rows}


def _stored() -> dict[str, str]:
    return {r.submission.participation.region.code: r.predicate for r in RegionResult.objects.all()}


def _published(world, users):  # type: ignore[no-untyped-def]
    _finish(world, users)
    publish_round(actor=users["secretariat"], round_=world.round)
    return reverse("web:assessment-results", kwargs={"pk": world.round.pk})


def test_the_results_page_names_the_predicate_in_the_readers_language(aworld, users, client_for):
    url = _published(aworld, users)
    stored = _stored()
    assert len(stored) == 4 and set(stored.values()) <= set(ENGLISH)  # a result stores the Indonesian
    assert len(set(stored.values())) > 1 and any("sementara" in label for label in stored.values())
    indonesian = client_for("public").get(url).content.decode()
    english = client_for("public").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _cells(indonesian) == stored
    assert _cells(english) == {code: ENGLISH[label] for code, label in stored.items()}
    assert "provisional" not in indonesian and "sementara" not in english


def test_the_summary_xlsx_and_the_feedback_pdf_name_it_in_the_readers_language(aworld, users):
    _finish(aworld, users)
    stored = _stored()
    column = [str(c.label) for c in RESULT_HEADER].index("Predikat")
    for language, expected in (("id", stored), ("en", {c: ENGLISH[p] for c, p in stored.items()})):
        with translation.override(language):
            book = load_workbook(io.BytesIO(summary_xlsx(aworld.round)))
        sheet = book.worksheets[0]
        assert {row[0]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)} == expected
    submission = aworld.submissions["63.71"]
    with translation.override("en"):
        feedback = build_feedback(submission)
    assert feedback.predicate == ENGLISH[stored["63.71"]]
    with translation.override("id"):
        assert build_feedback(submission).predicate == stored["63.71"]


def test_the_api_names_it_in_the_requests_language(aworld, users):
    _published(aworld, users)
    url = f"/api/assessment-rounds/{aworld.round.pk}/results/"
    stored = _stored()
    indonesian = APIClient().get(url).json()
    english = APIClient().get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert {r["region"]: r["predicate"] for r in indonesian} == stored
    assert {r["region"]: r["predicate"] for r in english} == {c: ENGLISH[p] for c, p in stored.items()}


def test_a_round_whose_rubric_was_stored_before_its_bands_had_english(aworld, users, client_for):
    """Its rubric is frozen with the old labels and its results store them: both languages still read."""
    version = aworld.round.rubric
    version.definition = {  # as rubric_as_dict stored it before label_en (the round is still a draft)
        **version.definition,
        "predicates": [{"min": p["min"], "label": OLD[p["label"]]} for p in version.definition["predicates"]],
    }
    version.save()
    url = _published(aworld, users)
    stored = _stored()
    assert set(stored.values()) <= set(OLD.values())
    new = {old: new for new, old in OLD.items()}
    indonesian = _cells(client_for("public").get(url).content.decode())
    english = _cells(client_for("public").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert indonesian == {code: new[label] for code, label in stored.items()}  # the shipped wording
    assert english == {code: ENGLISH[new[label]] for code, label in stored.items()}
    with translation.override("en"):
        pdf = "\n".join(pdf_lines(feedback_pdf(build_feedback(aworld.submissions["63.71"]))))
    assert f"predicate {ENGLISH[new[stored['63.71']]]}" in pdf


def test_a_stored_label_the_rubric_does_not_have_shows_as_stored(aworld, users, client_for):
    url = _published(aworld, users)
    RegionResult.objects.filter(submission=aworld.submissions["63.71"]).update(predicate="madya (lama)")
    for language in ("id", "en"):
        page = client_for("public").get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert _cells(page)["63.71"] == "madya (lama)"
    english = APIClient().get(f"/api/assessment-rounds/{aworld.round.pk}/results/", HTTP_ACCEPT_LANGUAGE="en")
    assert {r["region"]: r["predicate"] for r in english.json()}["63.71"] == "madya (lama)"


def test_a_band_label_is_wording_its_minimum_is_scoring(users):
    """Storing the shipped rubric over an unused one with the old labels rewords it; a moved band edge is
    a new version."""
    rubric = load_rubric("yearly-evaluation@1")
    old = dataclasses.replace(
        rubric, predicates=tuple(Predicate(p.minimum, OLD[p.label]) for p in rubric.predicates)
    )
    version = store_rubric(actor=users["secretariat"], rubric=old)
    reworded = store_rubric(actor=users["secretariat"], rubric=rubric)
    assert reworded.pk == version.pk
    assert reworded.definition["predicates"][0] == {
        "min": 0,
        "label": "rintisan (sementara)",
        "label_en": "initiating (provisional)",
    }
    moved = dataclasses.replace(
        rubric, predicates=(dataclasses.replace(rubric.predicates[0], minimum=1), *rubric.predicates[1:])
    )
    with pytest.raises(StateError) as refused:
        store_rubric(actor=users["secretariat"], rubric=moved)
    assert refused.value.code == "rubric_changed"
