"""The secretariat runs the funnel from the UI: a new cohort, invitations (confirmed), the selection
settings form, the decisions with their reasons; screenshots at 390 and 1366 px in Indonesian and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.jobs.worker import run_queued
from kotacerdas.programme.models import Cohort
from tests.browser.session import USERNAMES, login, stay_local
from tests.platform import factories as f

pytestmark = pytest.mark.browser


def test_secretariat_runs_the_funnel_and_sees_the_decisions(
    live_server, page: Page, users, index_run, screenshot_dir
):
    programme = f.programme()
    base = live_server.url
    outside = stay_local(page, base)
    login(page, base, USERNAMES["secretariat"])
    page.goto(base + "/kohort/baru/")
    page.select_option("#id_programme", str(programme.pk))
    page.fill("#id_name", "GM100 2027")
    page.fill("#id_year", "2027")
    page.fill("#id_target_size", "6")
    page.click("#cohort-save")
    expect(page.locator("#cohort-name")).to_have_text("GM100 2027")
    cohort = Cohort.objects.get(name="GM100 2027")
    page.click("#invite-link")
    page.check('input[name="method"][value="top"]')
    page.fill("#id_n", "12")
    page.fill("#id_note", "daftar panjang 2027")
    page.click("#invite-preview")
    expect(page.locator("h1")).to_contain_text("Undang 12 daerah")
    page.check('input[name="confirm"]')
    page.click("#confirm-submit")
    expect(page.locator('.column[data-state="invited"] .cardlet')).to_have_count(12)
    page.click("#selection-link")
    expect(page.locator("h1")).to_contain_text("GM100 2027")
    page.select_option("#id_eligibility", "invited")
    page.uncheck('input[name="thresholds"]')
    page.click("#selection-submit")
    expect(page.locator("#job-status")).to_have_text("Antre")  # queued for the worker, not run in the request
    # the worker's loop, once, in this process (it shares the live server's database)
    assert run_queued() == 1
    expect(page.locator("#job-status")).to_have_text("Selesai", timeout=60_000)
    page.goto(base + f"/kohort/{cohort.pk}/keputusan/")
    # the invited only: regions never invited are not candidates
    expect(page.locator("#decisions tbody tr")).to_have_count(12)
    expect(page.locator('#decisions tbody tr[data-status="selected"]')).to_have_count(6)
    expect(page.locator("#decisions tbody tr").first).to_contain_text("Terpilih untuk tahap 2027")
    page.goto(base + f"/kohort/{cohort.pk}/")
    expect(page.locator('.column[data-state="selected"] .cardlet')).to_have_count(6)
    expect(page.locator('.column[data-state="not_selected"] .cardlet')).to_have_count(6)

    pages = {
        "cohort-new": "/kohort/baru/",
        "invite": f"/kohort/{cohort.pk}/undang/",
        "selection": f"/kohort/{cohort.pk}/seleksi/",
        "decisions": f"/kohort/{cohort.pk}/keputusan/",
    }
    for language in ("id", "en"):
        if language == "en":
            page.select_option('select[name="language"]', "en")
            expect(page.locator("html")).to_have_attribute("lang", "en")  # the switch has answered
        for width in (390, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width, language)
                page.screenshot(
                    path=str(screenshot_dir / f"funnel-{name}-{language}-{width}.png"), full_page=True
                )
    expect(page.locator("#decisions tbody tr").first).to_contain_text("Selected for phase 2027")
    assert outside == []
