"""The secretariat's lifecycle forms on the region page: enrol, transition, substitute, re-select, legalise.

Each form: valid data stores the exact result and its audit event; invalid data shows the service's
reason as a message (never an error page).
"""

from __future__ import annotations

import datetime as dt
import html

import pytest

from kotacerdas.accounts.models import AuditEvent
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Participation
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def _messages(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


CONFIRMED = {"confirm_step": "1", "confirm": "on"}


def _event(action: str, actor) -> AuditEvent:  # type: ignore[no-untyped-def]
    """The one event of ``action`` done by ``actor`` (the fixtures' own events have no actor)."""
    return AuditEvent.objects.filter(action=action, actor=actor).get()


def test_region_page_offers_the_lifecycle_next_states_to_the_secretariat_only(world, client_for):
    page = client_for("secretariat").get("/wilayah/63.71/").content.decode()
    assert (
        '<select name="to" class="form-select transition-to"><option value="commitment_signed">Komitmen ditandatangani'
        '</option><option value="withdrawn">Mengundurkan diri</option><option value="cancelled">Dibatalkan'
        "</option></select>" in page
    )
    assert 'id="enrol-form"' not in page  # Banjarmasin is in the only cohort already
    assert "transition-to" not in client_for("region_team").get("/wilayah/63.71/").content.decode()


def test_enrol_stores_the_participation_and_audits(world, client_for, users):
    later = f.cohort(2025)
    f.region("35.71")
    response = client_for("secretariat").post(
        "/wilayah/35.71/daftar/",
        {"cohort": later.pk, "state": "invited", "on": "2025-02-03", "reason": "long list 2025"},
        follow=True,
    )
    assert "Daerah didaftarkan ke kohort." in _messages(response)
    p = Participation.objects.get(region__code="35.71")
    assert (p.cohort_id, p.state, p.previous_id) == (later.pk, "invited", None)
    change = p.changes.get()
    assert (change.source, change.target, change.on, change.reason, change.actor) == (
        "",
        "invited",
        dt.date(2025, 2, 3),
        "long list 2025",
        users["secretariat"],
    )
    event = _event("participation.enrol.invited", users["secretariat"])
    assert (event.actor, event.target_id, event.summary) == (
        users["secretariat"],
        str(p.pk),
        "Kota Kediri didaftarkan ke GM100 2025 dengan status Diundang",
    )
    assert event.summaries["en"] == "Kota Kediri enrolled in GM100 2025 as Invited"


def test_enrol_refuses_a_region_already_in_the_cohort(world, client_for):
    response = client_for("secretariat").post(
        "/wilayah/63.71/daftar/", {"cohort": world.own.cohort_id, "state": "invited"}, follow=True
    )
    assert "Kota Banjarmasin sudah ada di GM100 2024" in _messages(response)
    bad_state = client_for("secretariat").post(
        "/wilayah/63.71/daftar/", {"cohort": world.own.cohort_id, "state": "awarded"}, follow=True
    )
    assert "Tahap awal: keikutsertaan dimulai sebagai Diundang atau Terpilih, bukan Penghargaan" in _messages(
        bad_state
    )
    assert Participation.objects.filter(region__code="63.71").count() == 1


def test_withdrawing_and_substituting_ask_for_confirmation_first(world, client_for):
    client = client_for("secretariat")
    url = f"/partisipasi/{world.own.pk}/transisi/"
    first = client.post(url, {"to": "withdrawn", "on": "2024-06-30", "reason": "pergantian kepala daerah"})
    page = first.content.decode()
    assert first.status_code == 200
    assert "Kota Banjarmasin keluar dari kohort GM100 2024 dengan tahap «Mengundurkan diri»." in page
    assert "Saya mengerti: keikutsertaan Kota Banjarmasin di kohort GM100 2024 berakhir." in page
    assert '<input type="hidden" name="reason" value="pergantian kepala daerah">' in page
    unticked = client.post(url, {"to": "withdrawn", "reason": "x", "confirm_step": "1"})
    assert unticked.status_code == 400
    world.own.refresh_from_db()
    assert world.own.state == "guidance"
    kediri = f.participation("35.71", state=State.SELECTED, the_cohort=world.own.cohort)
    f.region("73.71")
    asked = client.post(
        f"/partisipasi/{kediri.pk}/pengganti/", {"region": "73.71", "reason": "Kediri mundur"}
    )
    assert "Kota Makassar mengambil slot Kota Kediri di kohort GM100 2024." in asked.content.decode()
    kediri.refresh_from_db()
    assert kediri.state == "selected"
    assert not Participation.objects.filter(region__code="73.71").exists()
    # moving on along the main line needs no confirmation
    assert client.post(url, {"to": "commitment_signed", "reason": "x"}).status_code == 302


def test_transition_with_reason_moves_and_audits(world, client_for, users):
    response = client_for("secretariat").post(
        f"/partisipasi/{world.own.pk}/transisi/",
        {"to": "withdrawn", "on": "2024-06-30", "reason": "pergantian kepala daerah", **CONFIRMED},
        follow=True,
    )
    assert "Tahap keikutsertaan diperbarui." in _messages(response)
    world.own.refresh_from_db()
    assert world.own.state == "withdrawn"
    change = world.own.changes.get(target="withdrawn")
    assert (change.source, change.on, change.reason) == (
        "guidance",
        dt.date(2024, 6, 30),
        "pergantian kepala daerah",
    )
    event = _event("participation.withdrawn", users["secretariat"])
    assert (event.actor, event.data) == (
        users["secretariat"],
        {"from": "guidance", "to": "withdrawn", "on": "2024-06-30", "reason": "pergantian kepala daerah"},
    )


def test_illegal_transition_shows_the_state_error_not_a_500(world, client_for):
    response = client_for("secretariat").post(
        f"/partisipasi/{world.own.pk}/transisi/", {"to": "awarded", "reason": "x"}, follow=True
    )
    assert response.status_code == 200
    assert (
        "Kota Banjarmasin di GM100 2024: tidak dapat berpindah dari Bimbingan teknis ke Penghargaan "
        "(status berikut yang diizinkan: Dibatalkan, Komitmen ditandatangani, Mengundurkan diri)"
        in _messages(response)
    )
    world.own.refresh_from_db()
    assert world.own.state == "guidance"
    assert not AuditEvent.objects.filter(action="participation.awarded").exists()


def test_substitute_gives_the_slot_to_another_region(world, client_for, users):
    kediri = f.participation("35.71", state=State.SELECTED, the_cohort=world.own.cohort)
    f.region("73.71")
    response = client_for("secretariat").post(
        f"/partisipasi/{kediri.pk}/pengganti/",
        {"region": "73.71", "on": "2024-04-01", "reason": "Kediri mundur", **CONFIRMED},
        follow=True,
    )
    assert "Daerah pengganti tercatat." in _messages(response)
    kediri.refresh_from_db()
    new = Participation.objects.get(region__code="73.71")
    assert (kediri.state, new.state, new.substitutes_id, new.cohort_id) == (
        "substituted",
        "selected",
        kediri.pk,
        world.own.cohort_id,
    )
    assert kediri.changes.get(target="substituted").reason == "Kediri mundur"
    event = _event("participation.substitute", users["secretariat"])
    assert (event.actor, event.target_id, event.data) == (
        users["secretariat"],
        str(new.pk),
        {"replaces": kediri.pk},
    )


def test_substitute_with_an_unknown_code_is_a_message(world, client_for):
    kediri = f.participation("35.71", state=State.SELECTED, the_cohort=world.own.cohort)
    response = client_for("secretariat").post(
        f"/partisipasi/{kediri.pk}/pengganti/", {"region": "99.99"}, follow=True
    )
    assert "Digantikan oleh (kode Kemendagri): '99.99' bukan kode Kemendagri (mis. 63.71)" in _messages(
        response
    )
    kediri.refresh_from_db()
    assert kediri.state == "selected"


def test_reselect_in_a_later_cohort(world, client_for, users):
    later = f.cohort(2025)
    client = client_for("secretariat")
    client.post(
        f"/partisipasi/{world.own.pk}/transisi/",
        {"to": "withdrawn", "on": "2024-06-30", "reason": "mundur", **CONFIRMED},
    )
    response = client.post(
        f"/partisipasi/{world.own.pk}/pilih-ulang/", {"cohort": later.pk, "on": "2025-03-01"}, follow=True
    )
    assert "Daerah dipilih kembali." in _messages(response)
    again = Participation.objects.get(region__code="63.71", cohort=later)
    assert (again.state, again.previous_id) == ("selected", world.own.pk)
    assert again.changes.get().reason == "dipilih kembali setelah GM100 2024"  # the source language
    page = client.get("/wilayah/63.71/").content.decode()
    assert "dipilih kembali setelah GM100 2024" in page
    english = client.get("/wilayah/63.71/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "re-selected after GM100 2024" in english and "dipilih kembali setelah" not in english
    event = _event("participation.enrol.selected", users["secretariat"])
    assert (event.actor, event.data) == (users["secretariat"], {"previous": world.own.pk})


def test_reselect_refuses_a_region_still_in_guidance(world, client_for):
    later = f.cohort(2025)
    response = client_for("secretariat").post(
        f"/partisipasi/{world.own.pk}/pilih-ulang/", {"cohort": later.pk}, follow=True
    )
    assert (
        "Kota Banjarmasin masih berstatus Bimbingan teknis di GM100 2024 (hanya daerah yang mengundurkan "
        "diri, dibatalkan, digantikan atau tidak terpilih yang dapat dipilih lagi)" in _messages(response)
    )
    assert Participation.objects.filter(cohort=later).count() == 0


def test_legalise_records_the_regulation(world, client_for, users):
    kediri = f.participation("35.71", state=State.BOOKS_SUBMITTED, the_cohort=world.own.cohort)
    response = client_for("secretariat").post(
        f"/partisipasi/{kediri.pk}/pengesahan/",
        {"instrument": "perwali", "number": "12 Tahun 2024", "on": "2024-11-20"},
        follow=True,
    )
    assert "Pengesahan masterplan tercatat." in _messages(response)
    kediri.refresh_from_db()
    assert (kediri.legal_instrument, kediri.legal_number, kediri.legal_date) == (
        "perwali",
        "12 Tahun 2024",
        dt.date(2024, 11, 20),
    )
    event = _event("participation.legalise", users["secretariat"])
    assert (event.actor, event.summary) == (users["secretariat"], "Kota Kediri: Perwali 12 Tahun 2024")
    assert event.summaries["en"] == event.summary  # names: the same in each language
    assert "Masterplan disahkan: Perwali 12 Tahun 2024" in _messages(
        client_for("public").get("/wilayah/35.71/")
    )


def test_legalise_refuses_the_wrong_instrument(world, client_for):
    kediri = f.participation("35.71", state=State.BOOKS_SUBMITTED, the_cohort=world.own.cohort)
    response = client_for("secretariat").post(
        f"/partisipasi/{kediri.pk}/pengesahan/",
        {"instrument": "perbup", "number": "1", "on": "2019-11-20"},
        follow=True,
    )
    assert "Kota Kediri adalah kota: gunakan perda atau perwali, bukan 'perbup'" in _messages(response)
    missing = client_for("secretariat").post(
        f"/partisipasi/{kediri.pk}/pengesahan/", {"instrument": "perwali", "on": "2019-11-20"}, follow=True
    )
    assert "Nomor: Bidang ini harus diisi." in _messages(missing)
    kediri.refresh_from_db()
    assert kediri.legal_number == ""


def test_lifecycle_forms_in_english(world, client_for):
    client = client_for("secretariat")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/wilayah/63.71/").content.decode()
    assert "<summary>Manage the stage (secretariat)</summary>" in page
    response = client.post(
        f"/partisipasi/{world.own.pk}/transisi/", {"to": "withdrawn", "reason": "x", **CONFIRMED}, follow=True
    )
    assert '<p class="msg success">Participation stage updated.</p>' in response.content.decode()


def test_lifecycle_form_errors_name_the_field_in_the_readers_language(world, client_for):
    kediri = f.participation("35.71", state=State.SELECTED, the_cohort=world.own.cohort)
    client = client_for("secretariat")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(
        f"/partisipasi/{kediri.pk}/pengganti/", {"region": "99.99", "on": "31-02-2025"}, follow=True
    )
    page = _messages(response)
    assert "Substituted by (Kemendagri code): '99.99' is not a Kemendagri code (e.g. 63.71)" in page
    assert "Date: Enter a valid date." in page
    kediri.refresh_from_db()
    assert kediri.state == "selected"
