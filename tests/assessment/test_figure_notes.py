"""Why a round's figure is missing reads in the reader's language on the results page.

``compute_results`` stores the engine's English ``note`` with its ``note_code`` and ``note_params``; the
page words them through ``error_text`` (``{{ figure|note_text }}``). A note stored before notes kept
their code reads as stored.
"""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from kotacerdas.assessment.domain.results import Ratings, _note, agreement_figures
from kotacerdas.engine.review import calibrate
from kotacerdas.errors import MethodError
from tests.assessment.test_results import _finish


def _identical() -> Ratings:
    """Two regions, each rated 3.0 by one assessor in one slot: no agreement figure can be computed."""
    return Ratings(
        submissions=[None, None],  # type: ignore[list-item]
        assessors=["a", "b"],
        region=[0, 1],
        assessor=[0, 1],
        score=[3.0, 3.0],
    )


def _render(figure: dict[str, object]) -> str:
    return Template("{% load kc_format %}{{ figure|note_text }}").render(Context({"figure": figure}))


def test_agreement_notes_keep_their_code_and_read_in_both_languages():
    figures = agreement_figures(_identical())
    alpha, icc = figures["alpha"], figures["icc"]
    assert alpha["value"] is None
    assert alpha["note_code"] == "alpha_no_pairable_units"
    assert icc["note_code"] == "icc_too_few" and icc["note_params"] == {"targets": 2, "judges": 1}
    with translation.override("en"):
        assert _render(alpha) == "no unit has two or more ratings, so agreement cannot be computed"
        assert _render(icc) == "ICC needs at least 2 complete targets and 2 judges, got 2 × 1"
    with translation.override("id"):
        assert _render(alpha) == (
            "tidak ada unit dengan dua penilaian atau lebih, sehingga kesepakatan tidak dapat dihitung"
        )
        assert _render(icc) == (
            "ICC memerlukan sekurang-kurangnya 2 target lengkap dan 2 penilai, diperoleh 2 × 1"
        )


def test_the_calibration_note_reads_in_both_languages():
    with pytest.raises(MethodError) as caught:
        calibrate([0, 1], [0, 1], [3.0, 4.0], n_regions=2, n_assessors=2)
    note = {"method": "none (raw means)", **_note(caught.value), "effects": {}}
    assert note["note_params"] == {"groups": 2}
    with translation.override("en"):
        assert _render(note) == (
            "the region–assessor design falls apart into 2 unconnected groups, so assessor effects cannot "
            "be compared across them"
        )
    with translation.override("id"):
        assert _render(note) == (
            "rancangan daerah–asesor terpecah menjadi 2 kelompok yang tidak terhubung, sehingga efek asesor "
            "tidak dapat dibandingkan antarkelompok"
        )


def test_a_note_stored_before_codes_reads_as_stored():
    with translation.override("id"):
        assert _render({"value": None, "note": "old English note"}) == "old English note"
        assert _render({"value": 0.5}) == ""


@pytest.mark.django_db
def test_the_results_page_shows_the_notes_in_the_readers_language(aworld, users, client_for):
    _finish(aworld, users)
    r = aworld.round
    r.figures["alpha"] = {"value": None, **agreement_figures(_identical())["alpha"]}
    r.figures["icc"] = {"note": "an old note, stored before codes"}
    with pytest.raises(MethodError) as caught:
        calibrate([0, 1], [0, 1], [3.0, 4.0], n_regions=2, n_assessors=2)
    r.figures["calibration"] = {"method": "none (raw means)", **_note(caught.value), "effects": {}}
    r.save(update_fields=["figures"])
    client = client_for("secretariat")
    url = reverse("web:assessment-results", kwargs={"pk": r.pk})
    page = client.get(url).content.decode()
    assert (
        '<span id="alpha-note">tidak ada unit dengan dua penilaian atau lebih, sehingga kesepakatan tidak dapat '
        "dihitung</span>"
    ) in page
    assert '<span id="icc-note">an old note, stored before codes</span>' in page
    assert '<span id="calibration-note">rancangan daerah–asesor terpecah menjadi 2 kelompok' in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert (
        '<span id="alpha-note">no unit has two or more ratings, so agreement cannot be computed</span>'
        in english
    )
    assert (
        '<span id="calibration-note">the region–assessor design falls apart into 2 unconnected groups'
        in english
    )
