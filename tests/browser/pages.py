"""Every HTML page of the web UI each role may open, taken from the role × route permission matrices.

A page is a GET route of ``web:`` that the matrix answers with 200 for the role. The mentor is an assessor
who mentors a region (the matrices have no column for it: it gets the assessor's pages, with its own
assignment). Three data states cover the pages: the platform's small world, an assessment round being
scored (the scoring form) and a published round (results and feedback).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Page

from kotacerdas.accounts.enums import Role
from kotacerdas.assessment.models import AssessorProfile, Assignment
from tests.assessment import test_permission_matrix as assessment_matrix
from tests.platform import factories as f
from tests.platform import test_permission_matrix as platform_matrix

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "a11y"
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ("public", "secretariat", "assessor", "region_team", "mentor")
USERNAMES = {
    "secretariat": "sekretariat",
    "assessor": "asesor",
    "region_team": "tim-banjarmasin",
    "mentor": "asesor-4",
}
#: GET routes that are not HTML pages (files, geometry, CSV)
NOT_PAGES = {
    "web:map-geometry",
    "web:document",
    "web:audit-csv",
    "web:assessment-summary",  # an XLSX workbook
    "web:assessment-feedback",  # a PDF
    "web:evidence",  # a KPI or quick-win evidence PDF
}
COLUMN = {"public": 0, "secretariat": 1, "assessor": 2, "region_team": 3, "mentor": 2}


@dataclass(frozen=True)
class PageRef:
    name: str  # route name and key, for the report
    url: str


def axe_source() -> str:
    """axe-core's script, installed by ``scripts/install-axe.sh`` (``make browser``) when missing."""
    if not AXE.exists():
        subprocess.run(["bash", str(ROOT / "scripts" / "install-axe.sh")], check=True)
    return AXE.read_text(encoding="utf-8")


def _rows(matrix, role: str):  # type: ignore[no-untyped-def]
    for name, method, key, *expected in matrix:
        page = method == "GET" and name.startswith("web:") and name not in NOT_PAGES
        if page and expected[COLUMN[role]] == "200":
            yield name, key


def make_mentor(region_code: str) -> None:
    """The mentor of the platform world: an assessor who mentors ``region_code``."""
    profile = AssessorProfile.objects.create(
        user=f.user(Role.ASSESSOR, USERNAMES["mentor"]), affiliation="ITS"
    )
    profile.mentored_regions.add(f.region(region_code))


def platform_pages(role: str, world) -> list[PageRef]:  # type: ignore[no-untyped-def]
    pages = []
    for name, key in _rows(platform_matrix.MATRIX, role):
        url = reverse(name, kwargs=platform_matrix._kwargs(key, world))
        pages.append(PageRef(f"{name}[{key}]" if key else name, url))
    return pages


def own_assignment(role: str, aworld) -> Assignment:  # type: ignore[no-untyped-def]
    username = USERNAMES["assessor" if role == "secretariat" else role]
    return Assignment.objects.filter(assessor=aworld.assessors[username], active=True).order_by("pk").first()


def scoring_pages(role: str, aworld) -> list[PageRef]:  # type: ignore[no-untyped-def]
    """A round being scored: the assessors' task lists and scoring forms, the secretariat's round page and
    the reassignment page of one of its rows."""
    if role in ("public", "region_team"):
        return []
    pages = [
        PageRef(
            "web:assessment-score[own]",
            reverse("web:assessment-score", args=[own_assignment(role, aworld).pk]),
        )
    ]
    if role == "secretariat":
        pages.append(PageRef("web:assessment-round", reverse("web:assessment-round", args=[aworld.round.pk])))
        override = reverse("web:assessment-override", args=[own_assignment(role, aworld).pk])
        pages.append(PageRef("web:assessment-override[own]", override))
    else:
        pages.append(PageRef("web:assessment-inbox", reverse("web:assessment-inbox")))
    return pages


def published_pages(role: str, aworld) -> list[PageRef]:  # type: ignore[no-untyped-def]
    pages = []
    for name, key in _rows(assessment_matrix.ASSESSMENT_MATRIX, role):
        if key == "assign_own" and role == "mentor":
            kwargs = {"pk": own_assignment(role, aworld).pk}
        else:
            kwargs = assessment_matrix._kwargs(key, aworld)
        pages.append(PageRef(f"{name}[{key}]" if key else name, reverse(name, kwargs=kwargs)))
    return pages


def open_page(page: Page, base: str, ref: PageRef) -> None:
    response = page.goto(base + ref.url)
    assert response is not None and response.status == 200, (
        f"{ref.name} {ref.url}: {response and response.status}"
    )
    page.wait_for_load_state("load")


def violations(page: Page, source: str) -> list[dict[str, object]]:
    """axe-core's WCAG 2.1 A/AA violations of the page: rule, impact, help and the first offending nodes.

    Reduced motion first: it turns Bootstrap's colour transitions off (and ends a running one), so axe never
    measures the contrast of a button or link halfway through a hover or focus transition, e.g. under the
    mouse left where the login button was."""
    page.emulate_media(reduced_motion="reduce")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)  # evaluated by the browser's debugger protocol: the page's CSP does not apply
    return page.evaluate(
        """async () => {
          const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                         targets: v.nodes.slice(0, 4).map(n => n.target.join(' '))}));
        }"""
    )


def describe(v: dict[str, object]) -> str:
    return f"{v['impact']} {v['id']} ({v['nodes']}): {v['help']} — {', '.join(v['targets'])}"  # type: ignore[arg-type]


def keep(name: str, data: object) -> None:
    """Write a finding to test-artifacts/a11y/ (read by people; the tests assert on their own)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 = no sideways scrolling)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def too_wide(page: Page) -> list[str]:
    """The outermost elements that reach past the viewport's right edge (to say what to fix)."""
    return page.evaluate(
        """() => {
          const past = e => e.getBoundingClientRect().right > window.innerWidth + 0.5;
          const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== 'visible') return a !== document.documentElement &&
                  a !== document.body; return false; };
          return [...document.querySelectorAll('body *')]
            .filter(e => past(e) && !clipped(e) && !(e.parentElement && past(e.parentElement)))
            .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
              (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : ''));
        }"""
    )
