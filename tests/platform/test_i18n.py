"""Bahasa Indonesia first, English on request; the compiled catalogues match their sources."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

import kotacerdas

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
        "assessment",
        "jobs",
        "monitoring",
        "notifications",
        "programme",
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
