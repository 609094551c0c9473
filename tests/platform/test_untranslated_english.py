"""Every main page, for every role, reads in English when English is asked for: no Indonesian slips through.

The mirror of ``test_untranslated.py``. The demo is loaded and each page rendered with
``Accept-Language: en``; the page must say ``<html lang="en">``. A page fails when its visible text contains
Indonesian we know:

- the literal parts of every ``msgid`` whose English ``msgstr`` differs from it: on an English page the
  catalogue replaces them, so finding one means a text that did not go through ``gettext`` in the request's
  language (a hard-coded copy, a text translated too early, a message stored in Indonesian), and
- Indonesian function words (``yang``, ``dan``, ``tidak``, …): a hard-coded Indonesian sentence that
  never reached a catalogue.

Stored data is not interface text and stays in the language it was written in: region and province
names, dataset and indicator names, document comments, reasons people typed. Every text stored in the
database (character and JSON fields without choices) is blanked out of the page before matching, except a
stored text that is itself a catalogue message (the system wrote it in the language of the moment): that is
a gap. :data:`ALLOWLIST` holds the Indonesian names the English interface keeps on purpose;
docs/developer/i18n.md explains both lists. :data:`KNOWN_GAPS` has the same contract as the Indonesian test's:
it may only shrink.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import polib
import pytest
from django.apps import apps
from django.db import models

from kotacerdas.demo.loader import load_demo
from tests.platform.i18n_walk import (
    CATALOGUES,
    DEMO_LOGINS,
    PLACEHOLDER,
    found_in,
    fragments,
    visible_text,
    walk,
    without_names,
)

#: Indonesian names the English interface keeps: the product's and the programme's names, its jargon
#: (bimtek), the legal instruments (a translation would hide what an official looks for), and the words
#: spelled the same in both languages
ALLOWLIST = frozenset(
    {
        "Kota Cerdas", "Gerakan Menuju 100 Smart City", "bimtek", "Bimtek", "Perda", "Perwali", "Perbup",
        "Masterplan", "masterplan", "Status", "Data", "Target", "Total", "Panel", "panel", "Horizon", "Login", "Token", "quick win", "Quick win", "Quick Win",
        "interval", "total", "E-mail", "Baseline", "Output", "Outcome", "Impact",
    }
)  # fmt: skip
DEMO_ROLES = tuple(DEMO_LOGINS)
#: a language picker names each language in that language (an Indonesian reader looks for "Bahasa Indonesia")
ENDONYMS = ["Bahasa Indonesia"]
#: Indonesian function words that no English sentence has
INDONESIAN_WORD = re.compile(
    r"\b(yang|dan|tidak|belum|sudah|untuk|dengan|atau|dari|pada|oleh|akan|bukan|dalam)\b"
)
#: stored texts people name (a round's name may start from a suggested, translated name: it is data once saved)
NAMED_BY_PEOPLE = {"assessment.round.name", "programme.cohort.name", "regions.indexrun.name"}
#: page → the Indonesian still on it, with the reason (``word:dan`` for a function word)
KNOWN_GAPS: dict[str, set[str]] = {}


def catalogue_indonesian() -> set[str]:
    """The literal parts of every msgid the English catalogue replaces by a different text."""
    found: set[str] = set()
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)):
            if entry.msgstr and entry.msgstr != entry.msgid and not entry.obsolete:
                found.update(fragments(entry.msgid, ALLOWLIST))
    return found


def _catalogue_patterns() -> list[re.Pattern[str]]:
    patterns = []
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)):
            if entry.msgstr != entry.msgid:
                literal = [re.escape(p) for p in PLACEHOLDER.split(entry.msgid)]
                patterns.append(re.compile(".+?".join(literal), re.DOTALL))
    return patterns


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):  # a text with an English sibling (a rubric's ``name_en``) must show it
        for k, v in value.items():
            if not value.get(f"{k}_en"):
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def stored_texts(looks_indonesian: re.Pattern[str]) -> list[str]:
    """Stored data that looks Indonesian, longest first; a stored catalogue message is not data."""
    texts: set[str] = set()
    named: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("kotacerdas."):
            continue
        for field in model._meta.concrete_fields:
            if field.choices or not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            by_people = f"{model._meta.label_lower}.{field.name}" in NAMED_BY_PEOPLE
            for value in model.objects.values_list(field.attname, flat=True).distinct():
                strings = {s.strip() for s in _strings(value) if len(s.strip()) >= 3}
                (named if by_people else texts).update(strings)
    patterns = _catalogue_patterns()
    data = {t for t in texts if looks_indonesian.search(t) and not any(p.fullmatch(t) for p in patterns)}
    data |= {t for t in named if looks_indonesian.search(t)}
    return sorted(data, key=len, reverse=True)


def without(text: str, data: list[str]) -> str:
    for value in data:
        if value in text:
            text = text.replace(value, " ¦ ")
    return text


def indonesian_in(text: str, known: set[str]) -> list[str]:
    """The known Indonesian texts and the Indonesian function words found in ``text``."""
    return found_in(text, known) + sorted({f"word:{m.group(1)}" for m in INDONESIAN_WORD.finditer(text)})


def test_the_detector_flags_indonesian_and_spares_data_and_the_allowlist():
    known = {"Simpan perubahan", "Peringkat"}
    assert indonesian_in("Save · Simpan perubahan · Peringkatnya", known) == ["Simpan perubahan"]
    assert indonesian_in("Region: Kabupaten Pangkajene dan Kepulauan", set()) == ["word:dan"]
    data = ["Kabupaten Pangkajene dan Kepulauan"]
    assert indonesian_in(without("Region: Kabupaten Pangkajene dan Kepulauan", data), set()) == []
    assert "bimtek" not in catalogue_indonesian() and "Simpan" in catalogue_indonesian()
    assert visible_text('<p title="Peta">A<script>var b = "Peringkat";</script></p>') == "Peta A"
    # a stored message of the catalogue is not data: it was written in the language of the moment
    assert any(p.fullmatch("pendamping Kota Jambi") for p in _catalogue_patterns())


@pytest.mark.django_db
def test_main_pages_for_every_role_have_no_indonesian_in_english():
    load_demo(seed=2017)
    known = catalogue_indonesian()
    looks_indonesian = re.compile(
        "|".join([INDONESIAN_WORD.pattern, *(rf"(?<!\w){re.escape(k)}(?!\w)" for k in sorted(known))])
    )
    data = stored_texts(looks_indonesian)
    found: dict[str, list[str]] = {}
    for page, lang, text in walk("en"):
        assert lang == "en", page
        text = without_names(without(text, [*ENDONYMS, *data]), ALLOWLIST)
        hits = set(indonesian_in(text, known))
        expected = KNOWN_GAPS.get(page, set())
        if hits - expected:
            found[page] = sorted(hits - expected)
            for hit in hits - expected:
                if (
                    m := re.search(rf"(?<!\w){re.escape(hit.removeprefix('word:'))}(?!\w)", text)
                ) is not None:
                    found[page].append(f"   …{text[max(0, m.start() - 50) : m.end() + 50]}…")
        assert hits >= expected, f"{page}: no longer shows {sorted(expected - hits)}: shorten KNOWN_GAPS"
    assert not found, "Indonesian on English pages:\n" + "\n".join(
        f"{k}:\n  " + "\n  ".join(v) for k, v in found.items()
    )
