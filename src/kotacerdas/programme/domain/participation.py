"""Lifecycle transitions of a participation; the edges live in :mod:`kotacerdas.programme.lifecycle`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, StateError
from kotacerdas.programme.domain.chronology import check_date_order
from kotacerdas.programme.domain.notices import notify_step
from kotacerdas.programme.lifecycle import INITIAL, REQUIREMENTS, TRANSITIONS, State
from kotacerdas.programme.models import Bimtek, Cohort, Institution, Participation, StateChange
from kotacerdas.regions.models import Region

_FACT_STATES = frozenset(
    {
        State.MOU_SIGNED,
        State.GUIDANCE,
        State.COMMITMENT_SIGNED,
        State.BOOKS_SUBMITTED,
        State.PRESENTED,
        State.AWARDED,
    }
)


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def lock_participations(participations: Iterable[Participation]) -> list[Participation]:
    """Lock rows in the one fixed order: their cohorts by id, then the participations by id.

    Every service that changes a participation locks through here, so two overlapping bulk moves wait
    for each other instead of deadlocking (PostgreSQL). ``of=("self",)`` keeps the joined region and
    cohort rows out of the participation lock, which would otherwise be taken in scan order.
    """
    ids = sorted({p.pk for p in participations})
    cohorts = Participation.objects.filter(pk__in=ids).values_list("cohort_id", flat=True)
    list(Cohort.objects.select_for_update().filter(pk__in=sorted(set(cohorts))).order_by("pk"))
    locked = list(
        Participation.objects.select_for_update(of=("self",))
        .select_related("region", "cohort")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    if len(locked) != len(ids):
        raise Participation.DoesNotExist(f"participations {sorted(set(ids) - {p.pk for p in locked})}")
    return locked


def _locked(participation: Participation) -> Participation:
    return lock_participations([participation])[0]


def _missing_facts(p: Participation, target: State) -> str | None:
    if target == State.GUIDANCE and not p.bimteks.filter(stage=1).exists():
        return "bimtek 1 has not been recorded"
    if target == State.COMMITMENT_SIGNED:
        if not p.bimteks.filter(stage=4).exists():
            return "bimtek 4 has not been recorded"
        kinds = set(p.institutions.values_list("kind", flat=True))
        if kinds != {Institution.Kind.COUNCIL, Institution.Kind.TEAM}:
            return "the Dewan Smart City and the Tim Pelaksana must both be formed (decree recorded)"
    if target == State.BOOKS_SUBMITTED:
        books = set(p.documents.values_list("book", flat=True))
        missing = sorted({1, 2, 3, 4} - books)
        if missing:
            return "Buku " + ", ".join(map(str, missing)) + " not uploaded yet"
    return None


def check_transition(p: Participation, target: State | str) -> None:
    """Raise :class:`StateError` with the reason if ``p`` may not move to ``target`` now."""
    source, goal = State(p.state), State(target)
    if goal not in TRANSITIONS[source]:
        allowed = ", ".join(sorted(TRANSITIONS[source])) or "none (final state)"
        raise StateError(
            f"{p.region.name} in {p.cohort.name}: cannot go from {source.value} to {goal.value}",
            hint=f"allowed next states: {allowed}",
        )
    missing = _missing_facts(p, goal)
    if missing:
        raise StateError(
            f"{p.region.name}: cannot enter {goal.value}: {missing}", hint=f"needs {REQUIREMENTS[goal]}"
        )


def _move(p: Participation, target: State, *, actor: Any, on: dt.date, reason: str) -> Participation:
    check_transition(p, target)
    check_date_order(p, on, str(target.label))
    source = p.state
    p.state = target
    p.save(update_fields=["state", "updated_at"])
    StateChange.objects.create(
        participation=p,
        source=source,
        target=target,
        on=on,
        reason=reason,
        actor=stored_user(actor),
    )
    record(
        actor=actor,
        action=f"participation.{target.value}",
        target=p,
        summary=f"{p.region.name} ({p.cohort.name}): {source} → {target.value}",
        data={"from": source, "to": target.value, "on": on.isoformat(), "reason": reason},
    )
    notify_step(p, target, reason)
    return p


@transaction.atomic
def enrol(
    *,
    actor: Any,
    cohort: Cohort,
    region: Region,
    state: State = State.INVITED,
    on: dt.date | None = None,
    previous: Participation | None = None,
    reason: str = "",
) -> Participation:
    """Put a region into a cohort as invited (or selected, for cohorts recorded from public facts)."""
    if state not in INITIAL:
        raise StateError(f"a participation starts as invited or selected, not {state}")
    if Participation.objects.filter(cohort=cohort, region=region).exists():
        raise StateError(f"{region.name} is already in {cohort.name}")
    if previous is not None and previous.region_id != region.pk:
        raise InputError("the earlier participation belongs to another region")
    if previous is not None:
        check_date_order(previous, _today(on), str(State(state).label))
    p = Participation.objects.create(cohort=cohort, region=region, state=state, previous=previous)
    StateChange.objects.create(
        participation=p,
        source="",
        target=state,
        on=_today(on),
        reason=reason,
        actor=stored_user(actor),
    )
    record(
        actor=actor,
        action=f"participation.enrol.{state}",
        target=p,
        summary=f"{region.name} enrolled in {cohort.name} as {state}",
        data={"previous": previous.pk if previous else None},
    )
    notify_step(p, State(state), reason)
    return p


@transaction.atomic
def transition(
    *, actor: Any, participation: Participation, to: State | str, on: dt.date | None = None, reason: str = ""
) -> Participation:
    """Move a participation to ``to`` if the state machine and the recorded facts allow it."""
    target = State(to)
    if target == State.SUBSTITUTED:
        raise StateError("use substitute(): a substitution names the region that takes the slot")
    moved = _move(_locked(participation), target, actor=actor, on=_today(on), reason=reason)
    participation.state = moved.state  # keep the caller's instance current
    return moved


@transaction.atomic
def bulk_transition(
    *,
    actor: Any,
    participations: Iterable[Participation],
    to: State | str,
    on: dt.date | None = None,
    reason: str = "",
) -> list[Participation]:
    """Move several participations at once: all move, or (on the first refusal) none do.

    All rows are locked first, in the fixed order of :func:`lock_participations`, and moved in id order.
    """
    given = list(participations)
    moved = {
        p.pk: transition(actor=actor, participation=p, to=to, on=on, reason=reason)
        for p in lock_participations(given)
    }
    for p in given:  # keep the caller's instances current
        p.state = moved[p.pk].state
    return [moved[p.pk] for p in given]


@transaction.atomic
def substitute(
    *,
    actor: Any,
    participation: Participation,
    by_region: Region,
    on: dt.date | None = None,
    reason: str = "",
) -> Participation:
    """Give a selected region's slot to ``by_region`` in the same cohort; returns the new participation."""
    old = _locked(participation)
    day = _today(on)
    _move(old, State.SUBSTITUTED, actor=actor, on=day, reason=reason or f"slot taken by {by_region.name}")
    if Participation.objects.filter(cohort=old.cohort, region=by_region).exists():
        raise StateError(
            f"{by_region.name} is already in {old.cohort.name}", hint="choose a region not yet in the cohort"
        )
    new = Participation.objects.create(
        cohort=old.cohort, region=by_region, state=State.SELECTED, substitutes=old
    )
    StateChange.objects.create(
        participation=new,
        source="",
        target=State.SELECTED,
        on=day,
        reason=f"substitutes {old.region.name}",
        actor=stored_user(actor),
    )
    record(
        actor=actor,
        action="participation.substitute",
        target=new,
        summary=f"{by_region.name} takes the slot of {old.region.name} in {old.cohort.name}",
        data={"replaces": old.pk},
    )
    notify_step(new, State.SELECTED, f"substitutes {old.region.name}")
    return new


