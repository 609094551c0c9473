"""Server-rendered assessment pages: scoring form, secretariat dashboard and actions, results, downloads."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.domain.results import compute_results
from kotacerdas.assessment.domain.rounds import close_round, publish_round
from kotacerdas.assessment.models import Assignment, Moderation, Round
from tests.assessment.conftest import CRITERIA, SCORES, assignment_of, score_everything
from tests.assessment.test_results import _finish

pytestmark = pytest.mark.django_db


def _form(values: list[float]) -> dict[str, str]:
    return {f"score-{c}": str(v) for c, v in zip(CRITERIA, values, strict=True)}


def test_scoring_form_draft_submit_and_then_others(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    mine = assignment_of(aworld, "35.71", "asesor")
    client = client_for("assessor")
    url = reverse("web:assessment-score", kwargs={"pk": mine.pk})
    page = client.get(url).content.decode()
    assert "Tidak ada bukti yang diserahkan untuk dimensi ini." in page  # an anchor of the rubric
    assert "No evidence submitted" not in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "No evidence submitted for this dimension." in english  # the rubric file's English
    assert "Improvement relative to the previous evaluation." in english
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert 'id="others-hidden"' in page
    client.post(url, {"score-baseline": "3.6", "comment-baseline": "bukti lengkap", "action": "draft"})
    mine.refresh_from_db()
    assert mine.state == "draft"
    assert mine.scores.get(criterion="baseline").comment == "bukti lengkap"
    response = client.post(url, {"score-impact": "9", "action": "draft"}, follow=True)
    assert "skor 9 berada di luar skala 0–5" in response.content.decode()
    not_a_number = client.post(
        url, {"score-impact": "tiga", "score-baseline": "4", "action": "draft"}, follow=True
    )
    assert ": &#x27;tiga&#x27; bukan angka</p>" in not_a_number.content.decode()
    assert mine.scores.get(criterion="baseline").value == 3.6  # nothing of the bad form was saved
    score_everything(aworld, skip=(("35.71", "asesor"),))
    client.post(url, {**_form(SCORES[("35.71", "asesor")]), "action": "submit"})
    mine.refresh_from_db()
    assert mine.state == "submitted"
    page = client.get(url).content.decode()
    assert 'id="other-scores"' in page and "asesor-2" in page
    others = page.split('id="other-scores"')[1].split("</thead>")[0]
    assert (
        "<th>baseline</th>" not in others and f"<th>{rows_name(page, 'baseline')}</th>" in others
    )  # names, not ids


def test_inbox_lists_only_own_assignments(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    page = client_for("assessor").get(reverse("web:assessment-inbox")).content.decode()
    assert page.count('class="open-assignment"') == 2
    assert "Kota Kediri" in page and "Kota Jambi" in page and "Kota Bandung" not in page


def test_dashboard_runs_assignment_and_shows_progress(aworld, users, client_for):
    client = client_for("secretariat")
    action = reverse("web:assessment-round-action", kwargs={"pk": aworld.round.pk})
    client.post(action, {"action": "conflicts"})
    client.post(action, {"action": "assign"})
    assert Assignment.objects.filter(submission__round=aworld.round, active=True).count() == 8
    page = client.get(reverse("web:assessment-round", kwargs={"pk": aworld.round.pk})).content.decode()
    assert '<p id="progress">0 / 8 dikirim · 0 draf · 8 belum dinilai</p>' in page
    assert "Lembaga sama dengan konsultan daerah" in page
    old = assignment_of(aworld, "63.71", "asesor-4")
    response = client.post(
        reverse("web:assessment-override", kwargs={"pk": old.pk}),
        {"assessor": aworld.assessors["asesor-2"].pk, "reason": "beban"},
    )
    # asesor-2 has a conflict with Kota Banjarmasin: not one of the choices, so the form refuses it
    assert response.status_code == 400
    assert "Asesor itu tidak dapat menggantikan di daerah ini." in html.unescape(response.content.decode())
    assert Assignment.objects.get(pk=old.pk).active
    score_everything(aworld)
    client.post(action, {"action": "close"})
    assert Round.objects.get().state == "scoring"  # closing goes through the confirmation page
    close = reverse("web:assessment-round-confirm", kwargs={"pk": aworld.round.pk, "action": "close"})
    client.post(close, {"confirm": "on"})
    assert Round.objects.get().state == "closed"
    page = client.get(reverse("web:assessment-round", kwargs={"pk": aworld.round.pk})).content.decode()
    assert 'id="flags"' in page and "Kota Jambi" in page


def test_results_public_only_after_publication_and_downloads(aworld, users, client_for):
    _finish(aworld, users)
    results = reverse("web:assessment-results", kwargs={"pk": aworld.round.pk})
    assert client_for("public").get(results).status_code == 404
    assert 'id="not-published"' in client_for("secretariat").get(results).content.decode()
    feedback = reverse("web:assessment-feedback", kwargs={"pk": aworld.round.pk, "code": "63.71"})
    assert client_for("region_team").get(feedback).status_code == 404
    publish_round(actor=users["secretariat"], round_=aworld.round)
    page = client_for("public").get(results).content.decode()
    assert page.count('<tr data-code="') == 4
    assert "(Kota)" in page and "(kota)" not in page  # the peer group by its name, not its code
    assert "(City)" in client_for("public").get(results, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'class="feedback-pdf"' not in page
    own = client_for("region_team").get(results).content.decode()
    assert own.count('class="feedback-pdf"') == 1
    pdf = client_for("region_team").get(feedback)
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    xlsx = client_for("secretariat").get(reverse("web:assessment-summary", kwargs={"pk": aworld.round.pk}))
    assert xlsx.content[:2] == b"PK"


def test_pages_in_english(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    client = client_for("assessor")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    url = reverse("web:assessment-score", kwargs={"pk": assignment_of(aworld, "35.71", "asesor").pk})
    page = client.get(url).content.decode()
    assert "<h1>Assessment: " in page
    assert 'id="save-draft">Save draft</button>' in page
    assert "Other assessors' scores are visible once you have submitted your own" in page


def test_closing_an_incomplete_round_asks_for_confirmation_and_a_reason(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    score_everything(aworld, skip=(("63.71", "asesor-4"), ("32.73", "asesor-2")))
    client = client_for("secretariat")
    url = reverse("web:assessment-round-confirm", kwargs={"pk": aworld.round.pk, "action": "close"})
    page = client.get(url).content.decode()
    assert "6 dari 8 penugasan sudah dikirim; nilai itu menjadi final." in page
    assert "2 dari 8 penugasan belum dikirim asesor." in page
    assert 'name="confirm"' in page and 'name="reason"' in page
    unticked = client.post(url, {"reason": "tenggat"})
    assert unticked.status_code == 400
    assert "Centang kotak konfirmasi untuk melanjutkan." in unticked.content.decode()
    no_reason = client.post(url, {"confirm": "on"})
    assert no_reason.status_code == 400
    assert "Tulis alasannya: putaran ini belum lengkap." in no_reason.content.decode()
    assert Round.objects.get().state == "scoring"
    done = client.post(url, {"confirm": "on", "reason": "Tenggat SK menteri 30 Januari"})
    assert done.status_code == 302
    assert Round.objects.get().state == "closed"


def test_the_public_results_page_shows_a_publication_override(aworld, users, client_for):
    sec = users["secretariat"]
    run_assignment(actor=sec, round_=aworld.round)
    score_everything(aworld, skip=(("63.71", "asesor-4"),))
    close_round(actor=sec, round_=aworld.round, override_reason="asesor-4 sakit")
    for m in Moderation.objects.all():
        moderate(actor=sec, moderation=m, outcome="dikonfirmasi")
    compute_results(actor=sec, round_=aworld.round)
    url = reverse("web:assessment-round-confirm", kwargs={"pk": aworld.round.pk, "action": "publish"})
    client_for("secretariat").post(url, {"confirm": "on", "reason": "Jadwal penganugerahan tetap"})
    assert Round.objects.get().state == "published"
    page = client_for("public").get(reverse("web:assessment-results", kwargs={"pk": aworld.round.pk}))
    text = page.content.decode()
    assert 'id="overrides"' in text
    assert "Ditutup meski belum lengkap" in text and "asesor-4 sakit" in text
    assert "Diumumkan meski belum lengkap" in text and "Jadwal penganugerahan tetap" in text
    assert text.count("1 dari 8 penugasan belum dikirim asesor.") == 2


def test_override_with_a_username_for_an_id_is_refused_not_a_server_error(aworld, users, client_for):
    sec = users["secretariat"]
    run_assignment(actor=sec, round_=aworld.round)
    old = Assignment.objects.filter(submission__round=aworld.round, active=True).first()
    response = client_for("secretariat").post(
        reverse("web:assessment-override", kwargs={"pk": old.pk}), {"assessor": "asesor-2", "reason": "x"}
    )
    assert response.status_code == 400
    old.refresh_from_db()
    assert old.active is True


def rows_name(page: str, criterion: str) -> str:
    """The criterion's displayed name in the scoring form (the bold label of its row)."""
    return page.split(f'id="kriteria-{criterion}">')[1].split("</b>")[0]
