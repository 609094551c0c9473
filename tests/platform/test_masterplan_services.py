"""Issue 12 §3: the monitoring services — who may write, the reporting window, evidence, budgets,
quick-win steps, comments and notifications, and who reads which masterplan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.enums import Role
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.monitoring import rules
from kotacerdas.monitoring.domain.budgets import set_budget
from kotacerdas.monitoring.domain.comments import comment_on_masterplan
from kotacerdas.monitoring.domain.editing import save_kpi, update_masterplan, update_programme
from kotacerdas.monitoring.domain.evidence import Evidence
from kotacerdas.monitoring.domain.masterplans import (
    add_programme,
    create_masterplan,
    set_kpi_targets,
    set_quick_win_status,
)
from kotacerdas.monitoring.domain.reporting import open_reporting_window, report_actual
from kotacerdas.monitoring.models import KpiActual, Masterplan, QuickWinUpdate
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.lifecycle import State
from tests.platform import factories as f
from tests.platform.test_bad_upload_corpus import BOOKS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indonesian():  # type: ignore[no-untyped-def]
    """Messages in the source language, whatever an earlier test left active."""
    with translation.override("id"):
        yield


LINK = Evidence(url="https://data.example.go.id/laporan-2025")
JAN, MAR = dt.date(2026, 1, 5), dt.date(2026, 3, 31)


@pytest.fixture
def kpi(world):  # type: ignore[no-untyped-def]
    return save_kpi(
        actor=SYSTEM,
        programme=world.quick_win,
        name="Perjalanan sungai tercatat",
        unit="%",
        targets={2025: 40.0, 2026: 60.0},
        baseline=12.5,
        baseline_year=2024,
    )


def _programme(plan: Masterplan, actor=SYSTEM, **kw):  # type: ignore[no-untyped-def]
    args = {
        "name": "Satu Data",
        "dimension": "governance",
        "sub_dimension": "policy",
        "horizon": 5,
        "owner_opd": "Diskominfo",
        "budget_source": "apbd",
        "budget_amount": 2_000_000_000,
        "start_year": 2025,
    }
    return add_programme(actor=actor, masterplan=plan, **{**args, **kw})


def test_only_the_secretariat_and_the_own_team_write(world, users, kpi):
    plan = world.quick_win.masterplan
    bandung = f.user(Role.REGION_TEAM, "tim-bandung", "32.73")
    for outsider in (users["assessor"], bandung):
        with pytest.raises(PermissionDeniedError):
            _programme(plan, actor=outsider)
        with pytest.raises(PermissionDeniedError):
            create_masterplan(actor=outsider, region=plan.region, vision="x", start_year=2025, end_year=2030)
        with pytest.raises(PermissionDeniedError):
            set_budget(actor=outsider, programme=world.quick_win, year=2025, planned=1)
        with pytest.raises(PermissionDeniedError):
            report_actual(actor=outsider, kpi=kpi, year=2025, value=1.0, evidence=LINK)
        with pytest.raises(PermissionDeniedError):
            set_quick_win_status(actor=outsider, programme=world.quick_win, status="running", on=JAN)
    with pytest.raises(PermissionDeniedError, match="no actor given"):
        _programme(plan, actor=None)
    assert _programme(plan, actor=users["region_team"]).name == "Satu Data"
    assert _programme(plan, actor=users["secretariat"], name="Sungai Bersih").masterplan == plan


def test_actuals_only_while_the_window_of_that_year_is_open(world, users, kpi):
    team = users["region_team"]
    with pytest.raises(StateError) as none:
        report_actual(actor=team, kpi=kpi, year=2025, value=30.0, evidence=LINK, today=JAN)
    assert none.value.message == "Pelaporan capaian tahun 2025 belum dibuka oleh sekretariat."
    open_reporting_window(actor=users["secretariat"], year=2025, opens_on=JAN, closes_on=MAR)
    for day in (JAN - dt.timedelta(days=1), MAR + dt.timedelta(days=1)):
        with pytest.raises(StateError) as closed:
            report_actual(actor=team, kpi=kpi, year=2025, value=30.0, evidence=LINK, today=day)
        assert (
            closed.value.message
            == "Pelaporan capaian tahun 2025 hanya dibuka 5 Januari 2026 sampai 31 Maret 2026."
        )
    with pytest.raises(StateError, match="tahun 2026 belum dibuka"):  # the 2025 window is not the 2026 one
        report_actual(actor=team, kpi=kpi, year=2026, value=30.0, evidence=LINK, today=JAN)
    assert not KpiActual.objects.exists()
    report_actual(actor=team, kpi=kpi, year=2025, value=30.0, evidence=LINK, today=JAN)
    corrected = report_actual(
        actor=team,
        kpi=kpi,
        year=2025,
        value=32.5,
        evidence=Evidence(file_name="bukti.pdf", content=f.PDF),
        today=MAR,
    )
    row = KpiActual.objects.get()
    assert (row.pk, row.value, row.evidence_url, row.synthetic) == (corrected.pk, 32.5, "", False)
    with row.evidence_file.open("rb") as stored:
        assert stored.read() == f.PDF and row.reported_by == team


def test_an_actual_needs_evidence_and_bad_evidence_is_refused(world, users, kpi):
    open_reporting_window(actor=SYSTEM, year=2025, opens_on=JAN, closes_on=MAR)
    team = users["region_team"]
    with pytest.raises(InputError, match="bukti belum ada"):
        report_actual(actor=team, kpi=kpi, year=2025, value=30.0, today=JAN)
    with pytest.raises(InputError, match="bukan alamat web"):
        report_actual(
            actor=team,
            kpi=kpi,
            year=2025,
            value=30.0,
            evidence=Evidence(url="javascript:alert(1)"),
            today=JAN,
        )
    refused = 0
    for name, content in BOOKS.values():
        with pytest.raises(InputError):
            report_actual(
                actor=team,
                kpi=kpi,
                year=2025,
                value=1.0,
                evidence=Evidence(file_name=name, content=content),
                today=JAN,
            )
        refused += 1
    with pytest.raises(InputError, match="nan bukan angka"):
        report_actual(actor=team, kpi=kpi, year=2025, value=float("nan"), evidence=LINK, today=JAN)
    with pytest.raises(InputError, match="di luar 2024–2034"):
        open_reporting_window(actor=SYSTEM, year=2023, opens_on=JAN, closes_on=MAR)
        report_actual(actor=team, kpi=kpi, year=2023, value=1.0, evidence=LINK, today=JAN)
    assert (refused, KpiActual.objects.count()) == (len(BOOKS), 0)


def test_only_the_secretariat_opens_windows_and_teams_with_a_masterplan_are_told(world, users):
    with pytest.raises(PermissionDeniedError):
        open_reporting_window(actor=users["region_team"], year=2025, opens_on=JAN, closes_on=MAR)
    with pytest.raises(InputError, match="sebelum dibuka"):
        open_reporting_window(actor=users["secretariat"], year=2025, opens_on=MAR, closes_on=JAN)
    f.user(Role.REGION_TEAM, "tim-bandung", "32.73")  # Bandung has no masterplan
    with pytest.raises(StateError), transaction.atomic():  # nothing is sent unless the change commits
        open_reporting_window(actor=users["secretariat"], year=2025, opens_on=JAN, closes_on=MAR)
        raise StateError("roll back")
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_opening_a_window_notifies_the_teams_once(users):
    plan = create_masterplan(
        actor=SYSTEM, region=f.region("63.71"), vision="Banjarmasin", start_year=2024, end_year=2034
    )
    f.user(Role.REGION_TEAM, "tim-bandung", "32.73")
    for _ in range(2):
        open_reporting_window(actor=users["secretariat"], year=2025, opens_on=JAN, closes_on=MAR)
    told = Notification.objects.get()
    assert (told.recipient.username, told.kind, told.url) == (
        "tim-banjarmasin",
        "reporting_window",
        f"/masterplan/{plan.pk}/capaian/",
    )
    assert told.text == "Pelaporan capaian KPI tahun 2025 dibuka dari 2026-01-05 sampai 2026-03-31."


def test_quick_win_steps_keep_dated_evidence(world, users):
    team = users["region_team"]
    set_quick_win_status(
        actor=team, programme=world.quick_win, status="running", on=dt.date(2024, 3, 1), evidence=LINK
    )
    set_quick_win_status(
        actor=team,
        programme=world.quick_win,
        status="done",
        on=dt.date(2024, 11, 1),
        evidence=Evidence(file_name="foto.pdf", content=f.PDF),
    )
    history = list(QuickWinUpdate.objects.filter(programme=world.quick_win))
    assert [(h.status, h.on, h.evidence_url) for h in history] == [
        ("planned", dt.date(2024, 1, 1), ""),
        ("running", dt.date(2024, 3, 1), LINK.url),
        ("done", dt.date(2024, 11, 1), ""),
    ]
    with history[-1].evidence_file.open("rb") as stored:
        assert stored.read() == f.PDF
    with pytest.raises(InputError):
        set_quick_win_status(
            actor=team,
            programme=world.quick_win,
            status="stopped",
            on=dt.date(2024, 12, 1),
            evidence=Evidence(file_name="x.pdf", content=b"<html>"),
        )


def test_budgets_are_whole_rupiah_inside_the_period_and_replaced_per_year(world, users):
    team = users["region_team"]
    set_budget(actor=team, programme=world.quick_win, year=2025, planned=700_000_000)
    row = set_budget(
        actor=team, programme=world.quick_win, year=2025, planned=700_000_000, realised=650_000_000
    )
    assert list(world.quick_win.budgets.values_list("year", "planned", "realised")) == [
        (2025, 700_000_000, 650_000_000)
    ]
    assert row.realised == 650_000_000
    for bad in ({"planned": -1}, {"planned": 10**16}, {"planned": 1, "realised": -5}):
        with pytest.raises(InputError, match="bilangan bulat rupiah"):
            set_budget(actor=team, programme=world.quick_win, year=2025, **bad)
    with pytest.raises(InputError, match="di luar 2024–2034"):
        set_budget(actor=team, programme=world.quick_win, year=2040, planned=1)


def test_editing_keeps_programmes_and_quick_win_history_consistent(world, users):
    team, plan, item = users["region_team"], world.quick_win.masterplan, world.quick_win
    with pytest.raises(InputError, match=r"meninggalkan: Sungai Digital \(2024\)"):
        update_masterplan(actor=team, masterplan=plan, vision="Baru", start_year=2025, end_year=2035)
    assert (
        update_masterplan(actor=team, masterplan=plan, vision="Baru", start_year=2024, end_year=2030).end_year
        == 2030
    )
    set_quick_win_status(actor=team, programme=item, status="running", on=dt.date(2024, 2, 1))
    fields = {
        "name": "Sungai Digital 2",
        "dimension": "living",
        "sub_dimension": "mobility",
        "horizon": 5,
        "owner_opd": "Dishub",
        "budget_source": "apbn",
        "budget_amount": 5,
        "start_year": 2024,
        "description": "",
    }
    with pytest.raises(StateError, match="tetap quick win"):
        update_programme(actor=team, programme=item, quick_win=False, **fields)
    with pytest.raises(InputError, match="bukan bagian dari"):
        update_programme(actor=team, programme=item, quick_win=True, **{**fields, "sub_dimension": "waste"})
    edited = update_programme(actor=team, programme=item, quick_win=True, **fields)
    assert (edited.name, edited.horizon, edited.status) == ("Sungai Digital 2", 5, "running")
    plain = _programme(plan)
    flagged = update_programme(actor=team, programme=plain, quick_win=True, **{**fields, "name": "Satu Data"})
    assert list(flagged.status_history.values_list("status", flat=True)) == ["planned"]


def test_kpi_baseline_goes_with_its_year_and_targets_stay_in_the_period(world, users):
    team = users["region_team"]
    with pytest.raises(InputError, match="nilai dasar bersama tahunnya"):
        save_kpi(actor=team, programme=world.quick_win, name="A", unit="%", targets={}, baseline=1.0)
    with pytest.raises(InputError, match=r"tahun 2040 di luar"):
        save_kpi(actor=team, programme=world.quick_win, name="A", unit="%", targets={2040: 1.0})
    with pytest.raises(InputError, match=r"tahun 2019, 2040 di luar"):  # creating checks the same, years sorted
        set_kpi_targets(actor=team, programme=world.quick_win, name="B", unit="%", targets={2040: 1.0, 2019: 1.0})
    kpi = save_kpi(actor=team, programme=world.quick_win, name="A", unit="%", targets={2025: 1.0, 2026: 2.0})
    again = save_kpi(
        actor=team,
        programme=world.quick_win,
        kpi=kpi,
        name="B",
        unit="km",
        targets={2027: 3.0},
        higher_is_better=False,
    )
    assert (again.pk, again.name, again.higher_is_better) == (kpi.pk, "B", False)
    assert list(again.targets.values_list("year", "target")) == [(2027, 3.0)]


def test_comments_by_staff_and_the_own_team_notify_the_other_side(
    world, users, django_capture_on_commit_callbacks
):
    plan = world.quick_win.masterplan
    with django_capture_on_commit_callbacks(execute=True):
        comment_on_masterplan(actor=users["assessor"], masterplan=plan, text="Tambahkan KPI dampak.")
        comment_on_masterplan(actor=users["region_team"], masterplan=plan, text="Sudah kami tambahkan.")
    told = sorted((n.recipient.username, n.text) for n in Notification.objects.all())
    assert told == [
        ("asesor", "tim-banjarmasin mengomentari masterplan Kota Banjarmasin."),
        ("tim-banjarmasin", "asesor mengomentari masterplan Kota Banjarmasin."),
    ]
    with pytest.raises(PermissionDeniedError):
        comment_on_masterplan(
            actor=f.user(Role.REGION_TEAM, "tim-bandung", "32.73"), masterplan=plan, text="x"
        )
    with pytest.raises(InputError, match="kosong"):
        comment_on_masterplan(actor=users["secretariat"], masterplan=plan, text="  ")


def test_a_masterplan_is_public_once_presented_or_legalised(world, users):
    draft = world.quick_win.masterplan
    later = f.cohort(2019, name="GM100 2019")
    presented = f.participation("32.73", state=State.PRESENTED, the_cohort=later)
    public = create_masterplan(
        actor=SYSTEM,
        region=presented.region,
        participation=presented,
        vision="Bandung",
        start_year=2020,
        end_year=2030,
    )
    bandung = f.user(Role.REGION_TEAM, "tim-bandung", "32.73")
    from django.contrib.auth.models import AnonymousUser  # local import: only this test needs a visitor

    seen = {
        who: set(rules.visible_masterplans(user).values_list("pk", flat=True))
        for who, user in {
            "public": AnonymousUser(),
            "assessor": users["assessor"],
            "own team": users["region_team"],
            "other team": bandung,
        }.items()
    }
    assert seen == {
        "public": {public.pk},
        "assessor": {public.pk, draft.pk},
        "own team": {public.pk, draft.pk},
        "other team": {public.pk},
    }
    world.own.legal_instrument, world.own.legal_number = "perwali", "12/2025"
    world.own.save()
    draft.participation = world.own
    draft.save()
    assert rules.is_public(draft) and rules.visible_masterplans(AnonymousUser()).count() == 2