@transaction.atomic
def reselect(
    *, actor: Any, previous: Participation, cohort: Cohort, on: dt.date | None = None, reason: str = ""
) -> Participation:
    """Select again, in a later cohort, a region whose earlier participation ended without completion."""
    previous = _locked(previous)
    if previous.state not in (State.WITHDRAWN, State.CANCELLED, State.SUBSTITUTED, State.NOT_SELECTED):
        raise StateError(
            f"{previous.region.name} is still {previous.state} in {previous.cohort.name}",
            hint="only withdrawn, cancelled, substituted or not-selected regions are re-selected",
        )
    if cohort.year < previous.cohort.year:
        raise StateError(f"{cohort.name} ({cohort.year}) is earlier than {previous.cohort.name}")
    return enrol(
        actor=actor,
        cohort=cohort,
        region=previous.region,
        state=State.SELECTED,
        on=on,
        previous=previous,
        reason=reason or f"re-selected after {previous.cohort.name}",
    )


@transaction.atomic
def record_bimtek(
    *,
    actor: Any,
    participation: Participation,
    stage: int,
    start: dt.date,
    end: dt.date,
    attendees: int,
    attended: bool = True,
) -> Bimtek:
    """Record guidance stage ``stage`` (in order, after the MoU); bimtek 1 moves the region into guidance."""
    p = _locked(participation)
    if p.state not in (State.MOU_SIGNED, State.GUIDANCE):
        raise StateError(f"{p.region.name}: bimtek needs state mou_signed or guidance, not {p.state}")
    if stage not in (1, 2, 3, 4):
        raise InputError(f"bimtek stage must be 1–4, got {stage}")
    if end < start:
        raise InputError(f"bimtek {stage}: end {end} is before start {start}")
    if p.bimteks.filter(stage=stage).exists():
        raise StateError(f"{p.region.name}: bimtek {stage} is already recorded")
    if stage > 1 and not p.bimteks.filter(stage=stage - 1).exists():
        raise StateError(f"{p.region.name}: bimtek {stage - 1} must be recorded before bimtek {stage}")
    check_date_order(p, start, f"bimtek {stage}")
    bimtek = Bimtek.objects.create(
        participation=p, stage=stage, start=start, end=end, attendees=attendees, attended=attended
    )
    record(
        actor=actor,
        action="participation.bimtek",
        target=p,
        summary=f"{p.region.name}: bimtek {stage} ({start}–{end})",
        data={"stage": stage, "attendees": attendees},
    )
    if stage == 1:
        _move(p, State.GUIDANCE, actor=actor, on=start, reason="bimtek 1 started")
    return bimtek


