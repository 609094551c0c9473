"""In the browser: the secretariat runs the assignment, an assessor scores and submits, the secretariat
moderates, computes and publishes, and the public sees the results. No request leaves the live server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.rounds import close_round
from kotacerdas.assessment.models import Assignment
from tests.assessment.conftest import CRITERIA, SCORES, assignment_of, score_everything
from tests.browser.session import login, stay_local

pytestmark = pytest.mark.browser


def test_secretariat_runs_the_assignment(page: Page, live_server, aworld, screenshot_dir):
    outside = stay_local(page, live_server.url)
    login(page, live_server.url, "sekretariat")
    page.click("#nav-assessment")
    page.click("a.open-round")
    expect(page.locator("#round-state")).to_have_text("Persiapan")
    page.click("#do-conflicts")
    expect(page.locator("#conflicts tbody tr")).to_have_count(5)
    page.click("#do-assign")
    expect(page.locator("#round-state")).to_have_text("Penilaian")
    expect(page.locator("#progress")).to_have_text("0 / 8 dikirim · 0 draf · 8 belum dinilai")
    expect(page.locator("#assignments tbody tr")).to_have_count(8)
    expect(page.locator("#assignment-summary")).to_have_text(
        "Penugasan: afinitas total 6,000 · optimal terbukti: ya · konflik dikecualikan: 5"
    )
    page.screenshot(path=str(screenshot_dir / "assessment-secretariat-assignment.png"), full_page=True)
    assert outside == []


def test_assessor_scores_and_submits(page: Page, live_server, aworld, users, screenshot_dir):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    outside = stay_local(page, live_server.url)
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server.url, "asesor")
    page.click("#nav-inbox")
    expect(page.locator("a.open-assignment")).to_have_count(2)
    page.click("a.open-assignment >> text=Kota Kediri")
    expect(page.locator("#anchors")).to_contain_text("Tidak ada bukti yang diserahkan untuk dimensi ini.")
    values = dict(zip(CRITERIA, SCORES[("35.71", "asesor")], strict=True))
    page.fill("#score-baseline", str(values["baseline"]))
    page.fill("textarea[name=comment-baseline]", "Data dasar lengkap dan terbaru.")
    page.click("#save-draft")
    expect(page.locator("#assignment-state")).to_have_text("Draf")
    expect(page.locator("#score-baseline")).to_have_value("3.6")
    for criterion, value in values.items():
        page.fill(f"#score-{criterion}", str(value))
    page.screenshot(path=str(screenshot_dir / "assessment-assessor-form.png"), full_page=True)
    page.click("#submit-scores")
    expect(page.locator("#assignment-state")).to_have_text("Dikirim")
    expect(page.locator("#others-hidden")).to_be_visible()  # the other assessor has not submitted yet
    mine = assignment_of(aworld, "35.71", "asesor")
    assert mine.state == "submitted"
    assert {s.criterion: s.value for s in mine.scores.all()} == values
    assert mine.scores.get(criterion="baseline").comment == "Data dasar lengkap dan terbaru."
    page.screenshot(path=str(screenshot_dir / "assessment-assessor-submitted.png"), full_page=True)
    assert outside == []


def test_secretariat_publishes_and_the_public_sees_results(
    page: Page, live_server, aworld, users, screenshot_dir
):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    score_everything(aworld)
    close_round(actor=users["secretariat"], round_=aworld.round)
    outside = stay_local(page, live_server.url)
    login(page, live_server.url, "sekretariat")
    page.goto(f"{live_server.url}/penilaian/putaran/{aworld.round.pk}/")
    expect(page.locator("#flags tbody tr")).to_have_count(1)
    page.fill("#flags input[name=outcome]", "Skala dibaca keliru; nilai dikonfirmasi panel.")
    page.click("#flags button")
    expect(page.locator("#flags")).to_contain_text("nilai dikonfirmasi panel")
    page.click("#do-compute")
    page.click("#do-publish")
    expect(page.locator("#confirm-title")).to_have_text(f"Umumkan hasil: {aworld.round.name}")
    page.check("#id_confirm")
    page.click("#confirm-submit")
    expect(page.locator("#round-state")).to_have_text("Diumumkan")
    page.screenshot(path=str(screenshot_dir / "assessment-secretariat-published.png"), full_page=True)
    page.click("#logout")
    page.click("#nav-assessment")
    page.click("a.open-results")
    expect(page.locator("#results tbody tr")).to_have_count(4)
    expect(page.locator("#results tbody tr").first).to_contain_text("Kota Bandung")
    expect(page.locator("#awards tbody tr")).to_have_count(8)
    expect(page.locator("#alpha")).not_to_be_empty()
    page.screenshot(path=str(screenshot_dir / "assessment-public-results.png"), full_page=True)
    assert Assignment.objects.filter(submission__round=aworld.round, state="submitted").count() == 8
    assert outside == []
