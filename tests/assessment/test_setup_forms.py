"""The assessment set-up pages read Django forms: bad input is refused field by field (status 400), a
service's refusal is shown on the form with the API's status (:func:`kotacerdas.web.service_errors.show_refusal`),
and the choices offered are only those legal now."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from kotacerdas.accounts.enums import Role
from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.conflicts import declare_conflict
from kotacerdas.assessment.domain.rounds import close_round, create_round
from kotacerdas.assessment.models import (
    Amendment,
    AssessorProfile,
    Conflict,
    ImpactSurvey,
    Moderation,
    Round,
    Score,
)
from kotacerdas.programme.lifecycle import State
from tests.assessment.conftest import assignment_of, score_everything
from tests.assessment.test_setup_web import ROUND_FORM
from tests.platform import factories as f
from tests.platform.html_forms import selects

pytestmark = pytest.mark.django_db


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def test_round_form_refuses_bad_fields_one_by_one(aworld, client_for):
    cohort = aworld.submissions["63.71"].participation.cohort
    bad = {
        **ROUND_FORM,
        "cohort": cohort.pk,
        "deadline": "31 Desember",
        "seed": "-1",
        "disagreement_threshold": "satu",
        "kind": "monthly",
    }
    response = client_for("secretariat").post("/penilaian/putaran/baru/", bad)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert sorted(errors) == ["deadline", "disagreement_threshold", "kind", "seed"]
    assert errors["disagreement_threshold"] == ["'satu' bukan angka"]
    # each error is shown with its field (aria-describedby links them)
    assert 'aria-describedby="round-deadline_error"' in _text(response)
    assert not Round.objects.filter(name=ROUND_FORM["name"]).exists()


def test_round_form_shows_the_services_refusal_on_the_form(aworld, client_for):
    cohort = aworld.submissions["63.71"].participation.cohort
    response = client_for("secretariat").post(
        "/penilaian/putaran/baru/", {**ROUND_FORM, "name": aworld.round.name, "cohort": cohort.pk}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["putaran bernama 'Evaluasi tahunan uji' sudah ada"]


def test_round_form_offers_only_cohorts_with_regions_still_in_the_programme(aworld, client_for):
    gone = f.cohort(2023)
    f.participation("35.71", State.NOT_SELECTED, the_cohort=gone)
    page = client_for("secretariat").get("/penilaian/putaran/baru/").content.decode()
    (select,) = selects(page, "cohort")
    assert [text for _value, text in select.options] == ["GM100 2024"]
    refused = client_for("secretariat").post("/penilaian/putaran/baru/", {**ROUND_FORM, "cohort": gone.pk})
    assert list(refused.context["form"].errors) == ["cohort"]


def test_assessor_form_offers_assessor_users_and_refuses_bad_levels(aworld, client_for):
    newcomer = f.user(Role.ASSESSOR, "asesor-5")
    f.user(Role.REGION_TEAM, "tim-kediri", "35.71")
    client = client_for("secretariat")
    (select,) = selects(client.get("/penilaian/asesor/").content.decode(), "user")
    assert [text for _value, text in select.options] == [
        "asesor",
        "asesor-2",
        "asesor-3",
        "asesor-4",
        "asesor-5",
    ]
    response = client.post(
        "/penilaian/asesor/",
        {"user": newcomer.pk, "affiliation": "", "home_province_code": "99", "expertise-outcome": "tinggi"},
    )
    assert response.status_code == 400
    assert sorted(response.context["form"].errors) == [
        "affiliation",
        "expertise-outcome",
        "home_province_code",
    ]
    assert not AssessorProfile.objects.filter(user=newcomer).exists()


def test_declare_form_errors_and_refusals_with_their_status(aworld, client_for, users):
    url = f"/penilaian/putaran/{aworld.round.pk}/konflik/"
    client = client_for("secretariat")
    kediri = aworld.submissions["35.71"]
    bad = client.post(url, {"assessor": "asesor", "submission": kediri.pk, "reason": "konsultan"})
    assert bad.status_code == 400
    assert list(bad.context["declare_form"].errors) == ["assessor"]
    declare_conflict(
        actor=users["secretariat"], assessor=aworld.assessors["asesor"], submission=kediri, reason="x"
    )
    again = client.post(
        url, {"assessor": aworld.assessors["asesor"].pk, "submission": kediri.pk, "reason": "y"}
    )
    assert again.status_code == 409  # a state refusal, as the API answers it
    assert again.context["declare_form"].non_field_errors() == [
        "asesor sudah menyatakan konflik dengan Kota Kediri (dinyatakan: x)"
    ]
    assert 'value="y"' in again.content.decode()  # the form keeps what was typed
    assert Conflict.objects.filter(rule="declared").count() == 1


def test_declare_form_offers_only_the_regions_of_its_round(aworld, client_for, users):
    later = create_round(
        actor=users["secretariat"],
        name="Evaluasi lain",
        kind="yearly",
        rubric=aworld.round.rubric,
        participations=[f.participation("35.71", the_cohort=f.cohort(2025))],
        deadline=dt.date(2030, 1, 31),
    )
    page = client_for("secretariat").get(f"/penilaian/putaran/{aworld.round.pk}/").content.decode()
    (select,) = selects(page, "submission", "/konflik/")
    assert select.options[0] == ("", "— pilih daerah —")
    assert [t for _v, t in select.options[1:]] == [
        "Kota Bandung",
        "Kota Banjarmasin",
        "Kota Jambi",
        "Kota Kediri",
    ]
    assert str(later.submissions.get().pk) not in select.values
    response = client_for("secretariat").post(
        f"/penilaian/putaran/{aworld.round.pk}/konflik/",
        {"assessor": aworld.assessors["asesor"].pk, "submission": later.submissions.get().pk, "reason": "x"},
    )
    assert response.status_code == 400
    assert list(response.context["declare_form"].errors) == ["submission"]
    assert not Conflict.objects.filter(rule="declared").exists()


def test_survey_form_errors_and_the_services_refusal(aworld, client_for):
    url = f"/penilaian/putaran/{aworld.round.pk}/survei/"
    form = {
        "submission": aworld.submissions["35.71"].pk,
        "dimension": "living",
        "sub_dimension": "mobility",
        "programme": "Bus Sekolah Gratis",
        "respondents": "banyak",
        "mean_score": "",
    }
    client = client_for("secretariat")
    bad = client.post(url, form)
    assert bad.status_code == 400
    assert sorted(bad.context["survey_form"].errors) == ["mean_score", "respondents"]
    few = client.post(url, {**form, "respondents": "30", "mean_score": "3,8"})
    assert few.status_code == 400
    assert few.context["survey_form"].non_field_errors() == [
        "Bus Sekolah Gratis: 30 responden; paling sedikit 50 diperlukan"
    ]
    assert not ImpactSurvey.objects.exists()


def test_override_refuses_empty_fields_and_shows_the_state_refusal(aworld, client_for, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    old = assignment_of(aworld, "35.71", "asesor")
    url = reverse("web:assessment-override", kwargs={"pk": old.pk})
    client = client_for("secretariat")
    missing = client.post(url, {"assessor": "", "reason": ""})  # the override page shows the form again
    assert missing.status_code == 400
    assert "Pilih asesor pengganti." in _text(missing) and "Tulis alasan penggantian." in _text(missing)
    score_everything(aworld, skip=(("35.71", "asesor"),))
    close_round(actor=users["secretariat"], round_=aworld.round, override_reason="asesor sakit")
    closed = client.post(url, {"assessor": aworld.assessors["asesor-4"].pk, "reason": "beban"})
    assert closed.status_code == 409
    assert "Evaluasi tahunan uji" in _text(closed).split('id="override-refusal">')[1].split("</p>")[0]
    assert assignment_of(aworld, "35.71", "asesor").pk == old.pk


def test_round_actions_offer_only_what_the_state_allows(aworld, client_for, users):
    action = reverse("web:assessment-round-action", kwargs={"pk": aworld.round.pk})
    client = client_for("secretariat")
    early = client.post(action, {"action": "compute"}, follow=True)
    assert (
        "Tindakan: Masukkan pilihan yang valid. compute bukan salah satu dari pilihan yang tersedia."
        in _text(early)
    )
    panels = client.post(action, {"action": "panels", "size": "0"}, follow=True)
    assert "asesor per panel: Pastikan nilai ini lebih besar dari atau sama dengan 1." in _text(panels)
    no_slots = client.post(action, {"action": "panels", "size": "2"}, follow=True)
    assert "putaran itu tidak memiliki slot presentasi" in _text(no_slots)
    assert Round.objects.get().state == "draft"


def test_moderation_and_amendment_forms_refuse_empty_fields(aworld, client_for, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    score_everything(aworld)
    close_round(actor=users["secretariat"], round_=aworld.round)
    client = client_for("secretariat")
    flag = Moderation.objects.filter(submission__round=aworld.round).first()
    empty = client.post(
        reverse("web:assessment-moderate", kwargs={"pk": flag.pk}), {"outcome": " "}, follow=True
    )
    assert "Hasil moderasi: Bidang ini harus diisi." in _text(empty)
    score = Score.objects.get(assignment=assignment_of(aworld, "35.71", "asesor"), criterion="outcome")
    amend = reverse("web:assessment-amend", kwargs={"pk": score.pk})
    blank = client.post(amend, {"value": "", "reason": ""}, follow=True)
    assert "Nilai baru: Bidang ini harus diisi.; Alasan: Bidang ini harus diisi." in _text(blank)
    outside = client.post(amend, {"value": "9", "reason": "salah ketik"}, follow=True)
    assert 'class="msg error"' in outside.content.decode() and Amendment.objects.count() == 0
