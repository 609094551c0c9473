"""The secretariat reassigns one assignment from the round dashboard: the row's link opens its own page
(what will happen, only the assessors free of the region, nobody preselected); a missing reason is refused
on that page, and once it is given the dashboard shows the replacement."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.models import Assignment
from tests.assessment.conftest import assignment_of, aworld  # noqa: F401 - the assessment world fixture
from tests.browser.session import USERNAMES, login, stay_local

pytestmark = pytest.mark.browser


def test_a_row_of_the_dashboard_is_reassigned_on_its_own_page(live_server, browser: Browser, aworld, users):  # noqa: F811
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    old = assignment_of(aworld, "35.71", "asesor")
    base = live_server.url
    page = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 900}).new_page()
    outside = stay_local(page, base)
    login(page, base, USERNAMES["secretariat"])
    page.goto(f"{base}/penilaian/putaran/{aworld.round.pk}/")
    expect(page.locator("#assignments select")).to_have_count(0)
    page.click(f"#ganti-{old.pk}")
    expect(page.locator("#override-title")).to_have_text("Ganti asesor asesor di Kota Kediri")
    expect(page.locator("#id_assessor option")).to_have_text(["— pilih asesor —", "asesor-4"])
    expect(page.locator("#id_assessor")).to_have_value("")
    page.select_option("#id_assessor", label="asesor-4")
    page.click("#override-submit")  # no reason: the browser or the form refuses, nothing changes
    assert Assignment.objects.get(pk=old.pk).active is True
    page.fill("#id_reason", "asesor sakit")
    page.click("#override-submit")
    expect(page.locator("#round-name")).to_be_visible()
    expect(page.locator("#assignments")).to_contain_text("asesor-4 *")
    assert Assignment.objects.get(pk=old.pk).active is False
    assert outside == []
    page.context.close()
