"""Dates follow the lifecycle: no step, bimtek, substitution or quick-win status predates the one before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import StateError
from kotacerdas.monitoring.domain.masterplans import add_programme, create_masterplan, set_quick_win_status
from kotacerdas.programme.domain.participation import (
    enrol,
    record_bimtek,
    reselect,
    substitute,
    transition,
)
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Participation
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
MOU_2026 = dt.date(2026, 3, 1)


def _selected(code: str = "63.71", on: dt.date = dt.date(2026, 1, 15)) -> Participation:
    return enrol(actor=SYSTEM, cohort=f.cohort(2026), region=f.region(code), state=State.SELECTED, on=on)


def test_a_presentation_before_the_mou_is_refused_in_a_sentence():
    p = f.guided(_selected(on=dt.date(2024, 1, 15)), State.BOOKS_SUBMITTED)  # steps dated 2024-03-01…
    p.changes.filter(target=State.MOU_SIGNED).update(on=MOU_2026)  # …but the MoU is of 2026
    with pytest.raises(StateError) as caught:
        transition(actor=SYSTEM, participation=p, to=State.PRESENTED, on=dt.date(2020, 1, 1))
    assert str(caught.value) == (
        "Kota Banjarmasin: Dipresentasikan bertanggal 1 Januari 2020, lebih awal dari MoU ditandatangani pada "
        "1 Maret 2026 (setiap langkah bertanggal sama dengan atau sesudah langkah sebelumnya)"
    )
    with translation.override("en"), pytest.raises(StateError) as english:
        transition(actor=SYSTEM, participation=p, to=State.PRESENTED, on=dt.date(2020, 1, 1))
    assert english.value.message == (
        "Kota Banjarmasin: Presented dated Jan. 1, 2020 is earlier than MoU signed on March 1, 2026"
    )
    p.refresh_from_db()
    assert (p.state, p.changes.filter(target=State.PRESENTED).count()) == (State.BOOKS_SUBMITTED, 0)
    transition(actor=SYSTEM, participation=p, to=State.PRESENTED, on=MOU_2026)  # the same day is fine


def test_a_substitution_dated_before_the_selection_is_refused():
    p = _selected()
    with pytest.raises(
        StateError, match="Digantikan bertanggal 31 Desember 2025, lebih awal dari Terpilih pada 15 Januari 2026"
    ):
        substitute(actor=SYSTEM, participation=p, by_region=f.region("32.73"), on=dt.date(2025, 12, 31))
    assert Participation.objects.count() == 1
    new = substitute(actor=SYSTEM, participation=p, by_region=f.region("32.73"), on=dt.date(2026, 2, 1))
    assert new.substitutes == p


def test_bimtek_1_before_the_mou_is_refused_and_bimteks_keep_their_order():
    p = _selected()
    transition(actor=SYSTEM, participation=p, to=State.MOU_SIGNED, on=MOU_2026)
    with pytest.raises(
        StateError, match="bimtek 1 bertanggal 1 Februari 2026, lebih awal dari MoU ditandatangani"
    ):
        record_bimtek(
            actor=SYSTEM,
            participation=p,
            stage=1,
            start=dt.date(2026, 2, 1),
            end=dt.date(2026, 2, 2),
            attendees=9,
        )
    record_bimtek(
        actor=SYSTEM,
        participation=p,
        stage=1,
        start=dt.date(2026, 4, 1),
        end=dt.date(2026, 4, 2),
        attendees=9,
    )
    with pytest.raises(StateError, match="bimtek 2 bertanggal 15 Maret 2026, lebih awal dari"):
        record_bimtek(
            actor=SYSTEM,
            participation=p,
            stage=2,
            start=dt.date(2026, 3, 15),
            end=dt.date(2026, 3, 16),
            attendees=9,
        )


def test_a_reselection_before_the_earlier_participation_ended_is_refused():
    old = _selected()
    transition(actor=SYSTEM, participation=old, to=State.WITHDRAWN, on=dt.date(2026, 6, 1))
    later = f.cohort(2027)
    with pytest.raises(StateError, match="Terpilih bertanggal 1 Mei 2026, lebih awal dari Mengundurkan diri"):
        reselect(actor=SYSTEM, previous=old, cohort=later, on=dt.date(2026, 5, 1))
    assert reselect(actor=SYSTEM, previous=old, cohort=later, on=dt.date(2027, 1, 1)).previous == old


def test_a_quick_win_history_is_in_date_order():
    plan = create_masterplan(
        actor=SYSTEM, region=f.region("63.71"), vision="Kota cerdas", start_year=2020, end_year=2030
    )
    item = add_programme(
        actor=SYSTEM, masterplan=plan, name="Layanan daring", dimension="living",
        sub_dimension="mobility", horizon=1, owner_opd="Diskominfo", budget_source="apbd",
        budget_amount=1, start_year=2020, quick_win=True,
    )  # fmt: skip
    set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2021, 3, 1))
    with pytest.raises(StateError) as caught:
        set_quick_win_status(actor=SYSTEM, programme=item, status="done", on=dt.date(2018, 5, 1))
    assert caught.value.message == (
        "quick win 'Layanan daring': Selesai bertanggal 1 Mei 2018, lebih awal dari Berjalan pada 1 Maret 2021"
    )
    item.refresh_from_db()
    assert (item.status, item.status_history.count()) == ("running", 2)
    set_quick_win_status(actor=SYSTEM, programme=item, status="done", on=dt.date(2022, 5, 1))
