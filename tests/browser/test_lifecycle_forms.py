"""The secretariat enrols and moves a region and creates an assessment round, all from the web UI."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.assessment.models import Round
from kotacerdas.programme.models import Participation
from tests.browser.session import USERNAMES, login, stay_local
from tests.platform import factories as f

pytestmark = pytest.mark.browser


def test_secretariat_enrols_transitions_and_creates_a_round(live_server, page: Page, world, screenshot_dir):
    later = f.cohort(2025)
    f.region("35.71")
    base = live_server.url
    outside = stay_local(page, base)
    login(page, base, USERNAMES["secretariat"])

    page.goto(base + "/wilayah/35.71/")
    page.select_option("#enrol-cohort", label="GM100 2025")
    page.select_option("#enrol-state", "invited")
    page.fill('#enrol-form input[name="reason"]', "daftar panjang 2025")
    page.click("#enrol-apply")
    expect(page.locator(".msg.success")).to_have_text("Daerah didaftarkan ke kohort.")
    page.select_option(".transition-to", "assessed")
    page.fill(".transition-reason", "wawancara selesai")
    page.click(".transition-apply")
    expect(page.locator(".msg.success")).to_have_text("Tahap keikutsertaan diperbarui.")
    expect(page.locator(".state-assessed")).to_have_text("Dinilai")
    expect(page.locator(".transition-to option")).to_have_text(
        ["Terpilih", "Tidak terpilih", "Mengundurkan diri"]
    )
    page.screenshot(path=str(screenshot_dir / "secretariat-region-lifecycle.png"), full_page=True)

    page.goto(base + "/wilayah/63.71/")
    page.select_option(".transition-to", "commitment_signed")
    page.fill(".transition-reason", "komitmen ditandatangani")
    page.click(".transition-apply")
    expect(page.locator(".msg.success")).to_have_text("Tahap keikutsertaan diperbarui.")
    page.select_option(".transition-to", "books_submitted")
    page.fill(".transition-reason", "buku diserahkan")
    page.click(".transition-apply")
    expect(page.locator(".msg.error")).to_have_text(
        "Kota Banjarmasin: belum dapat masuk ke Buku 1–4 diserahkan: Buku 2, 3, 4 belum diunggah "
        "(perlu: Buku 1, 2, 3 dan 4 terunggah)"
    )
    page.screenshot(path=str(screenshot_dir / "secretariat-region-refused-transition.png"), full_page=True)

    page.goto(base + "/penilaian/")
    page.click("#new-round")
    page.fill("#round-name-input", "Evaluasi tahunan 2025")
    page.select_option("#round-kind", "yearly")
    page.select_option("#round-rubric", "yearly-evaluation@2")
    page.select_option("#round-cohort", label="GM100 2024")
    page.fill("#round-deadline", "2025-11-30")
    page.screenshot(path=str(screenshot_dir / "secretariat-round-new.png"), full_page=True)
    page.click("#round-create")
    expect(page.locator("#round-name")).to_have_text("Evaluasi tahunan 2025")
    expect(page.locator(".msg.success")).to_have_text("Putaran Evaluasi tahunan 2025 dibuat dengan 2 daerah.")
    page.screenshot(path=str(screenshot_dir / "secretariat-round-created.png"), full_page=True)

    assert Participation.objects.get(region__code="35.71", cohort=later).state == "assessed"
    r = Round.objects.get(name="Evaluasi tahunan 2025")
    assert (r.kind, r.rubric.key, r.submissions.count()) == ("yearly", "yearly-evaluation@2", 2)
    assert outside == []
