"""Bahasa Indonesia first, English on request; the compiled catalogues match their sources."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

import kotacerdas
from kotacerdas.assessment.enums import RoundState

CATALOGUES = sorted(Path(kotacerdas.__file__).parent.glob("*/locale/en/LC_MESSAGES/django.po"))


@pytest.mark.django_db
def test_dashboard_in_indonesian_then_english(client):
    assert "<h1>Dasbor nasional</h1>" in client.get("/").content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    html = client.get("/").content.decode()
    assert "<h1>National dashboard</h1>" in html
    assert '<html lang="en">' in html


def test_every_catalogue_is_compiled_and_complete():
    assert [p.parts[-5] for p in CATALOGUES] == [
        "accounts",
        "api",
        "assessment",
        "jobs",
        "monitoring",
        "notifications",
        "programme",
        "regions",
        "web",
    ]
    for po_path in CATALOGUES:
        po = polib.pofile(str(po_path))
        mo = polib.mofile(str(po_path.with_suffix(".mo")))
        # every msgid has a non-empty English msgstr (each plural form too) and none is fuzzy: polib's
        # untranslated_entries() leaves fuzzy entries out, and gettext ignores a fuzzy translation
        assert [e.msgid for e in po if not e.obsolete and not e.translated()] == [], po_path
        # keyed by context too: one msgid may read differently in two contexts (a column, a sheet)
        assert {(e.msgctxt, e.msgid): e.msgstr for e in mo if e.msgid} == {
            (e.msgctxt, e.msgid): e.msgstr for e in po
        }


def test_a_message_has_one_english_translation_across_catalogues():
    """Django merges the apps' catalogues and the first app wins: one msgid translated two ways in two
    apps reads wrongly on the other app's pages (a closed round read "Closes"). Different senses need a
    context or their own msgid."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                english = entry.msgstr or " | ".join(v for _, v in sorted(entry.msgstr_plural.items()))
                seen.setdefault((entry.msgctxt, entry.msgid), {})[path.parts[-5]] = english
    clashes = {key: apps for key, apps in seen.items() if len(set(apps.values())) > 1}
    assert not clashes, clashes


def test_a_closed_round_reads_closed_in_english():
    with translation.override("en"):
        assert str(RoundState.CLOSED.label) == "Closed"
