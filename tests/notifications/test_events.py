"""Every notification event of issue 12 §1, each checked three ways:

- **sent**: once the change commits, the recipient has an inbox row of the event's kind and a pending e-mail;
- **opted out**: a recipient who opted out of the kind's e-mail still gets the inbox row, but no e-mail;
- **after commit only**: nothing is written while the change's transaction is open, and nothing at all
  when it rolls back.

Each event is a function that makes the change through its domain service and returns the person who must
be told; the changes that lead up to it run outside the captured callbacks, so they notify nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.assessment.domain.assignment import override_assignment, run_assignment
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.domain.notices import send_deadline_reminders
from kotacerdas.assessment.domain.results import compute_results
from kotacerdas.assessment.domain.rounds import close_round, publish_round
from kotacerdas.assessment.models import Assignment, Moderation
from kotacerdas.monitoring.domain.comments import comment_on_masterplan
from kotacerdas.monitoring.domain.reporting import open_reporting_window
from kotacerdas.notifications.domain.inbox import set_email_kinds
from kotacerdas.notifications.kinds import Kind
from kotacerdas.notifications.models import EmailDelivery, Notification
from kotacerdas.programme.domain.participation import transition
from kotacerdas.programme.domain.reviews import open_thread, set_review_status
from kotacerdas.programme.lifecycle import State
from tests.assessment.conftest import score_everything
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Event:
    name: str
    kind: Kind
    fixture: str  # "world" (the platform's) or "aworld" (an assessment round being scored)
    prepare: Callable[[Any, dict[str, Any]], Any]  # set-up, notifying nobody; returns what ``act`` needs
    act: Callable[[Any, dict[str, Any], Any], Any]  # the change; returns the person to be told
    told: int = 1  # how many notices of the kind that person gets


def _deadline(aworld, users, days: int):  # type: ignore[no-untyped-def]
    send_deadline_reminders(aworld.round.deadline + dt.timedelta(days=days))


def _published(aworld, users):  # type: ignore[no-untyped-def]
    sec = users["secretariat"]
    run_assignment(actor=sec, round_=aworld.round)
    score_everything(aworld)
    close_round(actor=sec, round_=aworld.round)
    for m in Moderation.objects.all():
        moderate(actor=sec, moderation=m, outcome="dikonfirmasi")
    compute_results(actor=sec, round_=aworld.round)


def _moved(aworld, users):  # type: ignore[no-untyped-def]
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    return Assignment.objects.get(
        submission=aworld.submissions["15.71"], assessor=aworld.assessors["asesor-2"]
    )


def _assessed_again(world, users):  # type: ignore[no-untyped-def]
    """Banjarmasin again, invited to a later cohort and assessed: the next step is the selection decision."""
    return f.participation("63.71", state=State.ASSESSED, the_cohort=f.cohort(2025))


def _nothing(world, users):  # type: ignore[no-untyped-def]
    return None


def _assigned(world, users):  # type: ignore[no-untyped-def]
    run_assignment(actor=users["secretariat"], round_=world.round)


EVENTS = [
    Event(
        "assignment given",
        Kind.ASSIGNMENT,
        "aworld",
        _nothing,
        lambda w, u, _: (run_assignment(actor=u["secretariat"], round_=w.round), u["assessor"])[1],
        told=2,  # asesor assesses Kediri and Jambi
    ),
    Event(
        "assignment changed",
        Kind.ASSIGNMENT,
        "aworld",
        _moved,
        lambda w, u, moved: (
            override_assignment(
                actor=u["secretariat"], assignment=moved, assessor=w.assessors["asesor-3"], reason="cuti"
            ),
            w.assessors["asesor-3"].user,
        )[1],
    ),
    Event(
        "deadline 7 days ahead",
        Kind.DEADLINE_SOON,
        "aworld",
        _assigned,
        lambda w, u, _: (_deadline(w, u, -7), u["assessor"])[1],
    ),
    Event(
        "deadline 1 day ahead",
        Kind.DEADLINE_SOON,
        "aworld",
        _assigned,
        lambda w, u, _: (_deadline(w, u, -1), u["assessor"])[1],
    ),
    Event(
        "deadline passed (assessor)",
        Kind.DEADLINE_PASSED,
        "aworld",
        _assigned,
        lambda w, u, _: (_deadline(w, u, 1), u["assessor"])[1],
    ),
    Event(
        "deadline passed (secretariat)",
        Kind.DEADLINE_PASSED,
        "aworld",
        _assigned,
        lambda w, u, _: (_deadline(w, u, 1), u["secretariat"])[1],
    ),
    Event(
        "comment on a book",
        Kind.BOOK_COMMENT,
        "world",
        _nothing,
        lambda w, u, _: (
            open_thread(actor=u["assessor"], document=w.doc_own, text="Lengkapi bab 2"),
            u["region_team"],
        )[1],
    ),
    Event(
        "book review status changed",
        Kind.BOOK_REVIEW,
        "world",
        _nothing,
        lambda w, u, _: (
            set_review_status(actor=u["assessor"], document=w.doc_own, status="revision", reason="Bab 2"),
            u["region_team"],
        )[1],
    ),
    Event(
        "lifecycle transition of the user's region",
        Kind.LIFECYCLE,
        "world",
        _nothing,
        lambda w, u, _: (
            transition(actor=u["secretariat"], participation=w.own, to=State.WITHDRAWN, reason="mundur"),
            u["region_team"],
        )[1],
    ),
    Event(
        "selection decision",
        Kind.SELECTION,
        "world",
        _assessed_again,
        lambda w, u, p: (
            transition(actor=u["secretariat"], participation=p, to=State.SELECTED, reason="skor tertinggi"),
            u["region_team"],
        )[1],
    ),
    Event(
        "round published",
        Kind.ROUND_PUBLISHED,
        "aworld",
        _published,
        lambda w, u, _: (publish_round(actor=u["secretariat"], round_=w.round), u["region_team"])[1],
    ),
    Event(
        "reporting window opened",
        Kind.REPORTING_WINDOW,
        "world",
        _nothing,
        lambda w, u, _: (
            open_reporting_window(
                actor=u["secretariat"],
                year=2025,
                opens_on=dt.date(2026, 1, 5),
                closes_on=dt.date(2026, 3, 31),
            ),
            u["region_team"],
        )[1],
    ),
    Event(
        "masterplan comment",
        Kind.MASTERPLAN_COMMENT,
        "world",
        _nothing,
        lambda w, u, _: (
            comment_on_masterplan(
                actor=u["assessor"], masterplan=w.quick_win.masterplan, text="Tambahkan KPI."
            ),
            u["region_team"],
        )[1],
    ),
]
IDS = [e.name for e in EVENTS]


def _staged(event: Event, request, users):  # type: ignore[no-untyped-def]
    """The event's world, prepared; everybody has an e-mail address (e-mail goes only to those with one)."""
    world = request.getfixturevalue(event.fixture)
    User.objects.filter(email="").update(email="orang@contoh.go.id")
    people = [*users.values(), *(p.user for p in getattr(world, "assessors", {}).values())]
    for person in people:  # the objects some services are handed
        person.refresh_from_db()
    return world, event.prepare(world, users)


