"""Role × route for the assessment pages and API (the platform's matrix test checks these are complete).

A published round of the small world; the assessor is ``asesor`` (assigned to Kediri and Jambi), the
region team is Banjarmasin's. ``login`` means a redirect to the login page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.assessment.domain.rounds import publish_round
from kotacerdas.assessment.models import Moderation, Score
from tests.assessment.conftest import assignment_of
from tests.assessment.test_results import _finish

#  route name: (method, kwargs key, public, secretariat, assessor, region_team)
ASSESSMENT_MATRIX: list[tuple[str, str, str | None, str, str, str, str]] = [
    ("web:assessment-rounds", "GET", None, "200", "200", "200", "200"),
    ("web:assessment-inbox", "GET", None, "login", "403", "200", "403"),
    ("web:assessment-my-conflicts", "GET", None, "login", "403", "200", "403"),
    ("web:assessment-my-conflicts", "POST", None, "login", "403", "400", "403"),
    ("web:assessment-score", "GET", "assign_own", "login", "200", "200", "404"),
    ("web:assessment-score", "GET", "assign_other", "login", "200", "404", "404"),
    ("web:assessment-score", "POST", "assign_own", "login", "302", "302", "404"),
    ("web:assessment-round", "GET", "round", "login", "200", "403", "403"),
    ("web:assessment-round-action", "POST", "round", "login", "302", "403", "403"),
    ("web:assessment-round-confirm", "GET", "confirm_close", "login", "200", "403", "403"),
    ("web:assessment-round-confirm", "POST", "confirm_close", "login", "400", "403", "403"),
    ("web:assessment-round-confirm", "GET", "confirm_publish", "login", "200", "403", "403"),
    ("web:assessment-round-confirm", "POST", "confirm_publish", "login", "400", "403", "403"),
    ("web:assessment-summary", "GET", "round", "login", "200", "403", "403"),
    ("web:assessment-override", "GET", "assign_own", "login", "200", "403", "403"),
    ("web:assessment-override", "POST", "assign_own", "login", "400", "403", "403"),
    ("web:assessment-moderate", "POST", "flag", "login", "302", "403", "403"),
    ("web:assessment-round-new", "GET", None, "login", "200", "403", "403"),
    ("web:assessment-round-new", "POST", None, "login", "400", "403", "403"),
    ("web:assessment-assessors", "GET", None, "login", "200", "403", "403"),
    ("web:assessment-assessors", "POST", None, "login", "400", "403", "403"),
    ("web:assessment-declare-conflict", "POST", "round", "login", "400", "403", "403"),
    ("web:assessment-amend", "POST", "score_own", "login", "302", "403", "403"),
    ("web:assessment-survey", "POST", "round", "login", "400", "403", "403"),
    ("web:assessment-results", "GET", "round", "200", "200", "200", "200"),
    ("web:assessment-feedback", "GET", "feedback_own", "login", "200", "403", "200"),
    ("web:assessment-feedback", "GET", "feedback_other", "login", "200", "403", "404"),
    ("api:assessmentround-list", "GET", None, "200", "200", "200", "200"),
    ("api:assessmentround-list", "POST", None, "401", "400", "403", "403"),
    ("api:assessmentround-detail", "GET", "round", "200", "200", "200", "200"),
    ("api:assessmentround-results", "GET", "round", "200", "200", "200", "200"),
    ("api:assessmentround-assign", "POST", "round", "401", "409", "403", "403"),
    ("api:assessmentround-close", "POST", "round", "401", "400", "403", "403"),
    ("api:assessmentround-compute", "POST", "round", "401", "409", "403", "403"),
    ("api:assessmentround-publish", "POST", "round", "401", "400", "403", "403"),
    ("api:assessmentassignment-list", "GET", None, "401", "200", "200", "200"),
    ("api:assessmentassignment-detail", "GET", "assign_own", "401", "200", "200", "404"),
    ("api:assessmentassignment-detail", "GET", "assign_other", "401", "200", "404", "404"),
    ("api:assessmentassignment-draft", "POST", "assign_own", "401", "403", "400", "403"),
    ("api:assessmentassignment-submit", "POST", "assign_own", "401", "403", "409", "403"),
    ("api:assessmentassignment-override", "POST", "assign_own", "401", "400", "403", "403"),
    ("api:assessmentscore-list", "GET", None, "401", "200", "200", "200"),
    ("api:assessmentconflict-list", "GET", None, "401", "200", "200", "403"),
    ("api:assessmentconflict-list", "POST", None, "401", "400", "400", "403"),
    ("api:assessmentscore-detail", "GET", "score_own", "401", "200", "200", "404"),
    ("api:assessmentscore-detail", "GET", "score_other", "401", "200", "404", "404"),
    ("api:assessmentscore-amend", "POST", "score_own", "401", "400", "403", "403"),
]
ROLES = ("public", "secretariat", "assessor", "region_team")


def _kwargs(key: str | None, world) -> dict[str, object]:  # type: ignore[no-untyped-def]
    pk = world.round.pk
    own = assignment_of(world, "35.71", "asesor")
    other = assignment_of(world, "63.71", "asesor-3")
    return {
        None: {},
        "round": {"pk": pk},
        "confirm_close": {"pk": pk, "action": "close"},
        "confirm_publish": {"pk": pk, "action": "publish"},
        "assign_own": {"pk": own.pk},
        "assign_other": {"pk": other.pk},
        "flag": {"pk": Moderation.objects.get().pk},
        "feedback_own": {"pk": pk, "code": "63.71"},
        "feedback_other": {"pk": pk, "code": "32.73"},
        "score_own": {"pk": Score.objects.get(assignment=own, criterion="outcome").pk},
        "score_other": {"pk": Score.objects.get(assignment=other, criterion="outcome").pk},
    }[key]


@pytest.fixture
def published(aworld, users):  # type: ignore[no-untyped-def]
    _finish(aworld, users)
    publish_round(actor=users["secretariat"], round_=aworld.round)
    return aworld


@pytest.mark.django_db
@pytest.mark.parametrize("row", ASSESSMENT_MATRIX, ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in ASSESSMENT_MATRIX])
def test_each_role_gets_what_the_matrix_says(row, published, client_for):
    name, method, key, *expected = row
    url = reverse(name, kwargs=_kwargs(key, published))
    got = []
    for role in ROLES:
        client = client_for(role)
        response = client.get(url) if method == "GET" else client.post(url, {})
        login = response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
        got.append("login" if login else str(response.status_code))
    assert got == expected
