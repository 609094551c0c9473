"""The region team edits its masterplan and reports a KPI actual in the browser; screenshots of the
masterplan, its edit form and the KPI actuals page in Indonesian and English at 390 and 1366 px."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.monitoring.domain.budgets import set_budget
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.reporting import open_reporting_window, report_actual
from kotacerdas.monitoring.models import KpiActual
from tests.browser.session import USERNAMES, login, stay_local

pytestmark = pytest.mark.browser


def _shoot(page: Page, path: str) -> None:
    """The whole page at phone and desktop width; nothing may widen the page sideways."""
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=path.format(width=width), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1366, "height": 900})


def test_region_team_edits_its_masterplan_and_reports_an_actual(
    live_server, page: Page, world, screenshot_dir
):
    base = live_server.url
    outside = stay_local(page, base)
    item = world.quick_win
    plan = item.masterplan
    kpi = save_kpi(
        actor=SYSTEM,
        programme=item,
        name="Perjalanan sungai tercatat",
        unit="%",
        targets={2025: 40.0, 2026: 60.0, 2030: 90.0},
        baseline=12.5,
        baseline_year=2024,
    )
    set_budget(actor=SYSTEM, programme=item, year=2024, planned=750_000_000, realised=690_000_000)
    today = timezone.localdate()
    open_reporting_window(
        actor=SYSTEM, year=2024, opens_on=dt.date(2025, 1, 6), closes_on=dt.date(2025, 3, 31)
    )
    report_actual(actor=SYSTEM, kpi=kpi, year=2024, value=18.0, note="sintetis", synthetic=True)
    open_reporting_window(
        actor=SYSTEM,
        year=2025,
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=60),
    )
    login(page, base, USERNAMES["region_team"])

    page.goto(f"{base}/masterplan/{plan.pk}/ubah/")
    page.fill("#id_vision", "Banjarmasin Baiman: kota sungai yang cerdas dan inklusif")
    _shoot(page, str(screenshot_dir / "masterplan-edit-id-{width}.png"))
    page.click("#masterplan-save")
    expect(page.locator(".msg.success")).to_have_text("Tersimpan.")
    page.click("#programme-add")
    page.fill("#id_name", "Satu Data Banjarmasin")
    page.select_option("#id_dimension", "governance")
    page.select_option("#id_sub_dimension", "policy")
    page.select_option("#id_horizon", "5")
    page.fill("#id_owner_opd", "Diskominfo")
    page.fill("#id_budget_amount", "1250000000")
    page.fill("#id_start_year", "2025")
    page.click("#masterplan-save")
    expect(page.locator("#programmes")).to_contain_text("Satu Data Banjarmasin")
    expect(page.locator("#programmes")).to_contain_text("Rp 1.250.000.000")
    expect(page.locator("#budgets")).to_contain_text("Rp 690.000.000")
    _shoot(page, str(screenshot_dir / "masterplan-id-{width}.png"))

    page.click("#kpi-actuals-link")
    page.select_option("#actual_kpi", str(kpi.pk))
    page.fill("#actual_value", "27.5")
    page.fill("#actual_evidence_url", "https://data.banjarmasinkota.go.id/sungai-2025")
    page.click("#actual-save")
    expect(page.locator(".msg.success")).to_have_text("Capaian tersimpan.")
    expect(page.locator("#actuals")).to_contain_text("27,5")
    _shoot(page, str(screenshot_dir / "kpi-actuals-id-{width}.png"))
    assert KpiActual.objects.get(year=2025).value == 27.5

    page.select_option('select[name="language"]', "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("KPI actuals")
    _shoot(page, str(screenshot_dir / "kpi-actuals-en-{width}.png"))
    page.goto(f"{base}/masterplan/{plan.pk}/ubah/")
    expect(page.locator("label").first).to_contain_text("Vision")
    _shoot(page, str(screenshot_dir / "masterplan-edit-en-{width}.png"))
    page.goto(f"{base}/masterplan/{plan.pk}/")
    expect(page.locator("#visibility")).to_contain_text("Not public yet")
    _shoot(page, str(screenshot_dir / "masterplan-en-{width}.png"))
    assert outside == []
