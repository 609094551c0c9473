"""Shared steps of the browser tests: keep every request on the live server, and log in."""

from __future__ import annotations

from playwright.sync_api import Page, expect

PASSWORD = "pw-for-tests-123"
USERNAMES = {"secretariat": "sekretariat", "assessor": "asesor", "region_team": "tim-banjarmasin"}


def stay_local(page: Page, base: str) -> list[str]:
    """Abort every request that leaves ``base``; the returned list collects their URLs (must stay empty)."""
    outside: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return outside


def login(page: Page, base: str, username: str) -> None:
    """Log in through the login form and wait until the page names the user."""
    page.goto(base + "/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#who")).to_contain_text(username)
