"""Participation transitions: the legal main line, refusals with reasons, substitution, re-selection."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import history
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.errors import InputError, StateError
from kotacerdas.programme.domain import participation as svc
from kotacerdas.programme.lifecycle import MAIN_LINE, TERMINAL, TRANSITIONS, State, allowed, progress
from kotacerdas.programme.models import Participation, StateChange
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def test_every_state_has_an_entry_and_terminal_states_have_no_exit():
    assert set(TRANSITIONS) == set(State)
    assert all(TRANSITIONS[s] == frozenset() for s in TERMINAL)
    assert [progress(s) for s in MAIN_LINE] == list(range(9))
    assert progress(State.WITHDRAWN) == -1


def test_main_line_from_invitation_to_award_is_recorded_and_audited():
    p = f.participation(state=State.INVITED)
    for target in (State.ASSESSED, State.SELECTED):
        svc.transition(actor=SYSTEM, participation=p, to=target, on=f.DAY)
    p = f.guided(p, State.AWARDED)
    assert p.state == State.AWARDED
    assert list(StateChange.objects.filter(participation=p).values_list("target", flat=True)) == [
        "invited",
        "assessed",
        "selected",
        "mou_signed",
        "guidance",
        "commitment_signed",
        "books_submitted",
        "presented",
        "awarded",
    ]
    actions = list(history(p).order_by("id").values_list("action", flat=True))
    assert actions[:3] == ["participation.enrol.invited", "participation.assessed", "participation.selected"]
    assert actions.count("participation.bimtek") == 4
    assert actions[-1] == "participation.awarded"


def test_mou_before_selection_is_refused_with_the_allowed_states():
    p = f.participation(state=State.INVITED)
    with pytest.raises(StateError) as info:
        svc.transition(actor=SYSTEM, participation=p, to=State.MOU_SIGNED)
    assert (info.value.code, dict(info.value.params)) == (
        "transition_not_allowed",
        {"source": "invited", "target": "mou_signed"},
    )
    assert info.value.message == (
        "Kota Banjarmasin di GM100 2024: tidak dapat berpindah dari Diundang ke MoU ditandatangani"
    )
    assert info.value.hint == "status berikut yang diizinkan: Dinilai, Mengundurkan diri"
    with translation.override("en"), pytest.raises(StateError) as english:
        svc.transition(actor=SYSTEM, participation=p, to=State.MOU_SIGNED)
    assert english.value.message == "Kota Banjarmasin in GM100 2024: cannot go from Invited to MoU signed"
    assert english.value.hint == "allowed next states: Assessed, Withdrawn"
    p.refresh_from_db()
    assert p.state == State.INVITED
    assert StateChange.objects.filter(participation=p).count() == 1


def test_commitment_needs_bimtek_4_and_both_institutions():
    p = f.participation(state=State.MOU_SIGNED)
    svc.record_bimtek(actor=SYSTEM, participation=p, stage=1, start=f.DAY, end=f.DAY, attendees=10)
    p.refresh_from_db()
    assert p.state == State.GUIDANCE
    with pytest.raises(StateError, match="bimtek 4 belum tercatat"):
        svc.transition(actor=SYSTEM, participation=p, to=State.COMMITMENT_SIGNED)
    for stage in (2, 3, 4):
        svc.record_bimtek(actor=SYSTEM, participation=p, stage=stage, start=f.DAY, end=f.DAY, attendees=10)
    svc.form_institution(
        actor=SYSTEM, participation=p, kind="council", decree_number="SK 1", decree_date=f.DAY, members=["A"]
    )
    with pytest.raises(StateError, match="Dewan Smart City dan Tim Pelaksana harus keduanya terbentuk"):
        svc.transition(actor=SYSTEM, participation=p, to=State.COMMITMENT_SIGNED)


def test_bimtek_out_of_order_or_before_mou_is_refused():
    p = f.participation(state=State.SELECTED)
    with pytest.raises(
        StateError, match="bimtek memerlukan status MoU ditandatangani atau Bimbingan teknis, bukan Terpilih"
    ):
        svc.record_bimtek(actor=SYSTEM, participation=p, stage=1, start=f.DAY, end=f.DAY, attendees=1)
    svc.transition(actor=SYSTEM, participation=p, to=State.MOU_SIGNED)
    with pytest.raises(StateError, match="bimtek 1 harus tercatat sebelum bimtek 2"):
        svc.record_bimtek(actor=SYSTEM, participation=p, stage=2, start=f.DAY, end=f.DAY, attendees=1)
    with pytest.raises(InputError, match="selesai 1 Februari 2024 sebelum mulai 1 Maret 2024"):
        svc.record_bimtek(
            actor=SYSTEM, participation=p, stage=1, start=f.DAY, end=dt.date(2024, 2, 1), attendees=1
        )


def test_books_submitted_needs_all_four_books():
    p = f.participation(state=State.COMMITMENT_SIGNED)
    with pytest.raises(StateError, match="Buku 1, 2, 3, 4 belum diunggah"):
        svc.transition(actor=SYSTEM, participation=p, to=State.BOOKS_SUBMITTED)


def test_substitution_gives_the_slot_to_another_region():
    p = f.participation("32.73", state=State.SELECTED)  # Kota Bandung
    new = svc.substitute(
        actor=SYSTEM, participation=p, by_region=f.region("32.04"), reason="withdrew before MoU"
    )
    p.refresh_from_db()
    assert (p.state, new.state, new.substitutes_id, new.region.code) == (
        "substituted",
        "selected",
        p.pk,
        "32.04",
    )
    with pytest.raises(StateError, match="gunakan penggantian"):
        svc.transition(actor=SYSTEM, participation=new, to=State.SUBSTITUTED)


def test_substitution_by_a_region_already_in_the_cohort_rolls_back():
    p = f.participation("32.73", state=State.SELECTED)
    f.participation("32.04", state=State.SELECTED)
    with pytest.raises(StateError, match="Kabupaten Bandung sudah ada di GM100 2024"):
        svc.substitute(actor=SYSTEM, participation=p, by_region=f.region("32.04"))
    p.refresh_from_db()
    assert p.state == State.SELECTED


def test_cancelled_region_is_reselected_in_a_later_cohort():
    first = f.participation("32.76", state=State.SELECTED)  # Kota Depok
    svc.transition(actor=SYSTEM, participation=first, to=State.CANCELLED, reason="non-technical reasons")
    later = f.cohort(2025)
    again = svc.reselect(actor=SYSTEM, previous=first, cohort=later)
    assert (again.state, again.previous_id, again.cohort.year) == ("selected", first.pk, 2025)


def test_reselecting_an_active_participation_is_refused():
    first = f.participation("32.76", state=State.MOU_SIGNED)
    with pytest.raises(StateError, match="Kota Depok masih berstatus MoU ditandatangani di GM100 2024"):
        svc.reselect(actor=SYSTEM, previous=first, cohort=f.cohort(2025))


def test_bulk_transition_moves_all_or_none():
    a = f.participation("63.71", state=State.SELECTED)
    b = f.participation("63.72", state=State.INVITED)
    with pytest.raises(StateError, match="tidak dapat berpindah dari Diundang ke MoU ditandatangani"):
        svc.bulk_transition(actor=SYSTEM, participations=[a, b], to=State.MOU_SIGNED)
    assert sorted(Participation.objects.values_list("state", flat=True)) == ["invited", "selected"]
    b2 = f.participation("63.03", state=State.SELECTED)
    moved = svc.bulk_transition(actor=SYSTEM, participations=[a, b2], to=State.MOU_SIGNED)
    assert [p.state for p in moved] == ["mou_signed", "mou_signed"]


def test_legalisation_checks_the_instrument_for_the_region_type():
    p = f.participation("63.71", state=State.BOOKS_SUBMITTED)
    with pytest.raises(
        InputError, match="Kota Banjarmasin adalah kota: gunakan perda atau perwali, bukan 'perbup'"
    ):
        svc.legalise_masterplan(actor=SYSTEM, participation=p, instrument="perbup", number="1/2024", on=f.DAY)
    svc.legalise_masterplan(actor=SYSTEM, participation=p, instrument="perwali", number="12/2024", on=f.DAY)
    p.refresh_from_db()
    assert (p.legal_instrument, p.legal_number, p.legal_date) == ("perwali", "12/2024", f.DAY)


def test_enrolling_twice_or_in_a_middle_state_is_refused():
    p = f.participation(state=State.INVITED)
    with pytest.raises(StateError, match="Kota Banjarmasin sudah ada di GM100 2024"):
        svc.enrol(actor=SYSTEM, cohort=p.cohort, region=p.region)
    with pytest.raises(StateError, match="dimulai sebagai diundang atau terpilih, bukan MoU ditandatangani"):
        svc.enrol(actor=SYSTEM, cohort=p.cohort, region=f.region("63.72"), state=State.MOU_SIGNED)


def test_allowed_reads_the_table():
    assert allowed("selected", "mou_signed") is True
    assert allowed("awarded", "withdrawn") is False


def test_audit_log_is_append_only():
    f.participation(state=State.SELECTED)
    event = AuditEvent.objects.first()
    assert event is not None
    event.summary = "changed"
    with pytest.raises(StateError, match=r"hanya dapat ditambah|append-only"):
        event.save()
    with pytest.raises(StateError, match=r"hanya dapat ditambah|append-only"):
        event.delete()
    with pytest.raises(StateError, match=r"hanya dapat ditambah|append-only"):
        AuditEvent.objects.all().delete()
    with pytest.raises(StateError, match=r"hanya dapat ditambah|append-only"):
        AuditEvent.objects.update(summary="x")
