"""The secretariat runs a cohort's selection from the UI and reads the decisions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.jobs.worker import run_queued
from tests.browser.session import USERNAMES, login, stay_local
from tests.platform import factories as f

pytestmark = pytest.mark.browser


def test_secretariat_runs_a_selection_and_sees_the_decisions(
    live_server, page: Page, users, index_run, screenshot_dir
):
    cohort = f.cohort(2026, target=10)
    base = live_server.url
    outside = stay_local(page, base)
    login(page, base, USERNAMES["secretariat"])
    page.goto(base + f"/kohort/{cohort.pk}/")
    page.click("#selection-link")
    expect(page.locator("h1")).to_contain_text("GM100 2026")
    page.fill("#selection-config", "quotas:\n  - {by: province, max: 1}\n  - {by: island_group, min: 1}\n")
    page.uncheck('input[name="thresholds"]')
    page.screenshot(path=str(screenshot_dir / "secretariat-selection-form.png"), full_page=True)
    page.click("#selection-submit")
    expect(page.locator("#job-status")).to_have_text("Antre")  # queued for the worker, not run in the request
    assert run_queued() == 1  # the worker's loop, once, in this process (it shares the live server's database)
    expect(page.locator("#job-status")).to_have_text("Selesai", timeout=60_000)
    page.click("#job-decisions")
    expect(page.locator("#decisions tbody tr")).to_have_count(514)
    page.click('#status-filter a[data-status="selected"]')
    expect(page.locator('#decisions tbody tr[data-status="selected"]')).to_have_count(10)
    expect(page.locator("#decisions tbody tr")).to_have_count(10)
    page.screenshot(path=str(screenshot_dir / "secretariat-selection-decisions.png"), full_page=True)
    page.goto(base + f"/kohort/{cohort.pk}/")
    expect(page.locator('.column[data-state="selected"] .cardlet')).to_have_count(10)
    assert outside == []
