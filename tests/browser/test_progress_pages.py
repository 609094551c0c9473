"""The progress pages in the browser, in Indonesian and English, at 390 and 1366 px.

Screenshots go to test-artifacts/screenshots/progress-*.png (national, province, region section).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.session import stay_local
from tests.platform.test_progress import programme_world  # noqa: F401 - the shared hand-computed world

pytestmark = pytest.mark.browser
WIDTHS = (390, 1366)
HEADINGS = {"id": "Kemajuan program", "en": "Programme progress"}
BEHIND = {"id": "40,0 %", "en": "40.0 %"}


def _page(browser: Browser, lang: str, width: int) -> Page:
    context = browser.new_context(
        locale="id-ID" if lang == "id" else "en-US", viewport={"width": width, "height": 900}
    )
    return context.new_page()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_progress_pages(live_server, browser: Browser, programme_world, screenshot_dir, lang):  # noqa: F811
    base = live_server.url
    # Banjarmasin's masterplan is public once legalised (a draft's figures stay off the public page)
    programme_world.participations.filter(region__code="63.71").update(legal_instrument="perwali", legal_number="12/2022")
    for width in WIDTHS:
        page = _page(browser, lang, width)
        outside = stay_local(page, base)
        page.goto(f"{base}/kemajuan/")
        expect(page.locator("h1")).to_have_text(HEADINGS[lang])
        expect(page.locator("#share-behind")).to_have_text(BEHIND[lang])
        wide = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert wide is False  # wide tables scroll inside their box, not the page
        page.screenshot(path=str(screenshot_dir / f"progress-national-{lang}-{width}.png"), full_page=True)
        page.locator("#by-area a", has_text="Kalimantan Selatan").click()
        expect(page.locator("#province-name")).to_have_text("Kalimantan Selatan")
        page.screenshot(path=str(screenshot_dir / f"progress-province-{lang}-{width}.png"), full_page=True)
        page.locator("#by-area a").first.click()
        expect(page.locator("#kpi-plan-actual")).to_be_visible()
        page.locator("#kemajuan").screenshot(path=str(screenshot_dir / f"progress-region-{lang}-{width}.png"))
        assert outside == []
        page.context.close()
