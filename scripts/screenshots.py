"""Screenshots of the main pages for every role, in Indonesian and in English, at phone and desktop width.

Loads the demo into a throw-away data folder (SQLite; ``--data DIR`` keeps and reuses one), serves the
platform on a free local port, logs in as each demo role through the login form, and saves one full-page
PNG per page, language (``id``, ``en``) and width (390 and 1366 px) into the output folder (default
``var/screenshots/``, git-ignored), with an ``index.html`` contact sheet beside them. The pages are the
ones the untranslated-text tests walk (``tests/platform/i18n_walk.py``).

    python scripts/screenshots.py [--out DIR] [--data DIR] [--role ROLE …] [--lang id|en …]
                                  [--width N …] [--only TEXT]

Needs ``make setup`` and the browser (``bash scripts/install-browser.sh``: Debian's ``/usr/bin/chromium``).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser launch settings are the browser tests' own

from local_server import listening_socket, wait_for  # noqa: E402 - scripts/ is on the path of a script run from it
from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402 - needs ROOT on the path

BIN = Path(sys.executable).parent
LOCALES = {"id": "id-ID", "en": "en-GB"}
WIDTHS = {390: 844, 1366: 900}  # width → viewport height


def demo_pages(roles: list[str]) -> tuple[dict[str, list[str]], dict[str, tuple[str, str]]]:
    """Load the demo (when missing) into the configured database; the pages and the login of each role."""
    import django  # here: the environment (data folder) is set by main() first

    django.setup()
    from django.core.management import call_command  # here: after django.setup()
    from tests.platform.i18n_walk import DEMO_LOGINS  # here: the walk needs the models loaded
    from tests.platform.i18n_walk import demo_pages as pages_of  # here: as above

    from kotacerdas.demo.loader import load_demo  # here: after django.setup()
    from kotacerdas.programme.models import Cohort  # here: after django.setup()

    call_command("migrate", verbosity=0)
    if not Cohort.objects.filter(year=2026).exists():
        print("loading the demo …", flush=True)
        load_demo(seed=2017)
    passwords = {username: f"demo-{username}-2026" for username in DEMO_LOGINS.values() if username}
    logins = {role: (u, passwords[u]) for role, u in DEMO_LOGINS.items() if u and role in roles}
    return {role: pages_of(role) for role in roles}, logins


def slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"


def shoot(base: str, out: Path, pages, logins, langs: list[str], widths: list[int], only: str):  # type: ignore[no-untyped-def]
    """Every screenshot; returns the rows of the contact sheet: (role, url, {(lang, width): (file, note)})."""
    from playwright.sync_api import sync_playwright  # here: only when shooting (and after the ORM work)

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for role, urls in pages.items():
            shots: dict[str, dict[tuple[str, int], tuple[str, str]]] = {u: {} for u in urls if only in u}
            for lang in langs:
                context = browser.new_context(locale=LOCALES[lang], viewport={"width": 1366, "height": 900})
                page = context.new_page()
                if role in logins:
                    username, password = logins[role]
                    page.goto(base + "/masuk/")
                    page.fill("#id_username", username)
                    page.fill("#id_password", password)
                    page.click("#login-submit")
                    page.wait_for_selector("#who")
                for url in shots:
                    for width in widths:
                        page.set_viewport_size({"width": width, "height": WIDTHS.get(width, 900)})
                        response = page.goto(base + url)
                        page.wait_for_load_state("load")
                        notes = []
                        if response is None or response.status != 200:
                            notes.append(f"HTTP {response and response.status}")
                        if (shown := page.locator("html").get_attribute("lang")) != lang:
                            notes.append(f"html lang={shown!r}")
                        if (extra := page.evaluate("document.scrollingElement.scrollWidth - innerWidth")) > 0:
                            notes.append(f"{extra} px wider than the screen")
                        name = f"{role}/{slug(url)}-{lang}-{width}.png"
                        (out / role).mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(out / name), full_page=True)
                        shots[url][(lang, width)] = (name, "; ".join(notes))
                        print(f"{name}{'  ' + '; '.join(notes) if notes else ''}", flush=True)
                context.close()
            rows += [(role, url, found) for url, found in shots.items()]
        browser.close()
    return rows


def contact_sheet(rows, langs: list[str], widths: list[int]) -> str:  # type: ignore[no-untyped-def]
    columns = [(lang, width) for lang in langs for width in widths]
    head = "".join(f"<th>{lang} · {width} px</th>" for lang, width in columns)
    body = []
    for role, url, found in rows:
        cells = []
        for column in columns:
            name, note = found.get(column, ("", ""))
            image = f'<a href="{name}"><img src="{name}" alt="{html.escape(name)}" loading="lazy"></a>'
            cells.append(f"<td>{image if name else ''}<br>{html.escape(note)}</td>")
        body.append(
            f"<tr><th>{html.escape(role)}<br><code>{html.escape(url)}</code></th>{''.join(cells)}</tr>"
        )
    return (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Kota Cerdas screenshots</title>'
        "<style>body{font-family:sans-serif}td,th{vertical-align:top;padding:4px;border:1px solid #ccc}"
        "img{max-width:320px;max-height:480px;object-fit:cover;object-position:top}td{color:#a00}</style>"
        f"<h1>Kota Cerdas: {len(rows)} pages</h1><table><tr><th>role · page</th>{head}</tr>"
        + "\n".join(body)
        + "</table></html>\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "var" / "screenshots", help="the PNGs and index.html"
    )
    parser.add_argument(
        "--data", type=Path, help="use (and keep) this data folder instead of a temporary one"
    )
    roles = ["public", "secretariat", "assessor", "region_team"]
    parser.add_argument("--role", action="append", choices=roles, help="only this role (repeatable)")
    parser.add_argument(
        "--lang", action="append", choices=list(LOCALES), help="only this language (repeatable)"
    )
    parser.add_argument("--width", action="append", type=int, help="only this width in px (repeatable)")
    parser.add_argument("--only", default="", help="only the pages whose URL contains this text")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run 'bash scripts/install-browser.sh'")
    data_dir = args.data or Path(tempfile.mkdtemp(prefix="kotacerdas-shots-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.endswith("DATABASE_URL")}
    env.update(KOTACERDAS_DATA_DIR=str(data_dir), KOTACERDAS_MODE="development", KOTACERDAS_DEBUG="0")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p)
    os.environ.update({k: v for k, v in env.items() if k.startswith("KOTACERDAS_")})
    for name in [k for k in os.environ if k.endswith("DATABASE_URL")]:
        del os.environ[name]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.config.settings")
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    pages, logins = demo_pages(args.role or roles)
    listening = listening_socket()
    base = f"http://127.0.0.1:{listening.getsockname()[1]}"
    server_log = (data_dir / "screenshots-server.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [
            str(BIN / "kotacerdas"),
            "serve",
            "--addr",
            f"fd://{listening.fileno()}",
            "--workers",
            "2",
            "--no-worker",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=server_log,
        pass_fds=(listening.fileno(),),
    )
    listening.close()  # the server holds it now
    langs, widths = args.lang or list(LOCALES), args.width or list(WIDTHS)
    try:
        wait_for(base + "/masuk/", seconds=90)
        args.out.mkdir(parents=True, exist_ok=True)
        rows = shoot(base, args.out, pages, logins, langs, widths, args.only)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    (args.out / "index.html").write_text(contact_sheet(rows, langs, widths), encoding="utf-8")
    print(f"{sum(len(r[2]) for r in rows)} screenshots of {len(rows)} pages: {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
