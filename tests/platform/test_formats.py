"""Indonesian formats on the pages: ``1 Maret 2024``, ``3,31``, ``Rp 700.000.000``; English in English."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.template import Context, Template
from django.utils import translation

from kotacerdas.programme.lifecycle import State
from tests.platform import factories as f
from tests.platform.i18n_walk import visible_text

pytestmark = pytest.mark.django_db


def _render(text: str, **context: object) -> str:
    return Template("{% load kc_format %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", "6 Desember 2026 | 3,31 | Rp 700.000.000 | 6 Desember 2026, 14.05"),
        ("en", "Dec. 6, 2026 | 3.31 | Rp 700,000,000 | Dec. 6, 2026, 2:05 p.m."),
    ],
)
def test_dates_numbers_and_rupiah_in_each_language(language, expected):
    with translation.override(language):
        assert (
            _render(
                '{{ day|date }} | {{ score|floatformat:2 }} | {{ amount|rupiah }} | {{ at|date:"DATETIME_FORMAT" }}',
                day=dt.date(2026, 12, 6),
                score=3.3125,
                amount=700_000_000,
                at=dt.datetime(2026, 12, 6, 14, 5),
            )
            == expected
        )


@pytest.mark.parametrize(("language", "expected"), [("id", "31 Desember 2026 | kamis"), ("en", "Dec. 31, 2026 | kamis")])
def test_a_date_stored_as_iso_text_reads_in_the_readers_format(language, expected):
    """A presentation schedule keeps its days as ISO text in JSON; the round page shows them as dates."""
    with translation.override(language):
        assert _render("{{ day|iso_date }} | {{ other|iso_date }}", day="2026-12-31", other="kamis") == expected


def test_the_region_history_shows_dates_as_officials_write_them(client_for):
    f.participation("63.71", state=State.GUIDANCE)  # bimtek 1 and the MoU on 1 March 2024
    client = client_for("public")
    page = html.unescape(client.get("/wilayah/63.71/").content.decode())
    assert "Bimtek 1: 1 Maret 2024–1 Maret 2024" in page
    assert "2024-03-01" not in visible_text(page)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Bimtek 1: March 1, 2024–March 1, 2024" in html.unescape(
        client.get("/wilayah/63.71/").content.decode()
    )
