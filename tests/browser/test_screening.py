"""Screening in the browser: the build form, the run page and the region's trend, in id and en at 390/1366 px.

Screenshots go to test-artifacts/screenshots/screening-*.png.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from kotacerdas.jobs.models import Job
from kotacerdas.jobs.worker import run_queued
from kotacerdas.regions.domain.screening import IndicatorChoice
from kotacerdas.regions.models import IndexRun
from tests.browser.session import USERNAMES, login, stay_local
from tests.platform.test_screening import PANEL, _build, _dataset

pytestmark = pytest.mark.browser
WIDTHS = (390, 1366)
HEADINGS = {"id": "Koherensi statistik", "en": "Statistical coherence"}


def _page(browser: Browser, lang: str, width: int) -> Page:
    context = browser.new_context(
        locale="id-ID" if lang == "id" else "en-US", viewport={"width": width, "height": 900}
    )
    return context.new_page()


def _no_page_scroll(page: Page) -> None:
    wide = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert wide is False


@pytest.mark.parametrize("lang", ["id", "en"])
def test_build_form_run_page_and_trend(live_server, browser: Browser, users, screenshot_dir, lang):
    base = live_server.url
    dataset = _dataset()
    panel_runs = _build(
        _dataset(PANEL, name="panel"),
        framework=[IndicatorChoice("ipm", "IPM"), IndicatorChoice("poverty", "Miskin", -1)],
    )
    for width in WIDTHS:
        page = _page(browser, lang, width)
        outside = stay_local(page, base)
        login(page, base, USERNAMES["secretariat"])
        page.goto(f"{base}/data/{dataset.pk}/indeks/")
        expect(page.locator("#framework tbody tr")).to_have_count(4)
        _no_page_scroll(page)
        page.screenshot(path=str(screenshot_dir / f"screening-build-{lang}-{width}.png"), full_page=True)
        page.goto(f"{base}/wilayah/63.71/?run={panel_runs[0].pk}")
        expect(page.locator("#trend tbody tr")).to_have_count(2)
        _no_page_scroll(page)
        page.screenshot(path=str(screenshot_dir / f"screening-region-{lang}-{width}.png"), full_page=True)
        assert outside == []
        page.context.close()
    # the secretariat fills the table in: names for three indicators, area_km2 left out, one pillar each
    page = _page(browser, lang, 1366)
    login(page, base, USERNAMES["secretariat"])
    page.goto(f"{base}/data/{dataset.pk}/indeks/")
    page.fill("#id_name", "Penyaringan nasional")
    for i, (name, pillar) in enumerate(
        [("IPM", "Sosial"), ("Penduduk miskin", "Sosial"), ("Internet", "Digital")]
    ):
        page.check(f"#id_ind-{i}-include")
        page.fill(f"#id_ind-{i}-name", name)
        page.fill(f"#id_ind-{i}-pillar", pillar)
    page.select_option("#id_ind-1-direction", "-1")
    page.uncheck("#id_ind-3-include")
    page.click("#index-build-submit")
    expect(page).to_have_url(re.compile(r"/pekerjaan/\d+/$"))  # the job exists once its page shows
    assert page.url == f"{base}/pekerjaan/{Job.objects.latest('pk').pk}/"
    run_queued()
    run = IndexRun.objects.get(name="Penyaringan nasional")
    page.context.close()
    for width in WIDTHS:
        page = _page(browser, lang, width)
        login(page, base, USERNAMES["secretariat"])
        page.goto(f"{base}/peringkat/{run.pk}/")
        expect(page.locator("#coherence h2")).to_have_text(HEADINGS[lang])
        expect(page.locator("#coherence-aggregates tbody tr")).to_have_count(3)
        expect(page.locator("#uncertainty-form")).to_be_visible()
        page.screenshot(path=str(screenshot_dir / f"screening-run-{lang}-{width}.png"), full_page=True)
        _no_page_scroll(page)
        page.context.close()
