"""Closing an incomplete round: the confirm page lists the gaps and needs a reason (id/en, 390/1366 px)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.models import Round
from tests.assessment.conftest import score_everything
from tests.browser.session import login, stay_local

pytestmark = pytest.mark.browser
GAP = {
    "id": "2 dari 8 penugasan belum dikirim asesor.",
    "en": "2 of 8 assignments are not yet submitted by the assessors.",
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_closing_an_incomplete_round_needs_a_reason(
    live_server, browser: Browser, aworld, users, screenshot_dir, lang
):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    score_everything(aworld, skip=(("63.71", "asesor-4"), ("32.73", "asesor-2")))
    base = live_server.url
    for width in (390, 1366):
        context = browser.new_context(
            locale="id-ID" if lang == "id" else "en-US", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        outside = stay_local(page, base)
        login(page, base, "sekretariat")
        page.goto(f"{base}/penilaian/putaran/{aworld.round.pk}/")
        page.click("#do-close")
        expect(page.locator("#gaps li")).to_have_text([GAP[lang]])
        page.check("#id_confirm")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.screenshot(path=str(screenshot_dir / f"confirm-round-close-{lang}-{width}.png"), full_page=True)
        page.click("#confirm-submit")  # the reason is required: the browser keeps the page
        expect(page.locator("#confirm-title")).to_be_visible()
        assert Round.objects.get().state == "scoring"
        assert outside == []
        context.close()
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    login(page, base, "sekretariat")
    page.goto(f"{base}/penilaian/putaran/{aworld.round.pk}/konfirmasi/close/")
    page.fill("#id_reason", "Tenggat SK menteri; dua asesor berhalangan.")
    page.check("#id_confirm")
    page.click("#confirm-submit")
    expect(page.locator("#round-state")).to_have_text("Ditutup")
    context.close()