def _told(person, kind: Kind) -> list[Notification]:  # type: ignore[no-untyped-def]
    return list(Notification.objects.filter(recipient=person, kind=kind))


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_sent(event: Event, request, users, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    world, staged = _staged(event, request, users)
    with django_capture_on_commit_callbacks(execute=True):
        person = event.act(world, users, staged)
    notices = _told(person, event.kind)
    assert len(notices) == event.told
    assert EmailDelivery.objects.filter(notification__in=notices).count() == event.told


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_no_email_when_opted_out(event: Event, request, users, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    world, staged = _staged(event, request, users)
    for person in User.objects.all():  # everybody keeps every e-mail but this event's kind
        set_email_kinds(actor=person, kinds=[k for k in Kind.values if k != event.kind])
    with django_capture_on_commit_callbacks(execute=True):
        person = event.act(world, users, staged)
    notices = _told(person, event.kind)
    assert len(notices) == event.told  # the inbox keeps it
    assert not EmailDelivery.objects.filter(notification__kind=event.kind).exists()


@pytest.mark.parametrize("event", EVENTS, ids=IDS)
def test_after_commit_only(event: Event, request, users, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    world, staged = _staged(event, request, users)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        person = event.act(world, users, staged)
        raise RuntimeError("the change is rolled back")
    assert not Notification.objects.filter(kind=event.kind).exists()  # a rolled-back change tells nobody
    with django_capture_on_commit_callbacks(execute=False) as pending:
        assert event.act(world, users, staged) == person
    assert _told(person, event.kind) == [] and pending  # nothing while the change is uncommitted
    for callback in pending:  # the commit delivers it
        callback()
    assert len(_told(person, event.kind)) == event.told
