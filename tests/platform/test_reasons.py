"""Every decision's reason in Indonesian (source) and English, built from the engine's decision fields."""

from __future__ import annotations

from dataclasses import asdict

from django.utils import translation

from kotacerdas.engine.selection import Quota, select
from kotacerdas.programme.reasons import quota_text, reason_text
from tests.engine.selection.factories import problem

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


# structured reasons (the engine's Decision.why, stored as {"code", "params"}): worded per code
PROVINCE_CAP = {
    "label": "max 2 per province in each phase",
    "by": "province",
    "value": None,
    "min": None,
    "max": 2,
    "min_share": None,
    "max_share": None,
    "over": "phase",
}
ISLAND_MIN = {
    **PROVINCE_CAP,
    "label": "min 2 per island_group in each phase",
    "by": "island_group",
    "min": 2,
    "max": None,
}


def _row(code: str, **params: object) -> dict[str, object]:
    return {
        "status": "x",
        "score": 0,
        "reason": "an English sentence",
        "why": {"code": code, "params": params},
    }


def test_structured_reasons_in_both_languages():
    cap = _row(
        "crowded_out_by_cap",
        quota={"quota": PROVINCE_CAP, "value": "Jawa Timur", "phase": None, "count": 2, "max": 2},
        score=79.0678,
        beaten=73.2034,
        threshold=82.5287,
    )
    pulled = _row(
        "selected",
        phase="2026",
        score=70.3186,
        rank=38,
        eligible=416,
        brought_in_by={
            "quota": ISLAND_MIN,
            "value": "Bali-Nusa Tenggara",
            "phase": None,
            "count": 2,
            "min": 2,
        },
    )
    more = _row(
        "below_cutoff",
        score=72.4169,
        gap=0.7865,
        cutoff=73.2034,
        threshold=78.3655,
        seat="full",
        full={"quota": PROVINCE_CAP, "value": "Jawa Timur", "phase": None, "count": 2, "max": 2},
    )
    less = _row("below_cutoff", score=69.05, gap=4.15, cutoff=73.2, threshold=70.32, seat="reserved")
    with translation.override("id"):
        assert reason_text(cap) == (
            "Tersingkir oleh kuota maks. 2 per provinsi di tiap tahap (Jawa Timur, 2/2): skor 79,07 melebihi 73,20, "
            "skor terendah yang terpilih di luar kelompoknya; akan masuk dengan skor di atas 82,53"
        )
        assert reason_text(pulled) == (
            "Terpilih untuk tahap 2026: skor 70,32, peringkat 38 dari 416 daerah yang memenuhi syarat; masuk berkat "
            "kuota minimum min. 2 per kelompok pulau di tiap tahap (Bali-Nusa Tenggara, 2, min. 2)"
        )
        assert reason_text(more) == (
            "Di bawah batas: skor 72,42, 0,79 di bawah batas 73,20; akan masuk dengan skor di atas 78,37 (lebih dari "
            "batas karena maks. 2 per provinsi di tiap tahap (Jawa Timur, 2/2) penuh)"
        )
        assert reason_text(less).endswith("(kurang dari batas: daerah ini dapat mengambil kursi yang dicadangkan "
                                          "kuota minimum untuk kelompoknya)")  # fmt: skip
    with translation.override("en"):
        assert reason_text(cap) == (
            "Crowded out by the quota max 2 per province in each phase (Jawa Timur, 2/2): score 79.07 beats 73.20, "
            "the lowest selected outside its group; it would enter with a score above 82.53"
        )
        assert reason_text(pulled) == (
            "Selected for phase 2026 with score 70.32, at rank 38 of 416 eligible regions; brought in by the minimum "
            "quota min 2 per island group in each phase (Bali-Nusa Tenggara, 2, min. 2)"
        )
        assert reason_text(more).endswith("(more than the cut-off because max 2 per province in each phase "
                                          "(Jawa Timur, 2/2) is full)")  # fmt: skip
        assert reason_text(less).endswith("(less than the cut-off: it can take a seat reserved for its group by a "
                                          "minimum quota)")  # fmt: skip


def test_an_unknown_code_or_unfitting_params_fall_back_to_the_english_sentence_parser():
    old = {**CROWDED}  # stored before the engine gave reasons as data: no "why"
    odd = {**CROWDED, "why": {"code": "crowded_out_by_cap", "params": {"quota": "not a mapping"}}}
    unknown = {**CROWDED, "why": {"code": "something_new", "params": {}}}
    with translation.override("id"):
        expected = reason_text(old)
        assert expected.startswith("Tersingkir oleh kuota maks. 2 per provinsi")
        assert reason_text(odd) == reason_text(unknown) == expected


def test_a_blocked_region_reads_in_the_readers_language():
    """The engine gives the conflict that blocks a region as reason codes; the page words each of them."""
    p = problem([90, 80, 70], ["A", "B", "B"], sizes=(1,), quotas=[Quota("province", value="A", max=0)])
    blocked = asdict(select(p).decision("11.01"))  # as the platform stores it
    assert blocked["status"] == "blocked"
    with translation.override("id"):
        assert reason_text(blocked) == (
            "Terhalang: tidak ada susunan yang memenuhi semua kuota dan memuat daerah ini (maks. 0 provinsi = A di "
            "tiap tahap: A tidak mengizinkan satu pun di tahap P1)"
        )
    with translation.override("en"):
        assert reason_text(blocked) == (
            "Blocked: no plan that meets every quota includes this region (max 0 province = A in each phase: A "
            "allows none in phase P1)"
        )
    older = {**blocked, "why": {"code": "blocked", "params": {"why": blocked["why"]["params"]["why"]}}}
    with translation.override("id"):  # stored before the reasons came with it: the English sentence as given
        assert reason_text(older).endswith("(max 0 province = A in each phase: A allows none in phase P1)")
