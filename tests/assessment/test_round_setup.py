"""Round set-up is one domain service (``set_up_round``) that the web form and the API both call: both
refuse a participation that left the programme, with the same words, and neither stores anything then."""

from __future__ import annotations

import html

import pytest
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.assessment.models import Round, RubricVersion
from kotacerdas.programme.domain.participation import transition
from kotacerdas.programme.lifecycle import State
from tests.assessment.test_setup_web import ROUND_FORM

pytestmark = pytest.mark.django_db
REFUSAL = "keikutsertaan: 63.71 Kota Banjarmasin (Mengundurkan diri) sudah keluar dari program dan tidak dapat dinilai"


def _withdraw(aworld):  # type: ignore[no-untyped-def]
    p = aworld.submissions["63.71"].participation
    transition(actor=SYSTEM, participation=p, to=State.WITHDRAWN, reason="test")
    return p


def test_api_refuses_a_withdrawn_participation_as_the_web_does(aworld, users, client_for):
    p = _withdraw(aworld)
    refusal = REFUSAL
    rubrics_before = RubricVersion.objects.count()
    api = APIClient()
    api.force_authenticate(users["secretariat"])
    answer = api.post(
        "/api/assessment-rounds/",
        {
            "name": "Evaluasi penutupan 2025",
            "kind": "closing",
            "rubric": "closing-evaluation@1",
            "participations": [p.pk, aworld.submissions["35.71"].participation_id],
            "deadline": "2025-12-31",
        },
        format="json",
    )
    assert answer.status_code == 400
    assert (answer.json()["code"], answer.json()["message"], answer.json()["column"]) == (
        "left_programme",
        refusal,
        "participations",
    )
    web = client_for("secretariat").post("/penilaian/putaran/baru/", {**ROUND_FORM, "cohort": p.cohort_id})
    assert web.status_code == 400
    assert refusal in html.unescape(web.content.decode())
    assert not Round.objects.filter(name="Evaluasi penutupan 2025").exists()
    assert RubricVersion.objects.count() == rubrics_before  # the rubric is not stored either: all or nothing


def test_the_whole_cohort_leaves_withdrawn_regions_out(aworld, client_for):
    p = _withdraw(aworld)
    form = {**ROUND_FORM, "cohort": p.cohort_id, "regions": ""}
    response = client_for("secretariat").post("/penilaian/putaran/baru/", form)
    assert response.status_code == 302
    made = Round.objects.get(name="Evaluasi penutupan 2025")
    codes = set(made.submissions.values_list("participation__region__code", flat=True))
    assert "63.71" not in codes
    assert codes == {s.participation.region.code for s in aworld.submissions.values()} - {"63.71"}
