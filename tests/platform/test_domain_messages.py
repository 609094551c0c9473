"""Domain refusals read in the reader's language (Indonesian by default, English on request) and carry a
stable code, which the API's error body repeats (docs/developer/i18n.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.invitations import invite_users
from kotacerdas.accounts.domain.users import create_user
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.error_text import localise
from kotacerdas.assessment.domain.guards import require_secretariat, require_state
from kotacerdas.assessment.models import Round
from kotacerdas.errors import KotaCerdasError
from kotacerdas.jobs.domain.control import retry_job
from kotacerdas.monitoring.domain.masterplans import create_masterplan
from kotacerdas.programme.domain.cohorts import check_phases, create_cohort
from kotacerdas.programme.domain.documents import validate_pdf
from kotacerdas.programme.domain.invitations import pick
from kotacerdas.programme.domain.reviews import open_thread
from kotacerdas.programme.domain.score_sources import ScoreSource, combine
from kotacerdas.programme.selection_forms import parse_yaml
from kotacerdas.regions.domain.datasets import import_dataset
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def both(call: Callable[[], Any]) -> tuple[str, str, str]:
    """The code and the message of the refusal of ``call``, raised in Indonesian and then in English."""
    texts = []
    codes = set()
    for language in ("id", "en"):
        with translation.override(language), pytest.raises(KotaCerdasError) as info:
            call()
        codes.add(info.value.code)
        texts.append(info.value.message)
    (code,) = codes
    return code, texts[0], texts[1]


def test_accounts(users):
    secretariat = users["secretariat"]
    assert both(lambda: create_user(actor=secretariat, username="asesor", role=Role.ASSESSOR)) == (
        "username_taken",
        "pengguna 'asesor' sudah ada",
        "the user 'asesor' already exists",
    )
    assert both(lambda: create_user(actor=users["assessor"], username="baru", role=Role.ASSESSOR)) == (
        "secretariat_only",
        "hanya sekretariat yang boleh membuat pengguna",
        "only the secretariat may create users",
    )
    no_mail = f.user(Role.ASSESSOR, "tanpa-surel")
    assert both(lambda: invite_users(actor=secretariat, users=[no_mail])) == (
        "no_email",
        "pengguna 'tanpa-surel' tidak memiliki alamat e-mail",
        "the user 'tanpa-surel' has no e-mail address",
    )


def test_book_reviews_and_masterplans(world, users):
    assert both(lambda: open_thread(actor=users["secretariat"], document=world.doc_own, text="  ")) == (
        "text_empty",
        "komentar kosong",
        "the comment is empty",
    )
    region = world.own.region
    assert both(
        lambda: create_masterplan(
            actor=SYSTEM, region=region, vision="Kota sungai", start_year=2030, end_year=2020
        )
    ) == (
        "masterplan_period",
        "periode masterplan 2030–2020 harus maju dan paling lama 10 tahun",
        "masterplan period 2030–2020 must run forward and span at most 10 years",
    )


def test_assessment_guards_name_the_action_and_the_state_by_their_labels(users):
    assert both(lambda: require_secretariat(users["assessor"], "close rounds")) == (
        "secretariat_only",
        "hanya sekretariat yang boleh menutup putaran",
        "only the secretariat may close rounds",
    )
    draft = Round(name="Evaluasi 2025", state="draft")
    code, indonesian, english = both(lambda: require_state(draft, "scoring", action="submit scores"))
    assert code == "round_state"
    assert indonesian == "tidak dapat mengirim skor: putaran 'Evaluasi 2025' berstatus Persiapan"
    assert english == "it is not possible to submit scores: the round 'Evaluasi 2025' is Preparation"


def test_jobs_regions_and_invitations(world, users):
    assert both(lambda: retry_job(actor=users["secretariat"], job=world.job))[0] == "not_retryable"
    assert both(lambda: pick(run=world.run, method="lottery")) == (
        "unknown_method",
        "metode 'lottery' tidak dikenal",
        "unknown method 'lottery'",
    )
    table = b"code,ipm\n63.71,75\n6371,1\n"
    meta = {"source": "BPS", "year": 2024, "licence": "CC"}
    with pytest.raises(KotaCerdasError) as info:  # raised in the worker, in Indonesian …
        import_dataset(actor=SYSTEM, name="ipm", file_name="ipm.csv", content=table, **meta)
    assert (info.value.code, info.value.message) == ("duplicate_region", "daerah 63.71 muncul dua kali")
    with translation.override("en"):  # … and read later, by its code, in the reader's language
        assert localise(info.value) == (
            "ipm.csv, row 3, column 'code': the region 63.71 appears twice "
            "(for panel data add a year column ('year' or 'Time'))"
        )


def test_the_api_error_body_carries_the_code_and_the_readers_language(world, users):
    api = APIClient()
    api.force_authenticate(users["secretariat"])
    body = {"username": "asesor", "role": "assessor", "email": ""}
    indonesian = api.post("/api/users/", body, format="json")
    english = api.post("/api/users/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert indonesian.status_code == english.status_code == 400
    assert (indonesian.json()["code"], indonesian.json()["message"]) == (
        "username_taken",
        "pengguna 'asesor' sudah ada",
    )
    assert (english.json()["code"], english.json()["message"]) == (
        "username_taken",
        "the user 'asesor' already exists",
    )
    retry = api.post(f"/api/jobs/{world.job.pk}/retry/", HTTP_ACCEPT_LANGUAGE="en")
    assert (retry.status_code, retry.json()["code"]) == (409, "not_retryable")
    assert retry.json()["message"].startswith(f"job #{world.job.pk} is ")
    assert retry.json()["message"].endswith("; only a failed job can be retried")


def test_cohorts_books_and_score_sources(users):
    assert both(lambda: check_phases([{"name": "A", "size": 2}, {"name": "A", "size": 3}], 5)) == (
        "phase_names_repeat",
        "nama tahap berulang",
        "phase names repeat",
    )
    assert both(lambda: check_phases([{"name": "A", "size": 4}], 5)) == (
        "phase_sizes",
        "ukuran tahap berjumlah 4, ukuran sasaran 5",
        "the phase sizes add up to 4, the target size is 5",
    )
    programme = f.programme()
    assert both(
        lambda: create_cohort(
            actor=users["assessor"], programme=programme, year=2030, name="X", target_size=5
        )
    ) == (
        "secretariat_only",
        "hanya sekretariat yang boleh membuat kohort",
        "only the secretariat may create cohorts",
    )
    assert both(lambda: validate_pdf("buku.pdf", b"<html>")) == (
        "not_a_pdf",
        "berkas ini bukan PDF (tanpa tanda %PDF-)",
        "the file is not a PDF (no %PDF- signature)",
    )
    assert both(lambda: validate_pdf("buku.pdf", b"%PDF-1.4 cut")) == (
        "pdf_incomplete",
        "PDF tidak lengkap (tanpa penanda akhir %%EOF): unggahan terputus atau berkasnya rusak",
        "the PDF is incomplete (no %%EOF end marker): the upload was cut off or the file is damaged",
    )
    a = ScoreSource(label="a", scores={"63.71": 1.0})
    assert both(lambda: combine([(a, -1.0), (a, 1.0)])) == (
        "negative_weight",
        "bobot tidak boleh negatif",
        "a weight cannot be negative",
    )
    assert both(lambda: parse_yaml("- a\n- b\n")) == (
        "not_a_mapping",
        "SELECTION.yaml harus berupa pemetaan kunci",
        "SELECTION.yaml must be a mapping of keys",
    )


def test_api_refusals_of_selections_and_unknown_paths_carry_their_code(users):
    api = APIClient()
    api.force_authenticate(users["secretariat"])
    cohort = f.cohort(year=2031, name="GM100 2031")
    url = f"/api/cohorts/{cohort.pk}/decisions/"
    indonesian, english = api.get(url), api.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert indonesian.status_code == english.status_code == 409
    assert (indonesian.json()["code"], indonesian.json()["message"]) == (
        "not_selected",
        "GM100 2031 belum diseleksi oleh mesin seleksi",
    )
    assert (english.json()["code"], english.json()["message"]) == (
        "not_selected",
        "GM100 2031 has not been selected by the engine",
    )
    missing = api.get("/api/tidak-ada/", HTTP_ACCEPT_LANGUAGE="en")
    assert (missing.status_code, missing.json()["message"]) == (
        404,
        "there is no API resource at /api/tidak-ada/",
    )
