"""Factories for platform tests: real rows made through the domain services (no mocks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import create_user
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.io.registry import load_registry
from kotacerdas.programme.domain.cohorts import create_cohort, create_programme
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.domain.participation import enrol, form_institution, record_bimtek, transition
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation, Programme
from kotacerdas.regions.models import Region

PDF = b"%PDF-1.4\n% test\n%%EOF\n"
DAY = dt.date(2024, 3, 1)


def region(code: str) -> Region:
    """The registry's region with this code, stored (once)."""
    item = load_registry().get(code)
    obj, _ = Region.objects.get_or_create(
        code=item.code,
        defaults={
            "name": item.name,
            "type": item.type,
            "province_code": item.province_code,
            "province": item.province,
            "island_group": item.island_group,
        },
    )
    return obj


def user(role: Role, username: str | None = None, region_code: str | None = None) -> User:
    name = username or f"{role.value}-{region_code or 'x'}"
    return create_user(
        actor=SYSTEM,
        username=name,
        password="pw-for-tests-123",
        role=role,
        region=region(region_code) if region_code else None,
    )


def programme(slug: str = "gm100") -> Programme:
    return Programme.objects.filter(slug=slug).first() or create_programme(
        actor=SYSTEM, slug=slug, name="GM100"
    )


def cohort(year: int = 2024, target: int = 25, name: str | None = None) -> Cohort:
    return create_cohort(
        actor=SYSTEM, programme=programme(), year=year, name=name or f"GM100 {year}", target_size=target
    )


def guided(p: Participation, until: State, actor: Any = SYSTEM) -> Participation:
    """Walk ``p`` (selected) along the main line up to ``until`` with all the facts each step needs."""
    order = [
        State.MOU_SIGNED,
        State.GUIDANCE,
        State.COMMITMENT_SIGNED,
        State.BOOKS_SUBMITTED,
        State.PRESENTED,
        State.AWARDED,
    ]
    for state in order[: order.index(until) + 1]:
        if state == State.GUIDANCE:
            for stage in range(1, 5):
                record_bimtek(actor=actor, participation=p, stage=stage, start=DAY, end=DAY, attendees=20)
            for kind in ("council", "team"):
                form_institution(
                    actor=actor,
                    participation=p,
                    kind=kind,
                    decree_number=f"SK/{kind}/1",
                    decree_date=DAY,
                    members=["A", "B"],
                )
            continue
        if state == State.BOOKS_SUBMITTED:
            for book in range(1, 5):
                submit_book(actor=actor, participation=p, book=book, name=f"buku{book}.pdf", content=PDF)
        transition(actor=actor, participation=p, to=state, on=DAY)
    p.refresh_from_db()
    return p


def participation(
    code: str = "63.71", state: State = State.SELECTED, the_cohort: Cohort | None = None
) -> Participation:
    """A participation of region ``code`` brought to ``state`` along the main line."""
    c = the_cohort or Cohort.objects.first() or cohort()
    if state in (State.INVITED, State.ASSESSED, State.NOT_SELECTED):
        p = enrol(actor=SYSTEM, cohort=c, region=region(code), state=State.INVITED, on=DAY)
        if state != State.INVITED:
            transition(actor=SYSTEM, participation=p, to=State.ASSESSED, on=DAY)
        if state == State.NOT_SELECTED:
            transition(actor=SYSTEM, participation=p, to=State.NOT_SELECTED, on=DAY)
        p.refresh_from_db()
        return p
    p = enrol(actor=SYSTEM, cohort=c, region=region(code), state=State.SELECTED, on=DAY)
    return p if state == State.SELECTED else guided(p, state)
