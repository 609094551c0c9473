"""In the browser: an assessor declares a conflict on their own page; the secretariat sees who declared it.
Screenshots at 390 and 1366 px, Indonesian and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.session import login, stay_local

pytestmark = pytest.mark.browser


def test_assessor_declares_and_the_secretariat_sees_it(page: Page, live_server, aworld, screenshot_dir):
    outside = stay_local(page, live_server.url)
    login(page, live_server.url, "asesor")
    page.click("#nav-inbox")
    page.click("#my-conflicts-link")
    expect(page.locator("#no-conflicts")).to_be_visible()
    page.select_option("#id_submission", label="Evaluasi tahunan uji — Kota Kediri")
    page.fill("#id_reason", "adik saya kepala Bappeda Kediri")
    page.click("#own-conflict-submit")
    expect(page.locator("#my-conflicts")).to_contain_text("adik saya kepala Bappeda Kediri")
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(screenshot_dir / f"own-conflicts-id-{width}.png"), full_page=True)
    page.goto(live_server.url + "/penilaian/konflik-saya/")
    page.evaluate("document.cookie = 'django_language=en; path=/'")
    page.reload()
    expect(page.locator("h1")).to_have_text("My conflicts of interest")
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(screenshot_dir / f"own-conflicts-en-{width}.png"), full_page=True)
    page.context.clear_cookies()
    login(page, live_server.url, "sekretariat")
    page.goto(f"{live_server.url}/penilaian/putaran/{aworld.round.pk}/")
    row = page.locator("#conflicts tr[data-rule=declared]")
    expect(row).to_contain_text("asesor (asesor sendiri)")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(screenshot_dir / "own-conflicts-dashboard-id-1366.png"), full_page=True)
    assert outside == []
