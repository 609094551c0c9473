"""The secretariat creates a user in the browser; the user list and a profile page in both languages.

Screenshots (Indonesian and English, 390 and 1366 px) go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from rest_framework.authtoken.models import Token

from kotacerdas.accounts.models import User
from tests.browser.session import login, stay_local

pytestmark = pytest.mark.browser


def test_secretariat_creates_a_region_team_in_the_form(live_server, page: Page, users):
    outside = stay_local(page, live_server.url)
    login(page, live_server.url, "sekretariat")
    page.click("#nav-users")
    page.click("#user-create")
    page.fill("#id_username", "tim-banjarmasin-2")
    page.fill("#id_name", "Rina Hartati")
    page.fill("#id_email", "rina@banjarmasinkota.go.id")
    page.select_option("#id_role", "region_team")
    page.click("#user-save")
    expect(page.locator(".errorlist")).to_contain_text("daerah wajib untuk tim daerah")  # no region chosen
    page.select_option("#id_region", label="Kota Banjarmasin (63.71)")
    page.click("#user-save")
    expect(page.locator("h1")).to_contain_text("tim-banjarmasin-2")
    expect(page.locator("#user-invite")).to_be_visible()  # no password yet: the invitation can be resent
    assert User.objects.get(username="tim-banjarmasin-2").region.code == "63.71"
    assert outside == []


@pytest.mark.parametrize("width", [1366, 390])
def test_user_list_and_profile_in_both_languages(live_server, page: Page, users, width, screenshot_dir):
    outside = stay_local(page, live_server.url)
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server.url, "sekretariat")
    for language, list_title, profile_title in (
        ("id", "Pengguna", "Profil saya"),
        ("en", "Users", "My profile"),
    ):
        if language == "en":
            with page.expect_navigation():
                page.select_option('select[name="language"]', "en")
        page.goto(live_server.url + "/akun/")
        expect(page.locator("h1")).to_have_text(list_title)
        expect(page.locator("#users tbody tr")).to_have_count(3)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(
            path=str(screenshot_dir / f"secretariat-users-{width}-{language}.png"), full_page=True
        )
        page.click("#who")
        expect(page.locator("h1")).to_have_text(profile_title)
        page.click("#token-issue")
        expect(page.locator("#new-token code")).to_be_visible()
        assert (
            page.locator("#new-token code").inner_text() == Token.objects.get(user=users["secretariat"]).key
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(screenshot_dir / f"profile-{width}-{language}.png"), full_page=True)
    assert outside == []
