"""The walk shared by the two untranslated-text tests: the demo's main pages per role, their visible text,
and the matching of known texts on word boundaries.

``tests/platform/test_untranslated.py`` looks for English on Indonesian pages,
``tests/platform/test_untranslated_english.py`` for Indonesian on English pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from django.test import Client

import kotacerdas
from kotacerdas.accounts.models import User
from kotacerdas.assessment.models import Assignment, Round
from kotacerdas.jobs.models import Job
from kotacerdas.programme.models import Cohort, Document

SRC = Path(kotacerdas.__file__).parent
CATALOGUES = sorted(SRC.glob("*/locale/en/LC_MESSAGES/django.po"))
DEMO_LOGINS = {
    "public": None,
    "secretariat": "sekretariat",
    "assessor": "asesor",
    "region_team": "tim-banjarmasin",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrf]|%[sdrf]|\{[^}]*\}")
ENGLISH_WORD = re.compile(r"\b(the|is|are|not|of|and|to|has|have|with|from|cannot|must|no)\b")
INDONESIAN_WORD = re.compile(r"\b(yang|dan|di|tidak|atau|dari|untuk|belum|sudah|ke|pada|dengan|bukan)\b")


def fragments(text: str, allowlist: Iterable[str] = ()) -> list[str]:
    """The literal parts of a message around its placeholders, long enough to be unambiguous."""
    allowed = set(allowlist)
    parts = [p.strip(" :;,.()'\"–-") for p in PLACEHOLDER.split(text)]
    return [p for p in parts if p and (" " in p or len(p) >= 4) and p not in allowed]


class _Visible(HTMLParser):
    """The text a person sees or hears: text nodes outside script/style, and a few attributes."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
    SKIPPED = ("script", "style", "pre", "code", "textarea")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skip += 1
        self.parts.extend(v for k, v in attrs if k in self.ATTRIBUTES and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible text, web addresses left out (a source URL is not prose)."""
    parser = _Visible()
    parser.feed(html)
    return " ".join(re.sub(r"https?://\S+", " ", " ".join(parser.parts)).split())


def without_names(text: str, allowlist: Iterable[str]) -> str:
    """``text`` with the allowlist's names of several words blanked (``Kota Cerdas``, ``Dewan Smart City``):
    a name kept on purpose is no finding, and neither is a word inside it (``Kota``, ``City``) that the
    catalogue translates elsewhere. Single allowed words stay, so that sentences around them still match."""
    for name in sorted((a for a in allowlist if " " in a), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ¦ ", text)
    return text


def found_in(text: str, known: set[str]) -> list[str]:
    """The known texts found in ``text`` (whole words, case-sensitive), the longest of overlapping ones."""
    hits = [t for t in known if t in text and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text)]
    return sorted(h for h in hits if not any(h != o and h in o for o in hits))


def demo_pages(role: str) -> list[str]:
    """The main pages of the loaded demo that ``role`` may open."""
    cohort = Cohort.objects.get(year=2026)
    rounds = list(Round.objects.order_by("pk"))
    public = ["/", "/peta/", "/peringkat/", "/wilayah/63.71/", "/wilayah/32.73/", "/masuk/"]
    public += [f"/penilaian/hasil/{r.pk}/" for r in rounds if r.published_at]
    if role == "public":
        return public
    mine = ["/notifikasi/", "/akun/saya/"]
    if role == "region_team":
        return [*public, *mine]
    assessor = ["/penilaian/tugas/"] + [
        f"/penilaian/tugas/{a.pk}/" for a in Assignment.objects.filter(assessor__user__username="asesor")[:3]
    ]
    if role == "assessor":
        return [*public, *mine, *assessor, f"/kohort/{cohort.pk}/", "/data/", "/pekerjaan/"]
    job = Job.objects.order_by("pk").first()
    document = Document.objects.order_by("pk").first()
    assert document is not None
    return [
        *public,
        *mine,
        "/kohort/",
        f"/kohort/{cohort.pk}/",
        f"/kohort/{cohort.pk}/seleksi/",
        f"/kohort/{cohort.pk}/keputusan/",
        "/data/",
        "/data/impor/",
        "/pekerjaan/",
        *([f"/pekerjaan/{job.pk}/"] if job else []),
        "/akun/",
        "/akun/baru/",
        "/akun/impor/",
        "/audit/",
        "/penilaian/",
        "/penilaian/putaran/baru/",
        "/penilaian/asesor/",
        *[f"/penilaian/putaran/{r.pk}/" for r in rounds],
        *[f"/penilaian/penugasan/{a.pk}/ganti/" for a in Assignment.objects.filter(active=True, state="assigned")[:1]],
    ]


def walk(language: str) -> Iterable[tuple[str, str, str]]:
    """Every demo page for every role in ``language``: (page key, html lang, visible text).

    The page key names the role and the URL with the cohort's id as ``{cohort}`` (stable across runs)."""
    cohort = Cohort.objects.get(year=2026).pk
    for role, username in DEMO_LOGINS.items():
        client = Client(headers={"accept-language": language})
        if username:
            client.force_login(User.objects.get(username=username))
        for url in demo_pages(role):
            response = client.get(url, follow=True)
            assert response.status_code == 200, (role, url, response.status_code)
            html = response.content.decode()
            lang = re.search(r'<html lang="([^"]*)"', html)
            page = f"{role} {url}".replace(f"/{cohort}/", "/{cohort}/")
            yield page, lang.group(1) if lang else "", visible_text(html)
