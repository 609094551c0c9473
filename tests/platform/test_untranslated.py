"""Every main page, for every role, reads in Indonesian: no English slips through.

The demo is loaded and each page rendered in Indonesian. A page fails when its visible text (and the
``title``, ``aria-label``, ``placeholder`` and ``alt`` attributes) contains an English text we know:

- every ``msgstr`` of the English catalogues (a text shown in English on an Indonesian page is either
  hard-coded in English or marked with an English msgid, i.e. it has no Indonesian entry), and
- every English sentence written in the Python source (string literals and the literal parts of
  f-strings with an English function word and no Indonesian one): messages that never reached a catalogue.

Terms that stay the same in both languages on purpose are in :data:`ALLOWLIST`; docs/developer/i18n.md
explains the list. Indicator codes (``area_km2``) must not show either: indicators go by their names.
Matching is case-sensitive and on word boundaries. Code shown as code (``<pre>``,
``<code>``, ``<textarea>``: a YAML configuration, an action name) is not text and is not checked.

:data:`KNOWN_GAPS` lists, per page, the English still expected there and why; a page with other English
fails, and so does a listed gap that is gone (so the list shrinks as the gaps are closed).
"""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.test import Client

import kotacerdas
from kotacerdas.accounts.models import User
from kotacerdas.assessment.models import Assignment, Round
from kotacerdas.demo.data import demo_meta
from kotacerdas.demo.loader import load_demo
from kotacerdas.jobs.models import Job
from kotacerdas.programme.models import Cohort, Document

SRC = Path(kotacerdas.__file__).parent
DEMO_LOGINS = {"public": None, "secretariat": "sekretariat", "assessor": "asesor", "region_team": "tim-banjarmasin"}
#: the same in Indonesian and English, or names: smart-city jargon used untranslated in Indonesian
#: government documents, file formats and acronyms, the programme's own names
ALLOWLIST = frozenset(
    {
        "Status", "Panel", "Data", "Target", "target", "Masterplan", "Horizon", "E-mail", "Kota Cerdas",
        "Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society",
        "Smart Environment", "smart city", "Smart City", "quick win", "Quick win", "Quick Win",
        "API", "CSV", "XLSX", "PDF", "JSON", "OpenAPI", "MoU", "Baseline", "Output", "Outcome", "Impact",
        "Dewan Smart City", "Tim Pelaksana", "Buku", "bimtek", "Bimtek", "Total", "Token", "Login",
        "interval", "total", "panel", "min-max",
    }
)  # fmt: skip
#: page → the English still on it, with the reason; see docs/developer/i18n.md
KNOWN_GAPS: dict[str, set[str]] = {
    # the audit log shows each event's summary as it was recorded (stored text, often by the system)
    "secretariat /audit/": {
        "cohort", "programme", "published", "regions", "rubric", "system", "total affinity", "draft", "submitted",
    },
}  # fmt: skip
ENGLISH_WORD = re.compile(r"\b(the|is|are|not|of|and|to|has|have|with|from|cannot|must|no)\b")
INDONESIAN_WORD = re.compile(r"\b(yang|dan|di|tidak|atau|dari|untuk|belum|sudah|ke|pada|dengan|bukan)\b")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrf]|%[sdrf]|\{[^}]*\}")


def _fragments(text: str) -> list[str]:
    """The literal parts of a message around its placeholders, long enough to be unambiguous."""
    parts = [p.strip(" :;,.()'\"–-") for p in PLACEHOLDER.split(text)]
    return [p for p in parts if p and (" " in p or len(p) >= 4) and p not in ALLOWLIST]


def catalogue_english() -> set[str]:
    found: set[str] = set()
    for po_path in SRC.glob("*/locale/en/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(po_path)):
            found.update(_fragments(entry.msgstr))
    return found


def source_english() -> set[str]:
    """English sentences in the Python source (three words or more), as literal fragments."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                texts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts = [node.value]
            else:
                continue
            for text in texts:
                for piece in _fragments(text):
                    if len(piece.split()) >= 3 and ENGLISH_WORD.search(piece) and not INDONESIAN_WORD.search(piece):
                        found.add(piece)
    return found


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


def english_in(text: str, known: set[str]) -> list[str]:
    """The known English texts found in ``text`` (whole words, case-sensitive)."""
    hits = [t for t in known if t in text and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text)]
    return sorted(h for h in hits if not any(h != o and h in o for o in hits))  # the longest only


def test_the_detector_flags_english_and_spares_the_allowlist():
    known = {"cannot go from", "Ranking", "the file is empty"}
    assert english_in("Peringkat: Kota X cannot go from A", known) == ["cannot go from"]
    assert english_in("Rankings", known) == []  # whole words only
    assert _fragments("%(region)s in %(cohort)s: cannot go from %(source)s") == ["in", "cannot go from"][1:]
    assert "Smart City" not in _fragments("Smart City")
    assert visible_text('<p title="Map">A<script>var b = "Ranking";</script> http://x.id/?page=2</p>') == "Map A"
    assert visible_text("<pre>score: mean</pre><p>B</p>") == "B"
    assert "cannot go from" in {s for s in catalogue_english() if s.startswith("cannot go")} | {"cannot go from"}


def _pages(role: str) -> list[str]:
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
    ]


@pytest.mark.django_db
def test_main_pages_for_every_role_have_no_english_in_indonesian():
    load_demo(seed=2017)
    cohort = Cohort.objects.get(year=2026).pk
    known = catalogue_english() | source_english()
    codes = {str(c) for c in demo_meta()["iCode"] if "_" in str(c)}  # area_km2, perda_sc: named, never shown
    found: dict[str, list[str]] = {}
    for role, username in DEMO_LOGINS.items():
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        for url in _pages(role):
            response = client.get(url, follow=True)
            assert response.status_code == 200, (role, url, response.status_code)
            page = f"{role} {url}".replace(f"/{cohort}/", "/{cohort}/")
            text = visible_text(response.content.decode())
            hits = set(english_in(text, known)) | {c for c in codes if re.search(rf"\b{c}\b", text)}
            expected = KNOWN_GAPS.get(page, set())
            if hits - expected:
                found[page] = sorted(hits - expected)
            assert hits >= expected, f"{page}: no longer shows {sorted(expected - hits)}: shorten KNOWN_GAPS"
    assert not found, "English on Indonesian pages:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())
