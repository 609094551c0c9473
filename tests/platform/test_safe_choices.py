"""Forms offer only what is legal now: quick-win statuses and lifecycle stages from their state machines,
cohorts a region may still join, and no preselected choice where a wrong default would act."""

from __future__ import annotations

import datetime as dt

import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.monitoring.domain.masterplans import set_quick_win_status
from kotacerdas.programme.domain.participation import transition
from tests.platform import factories as f
from tests.platform.html_forms import selects

pytestmark = pytest.mark.django_db


def _quick_win_choices(client) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [s.values for s in selects(client.get("/wilayah/63.71/").content.decode(), "status", "/quick-win/")]


def test_the_quick_win_form_offers_only_the_next_statuses(world, client_for):
    team = client_for("region_team")
    assert _quick_win_choices(team) == [["running", "stopped"]]  # planned: not "planned" again, not "done"
    set_quick_win_status(actor=SYSTEM, programme=world.quick_win, status="running", on=dt.date(2024, 6, 1))
    assert _quick_win_choices(team) == [["done", "stopped"]]
    set_quick_win_status(actor=SYSTEM, programme=world.quick_win, status="done", on=dt.date(2024, 12, 1))
    assert _quick_win_choices(team) == []  # done is final: no form at all


def test_the_pipeline_offers_only_stages_a_region_of_the_board_may_reach(world, client_for):
    url = f"/kohort/{world.own.cohort_id}/"
    [bulk] = selects(client_for("secretariat").get(url).content.decode(), "to", "/aksi/")
    assert bulk.required
    assert bulk.values == ["", "commitment_signed", "withdrawn", "cancelled"]  # both regions in guidance
    transition(actor=SYSTEM, participation=world.other, to="withdrawn", on=dt.date(2024, 6, 1))
    [bulk] = selects(client_for("secretariat").get(url).content.decode(), "to", "/aksi/")
    assert bulk.values == ["", "commitment_signed", "withdrawn", "cancelled"]  # withdrawn adds nothing
    transition(actor=SYSTEM, participation=world.own, to="withdrawn", on=dt.date(2024, 6, 1))
    [bulk] = selects(client_for("secretariat").get(url).content.decode(), "to", "/aksi/")
    assert bulk.values == [""]  # every region has ended: nothing to move to


def test_reselection_offers_only_cohorts_not_earlier_than_the_ended_one(world, client_for):
    earlier, later = f.cohort(2023), f.cohort(2025)
    transition(actor=SYSTEM, participation=world.own, to="withdrawn", on=dt.date(2024, 6, 1))
    page = client_for("secretariat").get("/wilayah/63.71/").content.decode()
    [reselect] = selects(page, "cohort", "/pilih-ulang/")
    assert reselect.values == [str(later.pk)]
    [enrol] = selects(page, "cohort", "/daftar/")
    assert enrol.values == [str(earlier.pk), str(later.pk)]  # enrolling is not bound to the ended cohort