@transaction.atomic
def form_institution(
    *,
    actor: Any,
    participation: Participation,
    kind: Institution.Kind | str,
    decree_number: str,
    decree_date: dt.date,
    members: list[str],
) -> Institution:
    """Record the decree (SK) forming the Dewan Smart City or the Tim Pelaksana."""
    p = _locked(participation)
    if p.state not in _FACT_STATES:
        raise StateError(f"{p.region.name}: institutions are formed after the MoU, state is {p.state}")
    if not decree_number.strip():
        raise InputError("the decree number is required", hint="e.g. 188.45/123/2019")
    institution, _ = Institution.objects.update_or_create(
        participation=p,
        kind=kind,
        defaults={"decree_number": decree_number, "decree_date": decree_date, "members": members},
    )
    record(
        actor=actor,
        action="participation.institution",
        target=p,
        summary=f"{p.region.name}: {Institution.Kind(kind).label} SK {decree_number}",
        data={"members": len(members)},
    )
    return institution


@transaction.atomic
def legalise_masterplan(
    *, actor: Any, participation: Participation, instrument: str, number: str, on: dt.date
) -> Participation:
    """Record the regulation (Perwali/Perbup/Perda) that made the masterplan law."""
    p = _locked(participation)
    if p.state not in (State.BOOKS_SUBMITTED, State.PRESENTED, State.AWARDED):
        raise StateError(
            f"{p.region.name}: the masterplan is legalised after the books are submitted, state is {p.state}"
        )
    expected = {"kota": {"perwali", "perda"}, "kabupaten": {"perbup", "perda"}}[p.region.type]
    if instrument not in expected:
        raise InputError(
            f"{p.region.name} is a {p.region.type}: use {' or '.join(sorted(expected))}, not {instrument!r}"
        )
    check_date_order(p, on, f"{instrument} {number}")
    p.legal_instrument, p.legal_number, p.legal_date = instrument, number, on
    p.save(update_fields=["legal_instrument", "legal_number", "legal_date", "updated_at"])
    record(
        actor=actor,
        action="participation.legalise",
        target=p,
        summary=f"{p.region.name}: {instrument} {number}",
    )
    return p
