"""The platform's own reasons for a participation's steps: stored as code and parameters, shown in the
reader's language; older English rows are given their code by the migration."""

from __future__ import annotations

import importlib

import pytest
from django.utils import translation

from kotacerdas.programme.step_reasons import StepReason, render

MIGRATION = importlib.import_module("kotacerdas.programme.migrations.0004_state_change_reason_code")


@pytest.mark.parametrize(
    ("reason", "indonesian", "english"),
    [
        (StepReason("selection_run"), "dinilai dalam seleksi", "assessed in the selection"),
        (StepReason("bimtek_started", {"stage": 1}), "bimtek 1 dimulai", "bimtek 1 started"),
        (StepReason("substitutes", {"region": "Kota Batu"}), "menggantikan Kota Batu", "substitutes Kota Batu"),
        (StepReason("slot_taken", {"region": "Kota Batu"}), "tempatnya diisi Kota Batu", "slot taken by Kota Batu"),
        (StepReason("reselected", {"cohort": "GM100 2024"}), "dipilih kembali setelah GM100 2024",
         "re-selected after GM100 2024"),
        (StepReason("invited", {"method": "top", "n": 30, "run": "IKD 2025", "rank": 4, "score": 81.25}),
         "30 teratas dari IKD 2025: peringkat 4, skor 81,25", "top 30 of IKD 2025: rank 4, score 81.25"),
        (StepReason("invited", {"method": "threshold", "threshold": 0.5, "run": "R", "rank": 2, "score": 0.75,
                                "note": "usulan"}),
         "skor ≥ 0,5 dari R: peringkat 2, skor 0,75 — usulan", "score ≥ 0.5 of R: rank 2, score 0.75 — usulan"),
        (StepReason("invited_csv_row", {"file": "u.csv", "row": 3}), "u.csv baris 3", "u.csv row 3"),
    ],
)  # fmt: skip
def test_each_reason_reads_in_the_readers_language(reason, indonesian, english):
    assert str(reason) == indonesian  # the stored text: the source language, whatever is active
    with translation.override("en"):
        assert reason.text() == english and str(reason) == indonesian
    with translation.override("id"):
        assert reason.text() == indonesian


def test_an_unknown_code_renders_nothing():
    assert render("no_such_reason", {}) == ""


@pytest.mark.parametrize(
    ("stored", "code", "params"),
    [
        ("selection run", "selection_run", {}),
        ("bimtek 1 started", "bimtek_started", {"stage": 1}),
        ("substitutes Kota Singkawang", "substitutes", {"region": "Kota Singkawang"}),
        ("slot taken by Kabupaten Lombok Timur", "slot_taken", {"region": "Kabupaten Lombok Timur"}),
        ("re-selected after GM100 2018", "reselected", {"cohort": "GM100 2018"}),
        (
            "top 3 of skrining: rank 1, score 95.5 — daftar panjang",
            "invited",
            {"method": "top", "n": 3, "run": "skrining", "rank": 1, "score": 95.5, "note": "daftar panjang"},
        ),
        (
            "hand-picked of IKD 2025: rank 7, score 61",
            "invited",
            {"method": "list", "run": "IKD 2025", "rank": 7, "score": 61},
        ),
        ("Kediri mundur", "", {}),  # typed by a person: left as it is
    ],
)
def test_the_migration_gives_older_english_reasons_their_code(stored, code, params):
    assert MIGRATION._code(stored) == (code, params)
    if code and code != "selection_run":  # now "assessed in the selection"
        with translation.override("en"):
            assert render(code, params) == stored  # English readers see what they saw before


def test_the_migration_gives_the_packaged_notes_both_languages():
    notes = MIGRATION._historical_notes()
    english = "cancelled for non-technical reasons; re-selected in 2019"
    code, params = MIGRATION._code(english, notes)
    assert (code, params["en"]) == ("historical_note", english)
    assert render(code, params) == "dibatalkan karena alasan nonteknis; dipilih kembali pada 2019"
