"""The secretariat's assessment set-up forms: new round, assessor profiles, declared conflicts, amendments
after close and the citizen impact survey. Valid data stores the exact result and its audit event; invalid
data shows the service's reason on the page.
"""

from __future__ import annotations

import datetime as dt
import html

import pytest

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.rounds import close_round
from kotacerdas.assessment.models import Amendment, AssessorProfile, Conflict, ImpactSurvey, Round, Score
from tests.assessment.conftest import assignment_of, score_everything
from tests.platform import factories as f

pytestmark = pytest.mark.django_db

ROUND_FORM = {
    "name": "Evaluasi penutupan 2025",
    "kind": "closing",
    "rubric": "closing-evaluation@1",
    "regions": "63.71, 35.71",
    "deadline": "2025-12-31",
    "assessors_per_submission": "2",
    "min_load": "0",
    "max_load": "3",
    "objective": "fair",
    "disagreement_threshold": "1,5",
    "seed": "4",
}


def _page(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def _event(action: str, actor) -> AuditEvent:  # type: ignore[no-untyped-def]
    return AuditEvent.objects.filter(action=action, actor=actor).get()


def test_new_round_form_creates_the_round(aworld, client_for, users):
    cohort = aworld.submissions["63.71"].participation.cohort
    response = client_for("secretariat").post("/penilaian/putaran/baru/", {**ROUND_FORM, "cohort": cohort.pk})
    r = Round.objects.get(name="Evaluasi penutupan 2025")
    assert response["Location"] == f"/penilaian/putaran/{r.pk}/"
    assert (
        r.kind,
        r.rubric.key,
        r.state,
        r.deadline,
        r.assessors_per_submission,
        r.min_load,
        r.max_load,
        r.objective,
        r.disagreement_threshold,
        r.seed,
    ) == ("closing", "closing-evaluation@1", "draft", dt.date(2025, 12, 31), 2, 0, 3, "fair", 1.5, 4)
    codes = sorted(r.submissions.values_list("participation__region__code", flat=True))
    assert codes == ["35.71", "63.71"]
    event = AuditEvent.objects.get(action="round.create", target_id=str(r.pk))
    assert (event.actor, event.summary, event.data) == (
        users["secretariat"],
        "Evaluasi penutupan 2025: 2 daerah, rubrik closing-evaluation@1",
        {"kind": "closing", "rubric": "closing-evaluation@1", "regions": 2},
    )
    assert event.summaries["en"] == "Evaluasi penutupan 2025: 2 regions, rubric closing-evaluation@1"
    followed = client_for("secretariat").get(response["Location"])
    assert followed.status_code == 200


def test_new_round_form_shows_the_refusal(aworld, client_for):
    cohort = aworld.submissions["63.71"].participation.cohort
    client = client_for("secretariat")
    loads = client.post("/penilaian/putaran/baru/", {**ROUND_FORM, "cohort": cohort.pk, "min_load": "5"})
    assert loads.status_code == 400
    assert "beban minimum 5 di atas beban maksimum 3" in _page(loads)
    assert 'value="Evaluasi penutupan 2025"' in _page(loads)  # the form keeps what was typed
    outside = client.post("/penilaian/putaran/baru/", {**ROUND_FORM, "cohort": cohort.pk, "regions": "11.71"})
    assert "daerah: 11.71 tidak ada di GM100 2024 (kosongkan isian itu untuk seluruh kohort)" in _page(
        outside
    )
    assert not Round.objects.filter(name="Evaluasi penutupan 2025").exists()


def test_assessor_profile_form_saves_the_profile(aworld, client_for, users):
    newcomer = f.user(Role.ASSESSOR, "asesor-5")
    response = client_for("secretariat").post(
        "/penilaian/asesor/",
        {
            "user": newcomer.pk,
            "affiliation": "Universitas Lambung Mangkurat",
            "home_province_code": "63",
            "expertise-baseline": "0.7",
            "expertise-outcome": "0,9",
            "expertise-governance": "",
            "available": "on",
        },
    )
    assert response.status_code == 302
    profile = AssessorProfile.objects.get(user=newcomer)
    assert (profile.affiliation, profile.home_province_code, profile.expertise, profile.available) == (
        "Universitas Lambung Mangkurat",
        "63",
        {"baseline": 0.7, "outcome": 0.9},
        True,
    )
    event = _event("assessor.create", users["secretariat"])
    assert (event.summary, event.data) == (
        "asesor-5: Universitas Lambung Mangkurat, provinsi asal 63",
        {"expertise": {"baseline": 0.7, "outcome": 0.9}, "available": True},
    )
    assert event.summaries["en"] == "asesor-5: Universitas Lambung Mangkurat, home province 63"


def test_assessor_profile_form_refuses_bad_values(aworld, client_for):
    newcomer = f.user(Role.ASSESSOR, "asesor-5")
    client = client_for("secretariat")
    bad = client.post(
        "/penilaian/asesor/", {"user": newcomer.pk, "affiliation": "ULM", "expertise-outcome": "1.5"}
    )
    assert bad.status_code == 400
    assert "keahlian outcome: 1,5 di luar 0–1" in _page(bad)
    team_user = f.user(Role.REGION_TEAM, "tim-kediri", "35.71")  # not offered: only assessor users are
    team = client.post("/penilaian/asesor/", {"user": team_user.pk, "affiliation": "X"})
    assert team.status_code == 400
    assert list(team.context["form"].errors) == ["user"]
    assert not AssessorProfile.objects.filter(user=newcomer).exists()


def test_declared_conflict_from_the_dashboard(aworld, client_for, users):
    url = f"/penilaian/putaran/{aworld.round.pk}/konflik/"
    submission = aworld.submissions["35.71"]
    response = client_for("secretariat").post(
        url,
        {
            "assessor": aworld.assessors["asesor"].pk,
            "submission": submission.pk,
            "reason": "konsultan Kediri 2019",
        },
        follow=True,
    )
    assert "Konflik kepentingan tercatat." in _page(response)
    conflict = Conflict.objects.get(rule="declared")
    assert (conflict.assessor, conflict.submission, conflict.reason) == (
        aworld.assessors["asesor"],
        submission,
        "konsultan Kediri 2019",
    )
    assert (
        _event("conflict.declare", users["secretariat"]).summary
        == "asesor × Kota Kediri: konsultan Kediri 2019"
    )
    empty = client_for("secretariat").post(
        url,
        {"assessor": aworld.assessors["asesor-2"].pk, "submission": submission.pk, "reason": " "},
        follow=True,
    )
    assert empty.status_code == 400
    assert empty.context["declare_form"].errors == {"reason": ["Bidang ini harus diisi."]}
    assert Conflict.objects.filter(rule="declared").count() == 1


def _closed(aworld, users):  # type: ignore[no-untyped-def]
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    score_everything(aworld)
    close_round(actor=users["secretariat"], round_=aworld.round)
    return Score.objects.get(assignment=assignment_of(aworld, "35.71", "asesor"), criterion="outcome")


def test_amendment_after_close(aworld, client_for, users):
    score = _closed(aworld, users)
    client = client_for("secretariat")
    page = _page(client.get(f"/penilaian/tugas/{score.assignment_id}/"))
    assert f'action="/penilaian/skor/{score.pk}/amandemen/"' in page
    response = client.post(
        f"/penilaian/skor/{score.pk}/amandemen/",
        {"value": "3.5", "reason": "salah ketik, dikonfirmasi asesor"},
    )
    assert response["Location"] == f"/penilaian/tugas/{score.assignment_id}/"
    amendment = Amendment.objects.get()
    assert (amendment.score, amendment.value, amendment.reason, amendment.actor) == (
        score,
        3.5,
        "salah ketik, dikonfirmasi asesor",
        users["secretariat"],
    )
    event = _event("score.amend", users["secretariat"])
    assert (event.summary, event.data) == (
        "skor outcome diubah dari 3,23 menjadi 3,5",
        {"reason": "salah ketik, dikonfirmasi asesor", "value": 3.5},
    )
    assert event.summaries["en"] == "score of outcome changed from 3.23 to 3.5"


def test_amendment_needs_a_reason_and_a_closed_round(aworld, client_for, users):
    score = _closed(aworld, users)
    client = client_for("secretariat")
    response = client.post(
        f"/penilaian/skor/{score.pk}/amandemen/", {"value": "3.5", "reason": ""}, follow=True
    )
    assert "Alasan: Bidang ini harus diisi." in _page(response)
    not_a_number = client.post(
        f"/penilaian/skor/{score.pk}/amandemen/", {"value": "tiga", "reason": "x"}, follow=True
    )
    assert "Nilai baru: 'tiga' bukan angka" in _page(not_a_number)
    assert Amendment.objects.count() == 0


def test_impact_survey_of_a_yearly_round(aworld, client_for, users):
    submission = aworld.submissions["35.71"]
    url = f"/penilaian/putaran/{aworld.round.pk}/survei/"
    form = {
        "submission": submission.pk,
        "dimension": "living",
        "sub_dimension": "mobility",
        "programme": "Bus Sekolah Gratis",
        "respondents": "64",
        "mean_score": "3,8",
    }
    response = client_for("secretariat").post(url, form, follow=True)
    assert "Hasil survei dampak tercatat." in _page(response)
    assert "<td>Smart Living / Transportasi</td>" in _page(response)  # by name, not code
    assert '<option value="living">Smart Living</option>' in _page(response)  # the form's dimensions too
    english = client_for("secretariat").get(
        f"/penilaian/putaran/{aworld.round.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "<td>Smart Living / Transport</td>" in _page(english)
    survey = ImpactSurvey.objects.get()
    assert (survey.submission, survey.dimension, survey.sub_dimension, survey.programme) == (
        submission,
        "living",
        "mobility",
        "Bus Sekolah Gratis",
    )
    assert (survey.respondents, survey.mean_score) == (64, 3.8)
    assert _event("survey.record", users["secretariat"]).summaries == {
        "id": "survei dampak Kota Kediri, Smart Living / Transportasi: skor rata-rata 3,8",
        "en": "impact survey of Kota Kediri, Smart Living / Transport: mean score 3.8",
    }
    few = client_for("secretariat").post(url, {**form, "respondents": "30"}, follow=True)
    assert "Bus Sekolah Gratis: 30 responden; paling sedikit 50 diperlukan" in _page(few)
    assert ImpactSurvey.objects.get().respondents == 64


def test_new_round_form_in_english(aworld, client_for):
    client = client_for("secretariat")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/penilaian/putaran/baru/").content.decode()
    assert "<h1>New assessment round</h1>" in page
    assert '<button class="btn btn-sm btn-primary" id="round-create">Create the round</button>' in page
