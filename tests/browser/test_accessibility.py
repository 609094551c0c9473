"""WCAG 2.1 AA on every page for every role, in Indonesian and in English (axe-core: no serious or critical
violation; the page says its language in ``<html lang>``), and no sideways page scroll at phone width (390 px).
Pages come from the role × route permission matrices (tests/browser/pages.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.rounds import publish_round
from tests.assessment.conftest import aworld  # noqa: F401 - the assessment world fixture
from tests.assessment.test_results import _finish
from tests.browser import pages as p
from tests.browser.session import PASSWORD

pytestmark = pytest.mark.browser
STATES = ("platform", "scoring", "published")
# a round being scored has no page for the public or a region team
DESKTOP, PHONE = {"width": 1366, "height": 900}, {"width": 390, "height": 844}
LOCALES = {"id": "id-ID", "en": "en-GB"}
CASES = [
    (s, r, lang)
    for s in STATES
    for r in p.ROLES
    for lang in LOCALES
    if not (s == "scoring" and r in ("public", "region_team"))
]


@pytest.fixture(scope="module")
def axe() -> str:
    return p.axe_source()


def _pages(state: str, role: str, request, users) -> list[p.PageRef]:  # type: ignore[no-untyped-def]
    if state == "platform":
        world = request.getfixturevalue("world")
        p.make_mentor("63.71")
        return p.platform_pages(role, world)
    aw = request.getfixturevalue("aworld")
    if state == "scoring":
        run_assignment(actor=users["secretariat"], round_=aw.round)
        return p.scoring_pages(role, aw)
    _finish(aw, users)
    publish_round(actor=users["secretariat"], round_=aw.round)
    return p.published_pages(role, aw)


def _log_in(page: Page, base: str, role: str) -> None:
    if role != "public":
        page.goto(base + "/masuk/")
        page.fill("#id_username", p.USERNAMES[role])
        page.fill("#id_password", PASSWORD)
        page.click("#login-submit")
        page.wait_for_selector("#who")


@pytest.mark.parametrize(("state", "role", "lang"), CASES)
def test_every_page_meets_wcag_aa_and_fits_a_phone(
    state, role, lang, request, users, live_server, browser: Browser, axe
):
    """Each page in the browser's language: axe-core at 1366 px, then the page loaded at 390 px must not
    scroll sideways."""
    pages = _pages(state, role, request, users)
    context = browser.new_context(locale=LOCALES[lang], viewport=DESKTOP)
    page = context.new_page()
    _log_in(page, live_server.url, role)
    report, everything, wider = {}, {}, {}
    for ref in pages:
        page.set_viewport_size(DESKTOP)
        p.open_page(page, live_server.url, ref)
        if (shown := page.locator("html").get_attribute("lang")) != lang:
            report[f"{ref.name} {ref.url}"] = [f"<html lang={shown!r}>, not {lang!r}"]
        found = p.violations(page, axe)
        everything[ref.url] = found
        serious = [p.describe(v) for v in found if v["impact"] in ("serious", "critical")]
        if serious:
            report.setdefault(f"{ref.name} {ref.url}", []).extend(serious)
        page.set_viewport_size(PHONE)
        page.reload()  # loaded at phone width, as a phone would (charts size themselves on load)
        if (extra := p.overflow(page)) > 0:
            wider[f"{ref.name} {ref.url}"] = f"{extra} px wider; {', '.join(p.too_wide(page))}"
    context.close()
    p.keep(f"axe-{state}-{role}-{lang}.json", everything)
    p.keep(f"overflow-{state}-{role}-{lang}.json", wider)
    assert report == {}, "WCAG 2.1 AA, serious or critical:\n" + "\n".join(
        f"{k}\n  " + "\n  ".join(v) for k, v in report.items()
    )
    assert wider == {}, "pages wider than 390 px:\n" + "\n".join(f"{k}: {v}" for k, v in wider.items())


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the keyboard focus")


def test_skip_link_and_the_pipeline_board_by_keyboard_alone(live_server, page: Page, world, axe):
    """Tab, Space, arrow keys and Enter move a region on the board and confirm it; no mouse."""
    base = live_server.url
    _log_in(page, base, "secretariat")
    page.goto(base + f"/kohort/{world.own.cohort_id}/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["y"] >= 0  # type: ignore[index]  # shown when focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    _tab_to(page, f'input[name="participation"][value="{world.own.pk}"]')
    page.keyboard.press("Space")
    _tab_to(page, "#bulk-to")
    for _ in range(2):  # "— pilih tahap —" → Komitmen ditandatangani → Mengundurkan diri
        page.keyboard.press("ArrowDown")
    expect(page.locator("#bulk-to")).to_have_value("withdrawn")
    page.keyboard.press("Tab")
    page.keyboard.type("mundur")
    _tab_to(page, "#bulk-apply")
    page.keyboard.press("Enter")
    expect(page.locator("#confirm-title")).to_have_text("Pindahkan 1 daerah")
    assert [v for v in p.violations(page, axe) if v["impact"] in ("serious", "critical")] == []
    _tab_to(page, "#id_confirm")
    page.keyboard.press("Space")
    _tab_to(page, "#confirm-submit")
    page.keyboard.press("Enter")
    expect(page.locator('.column[data-state="withdrawn"] .cardlet')).to_have_text(["Kota Banjarmasin"])


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("state", ["platform", "scoring"])
def test_changed_pages_fit_a_phone_in_both_languages(
    state, lang, request, live_server, browser: Browser, users, screenshot_dir
):
    """English labels are longer: the changed pages fit 390 px in both languages (screenshots kept in
    test-artifacts/screenshots/a11y-*.png for a person to look at)."""
    if state == "platform":
        world = request.getfixturevalue("world")
        shown = {
            "secretariat": {
                "region": "/wilayah/63.71/",
                "pipeline": f"/kohort/{world.own.cohort_id}/",
                "ranking": "/peringkat/",
                "map": "/peta/",
            }
        }
    else:
        aw = request.getfixturevalue("aworld")
        run_assignment(actor=users["secretariat"], round_=aw.round)
        shown = {
            "assessor": {"score": f"/penilaian/tugas/{p.own_assignment('assessor', aw).pk}/"},
            "secretariat": {"round": f"/penilaian/putaran/{aw.round.pk}/"},
        }
    wider = {}
    for role, urls in shown.items():
        context = browser.new_context(locale="id-ID" if lang == "id" else "en-GB", viewport=DESKTOP)
        page = context.new_page()
        _log_in(page, live_server.url, role)
        for name, url in urls.items():
            for size in (PHONE, DESKTOP):
                page.set_viewport_size(size)
                page.goto(live_server.url + url)
                assert page.locator("html").get_attribute("lang") == lang
                shot = screenshot_dir / f"a11y-{name}-{lang}-{size['width']}.png"
                page.screenshot(path=str(shot), full_page=True)
                if size is PHONE and (extra := p.overflow(page)) > 0:
                    wider[name] = f"{extra} px wider; {', '.join(p.too_wide(page))}"
        context.close()
    assert wider == {}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_secretariat_menu_is_a_disclosure_on_a_phone_by_keyboard(
    lang, live_server, browser: Browser, world, axe, screenshot_dir
):
    """At 390 px the links hide behind "Menu" (a <details>): the skip link still comes first, Tab reaches the
    summary, Enter opens it, the next Tab is the first link, Space closes it; axe finds nothing serious either
    way. From 768 px the summary is hidden and the links show."""
    # reduced motion turns Bootstrap's colour transitions off, so axe never measures a link halfway through one
    context = browser.new_context(locale=LOCALES[lang], viewport=PHONE, reduced_motion="reduce")
    page = context.new_page()
    _log_in(page, live_server.url, "secretariat")
    page.goto(live_server.url + f"/kohort/{world.own.cohort_id}/")
    summary, first = page.locator("#kc-menu > summary"), page.locator("#nav-dashboard")
    expect(first).to_be_hidden()
    assert page.locator("header").bounding_box()["height"] < 130  # type: ignore[index]  # was about 250 px
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.goto(live_server.url + f"/kohort/{world.own.cohort_id}/")
    _tab_to(page, "#kc-menu > summary", limit=3)  # skip link, brand, Menu
    page.keyboard.press("Enter")
    expect(first).to_be_visible()
    expect(page.locator("#nav-pipeline")).to_have_attribute("aria-current", "true")
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    assert [v for v in p.violations(page, axe) if v["impact"] in ("serious", "critical")] == []
    page.screenshot(path=str(screenshot_dir / f"menu-open-{lang}-390.png"))
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(first).to_be_hidden()
    assert [v for v in p.violations(page, axe) if v["impact"] in ("serious", "critical")] == []
    page.set_viewport_size(DESKTOP)
    expect(summary).to_be_hidden()
    expect(first).to_be_visible()  # the disclosure is closed, yet the links show from 768 px on
    context.close()
