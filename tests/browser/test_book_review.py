"""Review of Buku 2 in the browser: an assessor (a mentor) comments and asks for revision, the region team
is notified, replies and uploads v2, the assessor accepts it; screenshots in Indonesian and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.notifications.domain.inbox import mark_all_read
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.models import Document
from tests.browser.session import USERNAMES, login, stay_local
from tests.platform import factories as f

pytestmark = pytest.mark.browser


def _switch_user(page: Page, base: str, role: str) -> None:
    page.context.clear_cookies()
    login(page, base, USERNAMES[role])


def _shoot(page: Page, book: str, path: str) -> None:
    """The documents section of the region page at phone and desktop width."""
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator(book).scroll_into_view_if_needed()
        page.locator(".books").first.screenshot(path=path.format(width=width))
        spill = page.evaluate(
            "w => [...document.querySelectorAll('.books, .books *')]"
            ".filter(e => e.getBoundingClientRect().right > w).map(e => e.tagName + '.' + e.className)",
            width,
        )
        assert spill == []  # nothing of the documents section spills sideways
    page.set_viewport_size({"width": 1366, "height": 900})


def test_buku_2_is_reviewed_answered_and_accepted(live_server, page: Page, world, users, screenshot_dir):
    base = live_server.url
    outside = stay_local(page, base)
    v1 = submit_book(actor=SYSTEM, participation=world.own, book=2, name="buku2.pdf", content=f.PDF)
    for person in users.values():
        mark_all_read(actor=person)  # the set-up's lifecycle notices are old news
    region = base + "/wilayah/63.71/"

    login(page, base, USERNAMES["assessor"])
    page.goto(region)
    book = f"#dokumen-{v1.pk}"
    page.fill(f"{book} .thread-form textarea", "Peta jalan 2025–2029 belum memuat anggaran per tahun.")
    page.fill(f"{book} .page-input", "14")
    page.click(f"{book} .thread-apply")
    expect(page.locator(".msg.success")).to_have_text("Komentar tersimpan.")
    expect(page.locator(f"{book} .thread .page")).to_have_text("hlm. 14")
    page.select_option(f"{book} .review-form select", "revision")
    page.fill(f"{book} .review-form input[name=reason]", "Lengkapi anggaran peta jalan.")
    page.click(f"{book} .review-apply")
    expect(page.locator(".msg.success")).to_have_text("Status telaah diperbarui.")
    expect(page.locator(f"{book} .review")).to_have_text("perlu revisi")

    _switch_user(page, base, "region_team")
    expect(page.locator("#unread-count")).to_have_text("2")
    page.click("#nav-inbox-notifications")
    expect(page.locator("#inbox tbody tr.unread td:nth-child(2)")).to_have_text(
        [
            "Buku 2 versi 1 Kota Banjarmasin: perlu revisi.",
            "asesor mengomentari Buku 2 versi 1 Kota Banjarmasin.",
        ]
    )
    page.locator("#inbox tbody tr").first.locator("button[name=open]").click()
    expect(page).to_have_url(f"{region}#dokumen-{v1.pk}")
    expect(page.locator(f"{book} .thread-form")).to_have_count(0)  # the team replies, it opens no thread
    page.fill(f"{book} .reply-form textarea", "Anggaran per tahun sudah ditambahkan di hlm. 14–16.")
    page.click(f"{book} .reply-apply")
    expect(page.locator(".msg.success")).to_have_text("Balasan tersimpan.")
    upload = page.locator(f'form[action="/partisipasi/{world.own.pk}/dokumen/"]')
    upload.locator("select[name=book]").select_option("2")
    upload.locator("input[type=file]").set_input_files(
        {"name": "buku2-revisi.pdf", "mimeType": "application/pdf", "buffer": f.PDF + b"% v2\n"}
    )
    upload.locator("button").click()
    expect(page.locator(".msg.success")).to_have_text("Dokumen tersimpan.")
    v2 = Document.objects.get(participation=world.own, book=2, version=2)
    expect(page.locator(f"#dokumen-{v2.pk} .review")).to_have_text("menunggu telaah")
    expect(page.locator(f"{book} .review")).to_have_text("dijawab dengan versi baru")

    _switch_user(page, base, "assessor")
    expect(page.locator("#unread-count")).to_have_text("2")  # the team's reply, and v2 answering
    page.goto(region)
    fresh = f"#dokumen-{v2.pk}"
    page.select_option(f"{fresh} .review-form select", "accepted")
    page.fill(f"{fresh} .review-form input[name=reason]", "Anggaran lengkap.")
    page.click(f"{fresh} .review-apply")
    expect(page.locator(f"{fresh} .review")).to_have_text("diterima")
    page.click(f"{book} .resolve-apply")
    expect(page.locator(".msg.success")).to_have_text("Utas komentar ditandai selesai.")
    expect(page.locator(f"{book} .resolved-by")).to_contain_text("selesai (asesor,")
    page.locator(f"{book} .review-history summary").click()
    _shoot(page, fresh, str(screenshot_dir / "book-review-id-{width}.png"))

    page.select_option('select[name="language"]', "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(region)
    expect(page.locator(f"{fresh} .review")).to_have_text("accepted")
    expect(page.locator(f"{book} .review")).to_have_text("answered by a new version")
    expect(page.locator(f"{book} .thread .page")).to_have_text("p. 14")
    page.locator(f"{book} .review-history summary").click()
    expect(page.locator(f"{book} .review-history li")).to_have_count(2)
    _shoot(page, fresh, str(screenshot_dir / "book-review-en-{width}.png"))

    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.review_status, v2.review_status) == ("answered", "accepted")
    assert outside == []
