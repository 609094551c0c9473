"""The Content-Security-Policy blocks nothing the pages need: charts draw, Swagger UI starts, the
language switch submits, and the browser reports no CSP violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.session import USERNAMES, login, stay_local

pytestmark = pytest.mark.browser


def _violations(page: Page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text or "CSP" in m.text else None,
    )
    page.on("pageerror", lambda e: found.append(f"page error: {e}"))
    return found


def test_pages_work_under_the_policy(live_server, page: Page, world):
    base = live_server.url
    outside = stay_local(page, base)
    violations = _violations(page)
    login(page, base, USERNAMES["secretariat"])

    page.goto(base + "/")
    expect(page.locator("#chart-islands .main-svg").first).to_be_visible()  # plotly drew the bar chart

    page.goto(base + "/peta/")
    expect(page.locator("#map .main-svg").first).to_be_visible()

    page.select_option("select[name=language]", "en")  # site.js submits the form on change
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.select_option("select[name=language]", "id")
    expect(page.locator("html")).to_have_attribute("lang", "id")

    page.goto(base + "/api/docs/")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()

    assert violations == []
    assert outside == []
