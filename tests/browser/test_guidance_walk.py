"""The guidance walk (issue 12 §5) in one browser session, with screenshots (test-artifacts/screenshots/walk-*.png):

a mentor (an assessor who mentors Banjarmasin) comments on Buku 2 and asks for a revision → the region team
sees the notification (badge, inbox), replies and uploads Buku 2 v2 → the mentor accepts v2 → the
secretariat opens the 2027 reporting window → the region team reports its 2027 KPI actual with a PDF as
evidence → the national progress page moves (KPI attainment, share not reported, books accepted).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.masterplans import add_programme
from kotacerdas.monitoring.models import KpiActual, ReportingWindow
from kotacerdas.notifications.domain.inbox import mark_all_read
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.models import Document
from tests.browser.pages import USERNAMES as ALL_USERNAMES
from tests.browser.pages import make_mentor
from tests.browser.session import USERNAMES, login, stay_local
from tests.platform import factories as f

pytestmark = pytest.mark.browser
MENTOR = ALL_USERNAMES["mentor"]


def _as(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    login(page, base, username)


def _figures(page: Page, base: str) -> dict[str, str]:
    """The national figures the walk moves (read logged in: anonymous visitors get a cached page)."""
    page.goto(base + "/kemajuan/")
    keys = ("total-attainment", "share-no_report", "share-on_track", "total-books")
    return {key: page.locator(f"#{key}").inner_text() for key in keys}


def test_guidance_walk(live_server, page: Page, world, users, screenshot_dir):
    base = live_server.url
    outside = stay_local(page, base)
    shot = str(screenshot_dir / "walk-{}.png")
    make_mentor("63.71")
    plan = world.quick_win.masterplan
    programme = add_programme(
        actor=SYSTEM,
        masterplan=plan,
        name="Layanan Air Bersih Pintar",
        dimension="environment",
        sub_dimension="energy",
        horizon=5,
        owner_opd="PDAM Bandarmasih",
        budget_source="apbd",
        budget_amount=2_500_000_000,
        start_year=2025,
    )
    kpi = save_kpi(
        actor=SYSTEM,
        programme=programme,
        name="Rumah tangga terlayani meter pintar",
        unit="%",
        targets={2026: 30.0, 2027: 50.0, 2028: 70.0},
        baseline=10.0,
        baseline_year=2024,
    )
    v1 = submit_book(actor=SYSTEM, participation=world.own, book=2, name="buku2.pdf", content=f.PDF)
    for person in users.values():
        mark_all_read(actor=person)  # the set-up's lifecycle notices are old news
    region = base + "/wilayah/63.71/"

    _as(page, base, USERNAMES["secretariat"])
    before = _figures(page, base)
    assert before["share-no_report"] == "100,0 %"  # no programme has reported yet
    assert before["total-attainment"] == "–"

    # 1. the mentor comments on Buku 2 and asks for a revision
    _as(page, base, MENTOR)
    page.goto(region)
    book = f"#dokumen-{v1.pk}"
    page.fill(f"{book} .thread-form textarea", "Bab 3 belum memuat target KPI air bersih per tahun.")
    page.fill(f"{book} .page-input", "22")
    page.click(f"{book} .thread-apply")
    expect(page.locator(".msg.success")).to_have_text("Komentar tersimpan.")
    page.select_option(f"{book} .review-form select", "revision")
    page.fill(f"{book} .review-form input[name=reason]", "Tambahkan target tahunan.")
    page.click(f"{book} .review-apply")
    expect(page.locator(f"{book} .review")).to_have_text("perlu revisi")
    page.locator(book).screenshot(path=shot.format("1-mentor-comment"))

    # 2. the region team sees the notification, replies and uploads v2
    _as(page, base, USERNAMES["region_team"])
    expect(page.locator("#unread-count")).to_have_text("2")
    page.click("#nav-inbox-notifications")
    expect(page.locator("#inbox tbody tr.unread td:nth-child(2)")).to_have_text(
        [
            "Buku 2 versi 1 Kota Banjarmasin: perlu revisi.",
            f"{MENTOR} mengomentari Buku 2 versi 1 Kota Banjarmasin.",
        ]
    )
    page.screenshot(path=shot.format("2-team-inbox"))
    page.locator("#inbox tbody tr").nth(1).locator("button[name=open]").click()
    expect(page).to_have_url(f"{region}#dokumen-{v1.pk}")
    page.fill(f"{book} .reply-form textarea", "Target tahunan ada di Bab 3, hlm. 22–23.")
    page.click(f"{book} .reply-apply")
    expect(page.locator(".msg.success")).to_have_text("Balasan tersimpan.")
    upload = page.locator(f'form[action="/partisipasi/{world.own.pk}/dokumen/"]')
    upload.locator("select[name=book]").select_option("2")
    upload.locator("input[type=file]").set_input_files(
        {"name": "buku2-v2.pdf", "mimeType": "application/pdf", "buffer": f.PDF + b"% v2\n"}
    )
    upload.locator("button").click()
    expect(page.locator(".msg.success")).to_have_text("Dokumen tersimpan.")
    v2 = Document.objects.get(participation=world.own, book=2, version=2)
    expect(page.locator(f"#dokumen-{v2.pk} .review")).to_have_text("menunggu telaah")

    # 3. the mentor is told, and accepts v2
    _as(page, base, MENTOR)
    expect(page.locator("#unread-count")).to_have_text("2")  # the team's reply, and v2 answering
    page.goto(region)
    fresh = f"#dokumen-{v2.pk}"
    page.select_option(f"{fresh} .review-form select", "accepted")
    page.fill(f"{fresh} .review-form input[name=reason]", "Target tahunan lengkap.")
    page.click(f"{fresh} .review-apply")
    expect(page.locator(f"{fresh} .review")).to_have_text("diterima")
    page.locator(".books").first.screenshot(path=shot.format("3-mentor-accepts"))

    # 4. the secretariat opens the 2027 reporting window
    _as(page, base, USERNAMES["secretariat"])
    page.goto(base + "/jendela-pelaporan/")
    today = timezone.localdate()
    page.fill("#id_year", "2027")
    page.fill("#id_opens_on", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_closes_on", (today + dt.timedelta(days=90)).isoformat())
    page.click("#window-save")
    expect(page.locator("#windows tbody tr").first.locator("td").first).to_have_text("2027")
    page.screenshot(path=shot.format("4-window-opened"))
    assert ReportingWindow.objects.get(year=2027).opened_by == users["secretariat"]

    # 5. the region team is told, and reports its 2027 actual with a PDF as evidence
    _as(page, base, USERNAMES["region_team"])
    # the revision notice the team did not open, the acceptance, and the window
    expect(page.locator("#unread-count")).to_have_text("3")
    page.click("#nav-inbox-notifications")
    expect(page.locator("#inbox tbody tr.unread td:nth-child(2)").first).to_contain_text(
        "Pelaporan capaian KPI tahun 2027 dibuka"
    )
    page.goto(f"{base}/masterplan/{plan.pk}/capaian/")
    page.select_option("#actual_year", "2027")
    page.select_option("#actual_kpi", str(kpi.pk))
    page.fill("#actual_value", "46")
    page.locator("#actual_evidence_file").set_input_files(
        {"name": "meter-pintar-2027.pdf", "mimeType": "application/pdf", "buffer": f.PDF}
    )
    page.click("#actual-save")
    expect(page.locator(".msg.success")).to_have_text("Capaian tersimpan.")
    expect(page.locator("#actuals")).to_contain_text("46")
    page.screenshot(path=shot.format("5-team-actual"), full_page=True)
    actual = KpiActual.objects.get(kpi=kpi, year=2027)
    assert actual.value == 46.0 and actual.evidence_file.name.endswith(".pdf")

    # 6. the national progress page moves
    after = _figures(page, base)
    page.locator("#overall").screenshot(path=shot.format("6-progress"))
    assert after["total-attainment"] == "92,0 %"  # 46 of 50
    assert after["share-no_report"] == "50,0 %"  # Sungai Digital still has no KPI actual
    assert after["share-on_track"] == before["share-on_track"] == "0,0 %"  # 92 % is below 95 %
    assert (before["total-books"], after["total-books"]) == ("0/8", "1/8")  # Buku 2 accepted
    assert outside == []
