"""Screenshots of the main pages of a running Kota Cerdas (the demo), to look at the layout by eye.

    kotacerdas demo --no-serve && kotacerdas serve            # in another shell
    python scripts/ui-screenshots.py --base http://127.0.0.1:8000 --out shots/

Takes each page at 390 px (a phone) and 1366 px, in Indonesian and English, as the public, the
secretariat and the assessor of the demo (their published demo logins). Files are named
``<page>-<lang>-<width>.png``. Uses Debian's chromium, as the browser tests do (tests/browser/conftest.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOGINS = {"sekretariat": "demo-sekretariat-2026", "asesor": "demo-asesor-2026"}
WIDTHS = (390, 1366)
LANGS = ("id", "en")


def first_href(page: Page, base: str, url: str, selector: str) -> str | None:
    """The first link matching ``selector`` on ``url`` (to find a cohort, a round, an assignment)."""
    page.goto(base + url)
    link = page.locator(selector).first
    return link.get_attribute("href") if link.count() else None


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", LOGINS[username])
    page.click("#login-submit")
    page.wait_for_selector("#who")


def shoot(page: Page, base: str, out: Path, name: str, url: str) -> None:
    for lang in LANGS:
        page.context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}-{lang}-{width}.png"), full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("test-artifacts/ui-screenshots"))
    parser.add_argument("--only", nargs="*", help="page names to take (default: all)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base, want = args.base.rstrip("/"), set(args.only or [])

    def wanted(name: str) -> bool:
        return not want or name in want

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
        public = browser.new_context(locale="id-ID").new_page()
        for name, url in [
            ("login", "/masuk/"),
            ("dashboard", "/"),
            ("map", "/peta/"),
            ("ranking", "/peringkat/"),
            ("progress", "/kemajuan/"),
            ("region", "/wilayah/63.71/"),
        ]:
            if wanted(name):
                shoot(public, base, args.out, name, url)
        secretariat = browser.new_context(locale="id-ID").new_page()
        log_in(secretariat, base, "sekretariat")
        cohort = first_href(secretariat, base, "/kohort/", "a.pill:has-text('2018')")
        rnd = first_href(secretariat, base, "/penilaian/", "#rounds tr:has-text('2026') a.open-round")
        for name, url in [
            ("pipeline", cohort),
            ("round", rnd),
            ("region-secretariat", "/wilayah/63.71/"),
            ("users", "/akun/"),
            ("datasets", "/data/"),
        ]:
            if url and wanted(name):
                shoot(secretariat, base, args.out, name, url)
        assessor = browser.new_context(locale="id-ID").new_page()
        log_in(assessor, base, "asesor")
        score = first_href(assessor, base, "/penilaian/tugas/", "#inbox a.open-assignment")
        for name, url in [("assessor-inbox", "/penilaian/tugas/"), ("score", score)]:
            if url and wanted(name):
                shoot(assessor, base, args.out, name, url)
        browser.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
