from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import InputError, StateError
from kotacerdas.monitoring.domain.masterplans import (
    add_programme,
    create_masterplan,
    set_kpi_targets,
    set_quick_win_status,
)
from kotacerdas.monitoring.framework import SUB_DIMENSIONS, Dimension
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return create_masterplan(
        actor=SYSTEM, region=f.region("63.71"), vision="Banjarmasin cerdas", start_year=2019, end_year=2029
    )


def _qw(plan, **kw):
    args = {
        "name": "Aplikasi Sungai",
        "dimension": "living",
        "sub_dimension": "mobility",
        "horizon": 1,
        "owner_opd": "Dishub",
        "budget_source": "apbd",
        "budget_amount": 500_000_000,
        "start_year": 2020,
        "quick_win": True,
    }
    return add_programme(actor=SYSTEM, masterplan=plan, **{**args, **kw})


def test_framework_has_six_dimensions_of_three():
    assert len(Dimension) == 6
    assert {d: len(SUB_DIMENSIONS[d]) for d in Dimension} == dict.fromkeys(Dimension, 3)


def test_quick_win_history_keeps_lapses(plan):
    item = _qw(plan)
    set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2020, 3, 1))
    set_quick_win_status(actor=SYSTEM, programme=item, status="stopped", on=dt.date(2021, 4, 1), note="COVID")
    set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2022, 1, 1))
    assert list(item.status_history.values_list("status", "on")) == [
        ("planned", dt.date(2020, 1, 1)),
        ("running", dt.date(2020, 3, 1)),
        ("stopped", dt.date(2021, 4, 1)),
        ("running", dt.date(2022, 1, 1)),
    ]


def test_done_quick_win_cannot_restart(plan):
    item = _qw(plan)
    set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2020, 3, 1))
    set_quick_win_status(actor=SYSTEM, programme=item, status="done", on=dt.date(2020, 9, 1))
    with pytest.raises(StateError) as info:
        set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2021, 1, 1))
    assert (info.value.code, info.value.message, info.value.hint) == (
        "transition_not_allowed",
        "quick win 'Aplikasi Sungai': tidak dapat berpindah dari Selesai ke Berjalan",
        "yang diizinkan: tidak ada",
    )
    with translation.override("en"), pytest.raises(StateError) as english:
        set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2021, 1, 1))
    assert (english.value.message, english.value.hint) == (
        "quick win 'Aplikasi Sungai': cannot go from Done to Running",
        "allowed: none",
    )


def test_plain_programme_has_no_status(plan):
    item = _qw(plan, quick_win=False)
    with pytest.raises(StateError, match="bukan quick win"):
        set_quick_win_status(actor=SYSTEM, programme=item, status="running", on=dt.date(2020, 3, 1))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sub_dimension": "waste"}, "subdimensi 'waste' bukan bagian dari living"),
        ({"horizon": 3}, "horizon harus 1, 5 atau 10 tahun, bukan 3"),
        ({"budget_source": "hibah"}, "sumber anggaran 'hibah' tidak dikenal"),
        ({"start_year": 2031}, "tahun mulai 2031 di luar periode masterplan"),
    ],
)
def test_programme_validation(plan, change, message):
    with pytest.raises(InputError) as info:
        _qw(plan, **change)
    assert info.value.message == message


def test_kpi_targets_per_year(plan):
    item = _qw(plan)
    kpi = set_kpi_targets(
        actor=SYSTEM, programme=item, name="Pengguna", unit="ribu", targets={2021: 5, 2020: 1}
    )
    assert list(kpi.targets.values_list("year", "target")) == [(2020, 1.0), (2021, 5.0)]
    with pytest.raises(InputError, match="tahun 2035 di luar 2019–2029"):
        set_kpi_targets(actor=SYSTEM, programme=item, name="x", unit="", targets={2035: 1})


def test_masterplan_period_at_most_ten_years():
    with pytest.raises(InputError, match="2019–2031 harus maju dan paling lama 10 tahun"):
        create_masterplan(actor=SYSTEM, region=f.region("63.71"), vision="v", start_year=2019, end_year=2031)


def test_roadmap_spreads_programmes_over_their_horizon(plan):
    from kotacerdas.monitoring.domain.roadmap import roadmap

    _qw(plan, name="QW", start_year=2020)
    _qw(plan, name="Medium", start_year=2027, horizon=5, quick_win=False)
    road = roadmap(plan)
    assert road.years == list(range(2019, 2030))
    living = next(r for r in road.rows if r.dimension == "Smart Living")
    assert [[p.name for p in cell] for cell in living.cells] == [
        [],
        ["QW"],
        [],
        [],
        [],
        [],
        [],
        [],
        ["Medium"],
        ["Medium"],
        ["Medium"],
    ]
    assert [r.dimension for r in road.rows] == [
        "Smart Governance",
        "Smart Branding",
        "Smart Economy",
        "Smart Living",
        "Smart Society",
        "Smart Environment",
    ]
