"""The assessment API: the same services, permissions and one error shape."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.models import Moderation, RegionResult, Score
from tests.assessment.conftest import CRITERIA, SCORES, assignment_of, score_everything

pytestmark = pytest.mark.django_db
ERROR_KEYS = ["code", "message", "file", "row", "column", "hint"]


def _client(user=None) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_secretariat_runs_the_round_through_the_api(aworld, users):
    sec = _client(users["secretariat"])
    base = f"/api/assessment-rounds/{aworld.round.pk}"
    answer = sec.post(f"{base}/assign/")
    assert (answer.status_code, answer.json()["state"]) == (200, "scoring")
    score_everything(aworld)
    unconfirmed = sec.post(f"{base}/close/")
    assert (unconfirmed.status_code, unconfirmed.json()["code"]) == (400, "confirmation_required")
    assert unconfirmed.json()["column"] == "confirm"
    assert "membuat 8 skornya yang terkirim final" in unconfirmed.json()["message"]
    assert sec.post(f"{base}/close/", {"confirm": True}, format="json").json()["state"] == "closed"
    refused = sec.post(f"{base}/compute/")
    assert refused.status_code == 409
    assert list(refused.json()) == ERROR_KEYS
    assert refused.json()["code"] == "open_flags"
    assert refused.json()["message"] == "masih ada tanda perbedaan penilaian yang terbuka"


def test_assessor_drafts_and_submits(aworld, users):
    _client(users["secretariat"]).post(f"/api/assessment-rounds/{aworld.round.pk}/assign/")
    me = _client(users["assessor"])
    mine = me.get("/api/assessment-assignments/").json()["results"]
    assert sorted((a["region"], a["state"]) for a in mine) == [("15.71", "assigned"), ("35.71", "assigned")]
    a = assignment_of(aworld, "35.71", "asesor")
    values = dict(zip(CRITERIA, SCORES[("35.71", "asesor")], strict=True))
    draft = me.post(
        f"/api/assessment-assignments/{a.pk}/draft/",
        {"scores": values, "comments": {"impact": "survei lengkap"}},
        format="json",
    )
    assert (draft.status_code, draft.json()["state"]) == (200, "draft")
    bad = me.post(f"/api/assessment-assignments/{a.pk}/draft/", {"scores": {"impact": 7}}, format="json")
    assert bad.status_code == 400
    assert bad.json()["code"] == "score_out_of_scale"
    assert bad.json()["message"] == "skor 7 berada di luar skala 0–5"
    assert bad.json()["hint"] == "rubrik yearly-evaluation@2 mengizinkan 0–5 dalam nilai berapa pun"
    english = me.post(
        f"/api/assessment-assignments/{a.pk}/draft/",
        {"scores": {"impact": 7}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.json()["message"] == "score 7 is outside the scale 0–5"
    done = me.post(f"/api/assessment-assignments/{a.pk}/submit/")
    assert (done.status_code, done.json()["state"]) == (200, "submitted")
    again = me.post(f"/api/assessment-assignments/{a.pk}/submit/")
    assert (again.status_code, again.json()["code"]) == (409, "scores_submitted")
    # the other assessor of Kediri has not submitted: nothing of theirs is visible yet
    visible = me.get("/api/assessment-scores/").json()["results"]
    assert {(s["assessor"], s["region"]) for s in visible} == {("asesor", "35.71")}
    assert [s["comment"] for s in visible if s["criterion"] == "impact"] == ["survei lengkap"]


def test_override_through_the_api_refuses_conflicts(aworld, users):
    sec = _client(users["secretariat"])
    sec.post(f"/api/assessment-rounds/{aworld.round.pk}/assign/")
    a = assignment_of(aworld, "63.71", "asesor-4")
    refused = sec.post(
        f"/api/assessment-assignments/{a.pk}/override/",
        {"assessor": "asesor-2", "reason": "beban"},
        format="json",
    )
    assert refused.status_code == 409
    assert refused.json()["message"] == "asesor-2 memiliki konflik kepentingan dengan Kota Banjarmasin"
    assert AuditEvent.objects.filter(action="assignment.override").count() == 0


def test_amend_after_close_and_results(aworld, users):
    sec = _client(users["secretariat"])
    base = f"/api/assessment-rounds/{aworld.round.pk}"
    sec.post(f"{base}/assign/")
    score_everything(aworld)
    sec.post(f"{base}/close/", {"confirm": True}, format="json")
    score = Score.objects.get(assignment=assignment_of(aworld, "15.71", "asesor-2"), criterion="outcome")
    amended = sec.post(
        f"/api/assessment-scores/{score.pk}/amend/", {"value": 3.5, "reason": "salah ketik"}, format="json"
    )
    assert (amended.status_code, amended.json()["value"], amended.json()["effective_value"]) == (
        200,
        1.2,
        3.5,
    )
    flag = Moderation.objects.get()
    moderate(actor=users["secretariat"], moderation=flag, outcome="diamandemen")
    assert sec.post(f"{base}/compute/").status_code == 200
    public = _client()
    assert public.get(f"{base}/results/").status_code == 404
    unconfirmed = sec.post(f"{base}/publish/", {"confirm": False}, format="json")
    assert (unconfirmed.status_code, unconfirmed.json()["code"]) == (400, "confirmation_required")
    assert "menampilkan hasil dan penghargaannya kepada publik" in unconfirmed.json()["message"]
    assert sec.post(f"{base}/publish/", {"confirm": True}, format="json").json()["state"] == "published"
    rows = public.get(f"{base}/results/").json()
    stored = RegionResult.objects.order_by("rank", "submission_id")
    assert [(r["region"], r["rank"], r["calibrated"]) for r in rows] == [
        (r.submission.participation.region.code, r.rank, r.calibrated) for r in stored
    ]


def test_secretariat_creates_a_round(aworld, users):
    sec = _client(users["secretariat"])
    ids = [aworld.submissions[c].participation_id for c in ("63.71", "32.73")]
    body = {
        "name": "Wawancara kesiapan uji",
        "kind": "readiness",
        "rubric": "readiness-interview@1",
        "participations": ids,
        "deadline": "2030-03-01",
        "assessors_per_submission": 2,
    }
    made = sec.post("/api/assessment-rounds/", body, format="json")
    assert made.status_code == 201
    assert (made.json()["state"], made.json()["rubric"], made.json()["assessors_per_submission"]) == (
        "draft",
        "readiness-interview@1",
        2,
    )
    unknown = sec.post(
        "/api/assessment-rounds/", {**body, "name": "x", "participations": [999999]}, format="json"
    )
    assert (unknown.status_code, unknown.json()["column"]) == (400, "participations")
    bad = sec.post("/api/assessment-rounds/", {**body, "name": "y", "rubric": "nope@1"}, format="json")
    assert (bad.status_code, bad.json()["code"], bad.json()["message"]) == (
        400,
        "unknown_rubric",
        "rubrik 'nope@1' tidak dikenal",
    )
    again = sec.post("/api/assessment-rounds/", body, format="json")
    assert (again.status_code, again.json()["message"]) == (
        400,
        "putaran bernama 'Wawancara kesiapan uji' sudah ada",
    )


def test_closing_an_incomplete_round_needs_a_reason_through_the_api(aworld, users):
    sec = _client(users["secretariat"])
    base = f"/api/assessment-rounds/{aworld.round.pk}"
    sec.post(f"{base}/assign/")
    score_everything(aworld, skip=(("63.71", "asesor-4"), ("32.73", "asesor-2")))
    refused = sec.post(f"{base}/close/", {"confirm": True}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (409, "incomplete")
    assert refused.json()["message"] == (
        "tidak dapat menutup putaran 'Evaluasi tahunan uji': 2 dari 8 penugasan belum dikirim"
    )
    closed = sec.post(
        f"{base}/close/", {"confirm": True, "override_reason": "tenggat SK menteri"}, format="json"
    )
    assert (closed.status_code, closed.json()["state"]) == (200, "closed")
    assert [(o["action"], o["reason"], o["gaps"]) for o in closed.json()["overrides"]] == [
        ("close", "tenggat SK menteri", {"unsubmitted": 2})
    ]
    event = AuditEvent.objects.get(action="round.close.override")
    assert event.data["reason"] == "tenggat SK menteri"


def _published_round(aworld, users) -> str:  # type: ignore[no-untyped-def]
    sec = _client(users["secretariat"])
    base = f"/api/assessment-rounds/{aworld.round.pk}"
    sec.post(f"{base}/assign/")
    score_everything(aworld)
    sec.post(f"{base}/close/", {"confirm": True}, format="json")
    moderate(actor=users["secretariat"], moderation=Moderation.objects.get(), outcome="dibahas")
    sec.post(f"{base}/compute/")
    sec.post(f"{base}/publish/", {"confirm": True}, format="json")
    return f"{base}/"


@pytest.mark.parametrize(
    ("who", "sees_effects"),
    [(None, False), ("assessor", False), ("region_team", False), ("secretariat", True)],
)
def test_only_the_secretariat_sees_the_assessors_calibration_effects(aworld, users, who, sees_effects):
    url = _published_round(aworld, users)
    answer = _client(users[who] if who else None).get(url)
    assert answer.status_code == 200
    calibration = answer.json()["figures"]["calibration"]
    assert ("effects" in calibration) is sees_effects
    assert ("asesor-2" in answer.content.decode()) is sees_effects
    assert calibration["method"] == aworld.round.__class__.objects.get().figures["calibration"]["method"]
    listed = _client(users[who] if who else None).get("/api/assessment-rounds/").json()["results"]
    assert ("effects" in listed[0]["figures"]["calibration"]) is sees_effects
