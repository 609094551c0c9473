"""Every decision's reason in Indonesian (source) and English, built from the engine's decision fields."""

from __future__ import annotations

from django.utils import translation

from kotacerdas.programme.reasons import quota_text, reason_text

CROWDED = {
    "status": "crowded_out",
    "score": 80.5,
    "threshold": 82.25,
    "binding": "max 2 per province in each phase",
    "reason": "crowded out by max 2 per province in each phase (Jawa Barat: 2 of 2): score 80.5 beats 75.3, "
    "the lowest selected in an open seat outside its group; it would enter with a score above 82.25",
}


def test_crowded_out_in_both_languages():
    with translation.override("id"):
        assert reason_text(CROWDED) == (
            "Tersingkir oleh kuota maks. 2 per provinsi di tiap tahap (Jawa Barat: 2/2): skor 80,50 melebihi "
            "75,30, skor terendah yang terpilih di luar kelompoknya; akan masuk dengan skor di atas 82,25"
        )
    with translation.override("en"):
        assert reason_text(CROWDED) == (
            "Crowded out by the quota max 2 per province in each phase (Jawa Barat: 2/2): score 80.50 beats "
            "75.30, the lowest selected outside its group; it would enter with a score above 82.25"
        )


def test_other_statuses():
    with translation.override("id"):
        assert reason_text({"status": "selected", "phase": "2027", "score": 91.0, "reason": "selected"}) == (
            "Terpilih untuk tahap 2027: skor 91,00"
        )
        below = {"status": "below_cutoff", "score": 60.0, "shortfall": 5.5, "threshold": None, "reason": ""}
        assert reason_text(below, cutoff=65.5) == "Di bawah batas: skor 60,00, 5,50 di bawah batas 65,50"
        excluded = {
            "status": "excluded",
            "score": 1,
            "reason": "excluded: not interviewed in a published readiness round",
        }
        assert reason_text(excluded).startswith("Dikecualikan: belum diwawancarai")
        alumnus = {
            "status": "excluded",
            "score": 1,
            "reason": "excluded: already in an earlier cohort (GM100 2019)",
        }
        assert reason_text(alumnus) == "Dikecualikan: sudah menjadi peserta kohort sebelumnya (GM100 2019)"
    with translation.override("en"):
        assert quota_text("min share 0.3 type = kabupaten over all phases") == (
            "min share 30% region type = kabupaten over all phases"
        )
        assert quota_text("something new") == "something new"
