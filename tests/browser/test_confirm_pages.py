"""The confirmation pages of public and destructive actions, in Indonesian and English, at 390 and 1366 px.

Each page says what will happen, and nothing happens until its box is ticked. Screenshots go to
test-artifacts/screenshots/confirm-*.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from kotacerdas.programme.models import Participation
from kotacerdas.regions.models import IndexRun
from tests.browser.session import USERNAMES, login, stay_local

pytestmark = pytest.mark.browser
WIDTHS = (390, 1366)
TITLES = {
    "id": "Tarik hasil indeks dari publik: Indeks 2024",
    "en": "Withdraw the index result from the public: Indeks 2024",
}


def _page(browser: Browser, lang: str, width: int) -> Page:
    context = browser.new_context(
        locale="id-ID" if lang == "id" else "en-US", viewport={"width": width, "height": 900}
    )
    return context.new_page()


def _no_page_scroll(page: Page) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert wide is False


@pytest.mark.parametrize("lang", ["id", "en"])
def test_withdrawing_an_index_run_is_confirmed(live_server, browser: Browser, world, screenshot_dir, lang):
    base = live_server.url
    for width in WIDTHS:
        page = _page(browser, lang, width)
        outside = stay_local(page, base)
        login(page, base, USERNAMES["secretariat"])
        page.goto(f"{base}/peringkat/?run={world.run.pk}")
        page.click("#publish")
        expect(page.locator("#confirm-title")).to_have_text(TITLES[lang])
        _no_page_scroll(page)
        page.screenshot(path=str(screenshot_dir / f"confirm-index-run-{lang}-{width}.png"), full_page=True)
        page.click("#confirm-submit")  # required box: nothing happens
        assert IndexRun.objects.get(pk=world.run.pk).published is True
        assert outside == []
        page.context.close()
    page = _page(browser, lang, 1366)
    login(page, base, USERNAMES["secretariat"])
    page.goto(f"{base}/peringkat/{world.run.pk}/terbitkan/")
    page.check("#id_confirm")
    page.click("#confirm-submit")
    expect(page).to_have_url(f"{base}/peringkat/?run={world.run.pk}")  # the withdrawal is stored by then
    assert IndexRun.objects.get(pk=world.run.pk).published is False
    page.context.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_bulk_withdrawal_is_confirmed(live_server, browser: Browser, world, screenshot_dir, lang):
    base = live_server.url
    for width in WIDTHS:
        page = _page(browser, lang, width)
        login(page, base, USERNAMES["secretariat"])
        page.goto(f"{base}/kohort/{world.own.cohort_id}/")
        page.check(f'input[name="participation"][value="{world.own.pk}"]')
        page.check(f'input[name="participation"][value="{world.other.pk}"]')
        page.select_option("#bulk-to", "withdrawn")
        page.click("#bulk-apply")
        expect(page.locator("#consequences li").nth(1)).to_have_text("Kota Bandung, Kota Banjarmasin")
        _no_page_scroll(page)
        page.screenshot(path=str(screenshot_dir / f"confirm-bulk-{lang}-{width}.png"), full_page=True)
        page.context.close()
    assert set(Participation.objects.values_list("state", flat=True)) == {"guidance"}
