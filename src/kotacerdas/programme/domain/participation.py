"""Lifecycle transitions of a participation; the edges live in :mod:`kotacerdas.programme.lifecycle`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, StateError
from kotacerdas.programme.domain.chronology import check_date_order
from kotacerdas.programme.domain.notices import notify_step
from kotacerdas.programme.lifecycle import INITIAL, REQUIREMENTS, TRANSITIONS, State
from kotacerdas.programme.models import Bimtek, Cohort, Institution, Participation, StateChange
from kotacerdas.programme.step_reasons import StepReason
from kotacerdas.regions.models import Region

#: a step's reason: typed by a person (kept as typed) or written by the platform (shown in each reader's language)
Reason = str | StepReason
#: the longest reason text a state change keeps
REASON_CHARS = 300


def reason_fields(reason: Reason) -> dict[str, Any]:
    """The ``StateChange`` columns of ``reason``: the text (Indonesian for the platform's), code, params."""
    if isinstance(reason, StepReason):
        return {
            "reason": reason.source_text()[:REASON_CHARS],
            "reason_code": reason.code,
            "reason_params": dict(reason.params),
        }
    return {"reason": reason}


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
        return _("bimtek 1 belum tercatat")
    if target == State.COMMITMENT_SIGNED:
        if not p.bimteks.filter(stage=4).exists():
            return _("bimtek 4 belum tercatat")
        kinds = set(p.institutions.values_list("kind", flat=True))
        if kinds != {Institution.Kind.COUNCIL, Institution.Kind.TEAM}:
            return _("Dewan Smart City dan Tim Pelaksana harus keduanya terbentuk (SK tercatat)")
    if target == State.BOOKS_SUBMITTED:
        books = set(p.documents.values_list("book", flat=True))
        missing = sorted({1, 2, 3, 4} - books)
        if missing:
            return _("Buku %(books)s belum diunggah") % {"books": ", ".join(map(str, missing))}
    return None


def check_transition(p: Participation, target: State | str) -> None:
    """Raise :class:`StateError` with the reason if ``p`` may not move to ``target`` now."""
    source, goal = State(p.state), State(target)
    if goal not in TRANSITIONS[source]:
        allowed = ", ".join(str(s.label) for s in sorted(TRANSITIONS[source])) or _(
            "tidak ada (status akhir)"
        )
        raise StateError(
            _("%(region)s di %(cohort)s: tidak dapat berpindah dari %(source)s ke %(goal)s")
            % {"region": p.region.name, "cohort": p.cohort.name, "source": source.label, "goal": goal.label},
            hint=_("status berikut yang diizinkan: %(allowed)s") % {"allowed": allowed},
            code="transition_not_allowed",
            params={"source": source.value, "target": goal.value},
        )
    missing = _missing_facts(p, goal)
    if missing:
        raise StateError(
            _("%(region)s: belum dapat masuk ke %(goal)s: %(missing)s")
            % {"region": p.region.name, "goal": goal.label, "missing": missing},
            hint=_("perlu: %(needs)s") % {"needs": REQUIREMENTS[goal]},
            code="transition_requirements_missing",
            params={"target": goal.value},
        )


def _move(p: Participation, target: State, *, actor: Any, on: dt.date, reason: Reason) -> Participation:
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
        actor=stored_user(actor),
        **reason_fields(reason),
    )
    record(
        actor=actor,
        action=f"participation.{target.value}",
        target=p,
        summary=wording(
            gettext_lazy("%(region)s (%(cohort)s): %(source)s → %(target)s"),
            region=p.region.name,
            cohort=p.cohort.name,
            source=State(source).label,
            target=target.label,
        ),
        data={"from": source, "to": target.value, "on": on.isoformat(), "reason": str(reason)},
    )
    notify_step(p, target, str(reason))
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
    reason: Reason = "",
) -> Participation:
    """Put a region into a cohort as invited (or selected, for cohorts recorded from public facts)."""
    if state not in INITIAL:
        raise StateError(
            _("keikutsertaan dimulai sebagai diundang atau terpilih, bukan %(state)s")
            % {"state": State(state).label if state in State.values else state},
            code="invalid_initial_state",
        )
    if Participation.objects.filter(cohort=cohort, region=region).exists():
        raise StateError(
            _("%(region)s sudah ada di %(cohort)s") % {"region": region.name, "cohort": cohort.name},
            code="already_in_cohort",
        )
    if previous is not None and previous.region_id != region.pk:
        raise InputError(_("keikutsertaan sebelumnya milik daerah lain"), code="previous_other_region")
    if previous is not None:
        check_date_order(previous, _today(on), str(State(state).label))
    p = Participation.objects.create(cohort=cohort, region=region, state=state, previous=previous)
    StateChange.objects.create(
        participation=p,
        source="",
        target=state,
        on=_today(on),
        actor=stored_user(actor),
        **reason_fields(reason),
    )
    record(
        actor=actor,
        action=f"participation.enrol.{state}",
        target=p,
        summary=wording(
            gettext_lazy("%(region)s didaftarkan ke %(cohort)s dengan status %(state)s"),
            region=region.name,
            cohort=cohort.name,
            state=State(state).label,
        ),
        data={"previous": previous.pk if previous else None},
    )
    notify_step(p, State(state), str(reason))
    return p


@transaction.atomic
def transition(
    *,
    actor: Any,
    participation: Participation,
    to: State | str,
    on: dt.date | None = None,
    reason: Reason = "",
) -> Participation:
    """Move a participation to ``to`` if the state machine and the recorded facts allow it."""
    target = State(to)
    if target == State.SUBSTITUTED:
        raise StateError(
            _("gunakan penggantian: penggantian menyebut daerah yang mengisi tempat itu"),
            code="substitution_needs_region",
        )
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
    reason: Reason = "",
) -> Participation:
    """Give a selected region's slot to ``by_region`` in the same cohort; returns the new participation."""
    old = _locked(participation)
    day = _today(on)
    taken = reason or StepReason("slot_taken", {"region": by_region.name})
    _move(old, State.SUBSTITUTED, actor=actor, on=day, reason=taken)
    if Participation.objects.filter(cohort=old.cohort, region=by_region).exists():
        raise StateError(
            _("%(region)s sudah ada di %(cohort)s") % {"region": by_region.name, "cohort": old.cohort.name},
            hint=_("pilih daerah yang belum ada di kohort itu"),
            code="already_in_cohort",
        )
    new = Participation.objects.create(
        cohort=old.cohort, region=by_region, state=State.SELECTED, substitutes=old
    )
    StateChange.objects.create(
        participation=new,
        source="",
        target=State.SELECTED,
        on=day,
        actor=stored_user(actor),
        **reason_fields(StepReason("substitutes", {"region": old.region.name})),
    )
    record(
        actor=actor,
        action="participation.substitute",
        target=new,
        summary=wording(
            gettext_lazy("%(region)s menggantikan %(old)s di %(cohort)s"),
            region=by_region.name,
            old=old.region.name,
            cohort=old.cohort.name,
        ),
        data={"replaces": old.pk},
    )
    notify_step(new, State.SELECTED, str(StepReason("substitutes", {"region": old.region.name})))
    return new


@transaction.atomic
def reselect(
    *, actor: Any, previous: Participation, cohort: Cohort, on: dt.date | None = None, reason: Reason = ""
) -> Participation:
    """Select again, in a later cohort, a region whose earlier participation ended without completion."""
    previous = _locked(previous)
    if previous.state not in (State.WITHDRAWN, State.CANCELLED, State.SUBSTITUTED, State.NOT_SELECTED):
        raise StateError(
            _("%(region)s masih berstatus %(state)s di %(cohort)s")
            % {
                "region": previous.region.name,
                "state": State(previous.state).label,
                "cohort": previous.cohort.name,
            },
            hint=_(
                "hanya daerah yang mengundurkan diri, dibatalkan, digantikan atau tidak terpilih yang dapat dipilih lagi"
            ),
            code="still_active",
        )
    if cohort.year < previous.cohort.year:
        raise StateError(
            _("%(cohort)s (%(year)s) lebih awal dari %(previous)s")
            % {"cohort": cohort.name, "year": cohort.year, "previous": previous.cohort.name},
            code="cohort_earlier",
        )
    return enrol(
        actor=actor,
        cohort=cohort,
        region=previous.region,
        state=State.SELECTED,
        on=on,
        previous=previous,
        reason=reason or StepReason("reselected", {"cohort": previous.cohort.name}),
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
        raise StateError(
            _("%(region)s: bimtek memerlukan status %(mou)s atau %(guidance)s, bukan %(state)s")
            % {
                "region": p.region.name,
                "mou": State.MOU_SIGNED.label,
                "guidance": State.GUIDANCE.label,
                "state": State(p.state).label,
            },
            code="bimtek_wrong_state",
        )
    if stage not in (1, 2, 3, 4):
        raise InputError(_("tahap bimtek harus 1–4, bukan %(stage)s") % {"stage": stage}, code="bimtek_stage")
    if end < start:
        raise InputError(
            _("bimtek %(stage)s: selesai %(end)s sebelum mulai %(start)s")
            % {"stage": stage, "end": date_format(end), "start": date_format(start)},
            code="end_before_start",
        )
    if p.bimteks.filter(stage=stage).exists():
        raise StateError(
            _("%(region)s: bimtek %(stage)s sudah tercatat") % {"region": p.region.name, "stage": stage},
            code="bimtek_recorded",
        )
    if stage > 1 and not p.bimteks.filter(stage=stage - 1).exists():
        raise StateError(
            _("%(region)s: bimtek %(before)s harus tercatat sebelum bimtek %(stage)s")
            % {"region": p.region.name, "before": stage - 1, "stage": stage},
            code="bimtek_order",
        )
    check_date_order(p, start, f"bimtek {stage}")
    bimtek = Bimtek.objects.create(
        participation=p, stage=stage, start=start, end=end, attendees=attendees, attended=attended
    )
    record(
        actor=actor,
        action="participation.bimtek",
        target=p,
        summary=wording(
            gettext_lazy("%(region)s: bimtek %(stage)s (%(start)s – %(end)s)"),
            region=p.region.name,
            stage=str(stage),
            start=start,
            end=end,
        ),
        data={"stage": stage, "attendees": attendees},
    )
    if stage == 1:
        _move(p, State.GUIDANCE, actor=actor, on=start, reason=StepReason("bimtek_started", {"stage": 1}))
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
        raise StateError(
            _("%(region)s: kelembagaan dibentuk sesudah MoU, statusnya %(state)s")
            % {"region": p.region.name, "state": State(p.state).label},
            code="institution_wrong_state",
        )
    if not decree_number.strip():
        raise InputError(
            _("nomor SK wajib diisi"), hint=_("misalnya 188.45/123/2019"), code="decree_number_required"
        )
    institution, _created = Institution.objects.update_or_create(
        participation=p,
        kind=kind,
        defaults={"decree_number": decree_number, "decree_date": decree_date, "members": members},
    )
    record(
        actor=actor,
        action="participation.institution",
        target=p,
        summary=wording(
            gettext_lazy("%(region)s: %(institution)s, SK %(number)s"),
            region=p.region.name,
            institution=Institution.Kind(kind).label,
            number=decree_number,
        ),
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
            _("%(region)s: masterplan disahkan sesudah buku diserahkan, statusnya %(state)s")
            % {"region": p.region.name, "state": State(p.state).label},
            code="legalisation_wrong_state",
        )
    expected = {"kota": {"perwali", "perda"}, "kabupaten": {"perbup", "perda"}}[p.region.type]
    if instrument not in expected:
        raise InputError(
            _("%(region)s adalah %(type)s: gunakan %(expected)s, bukan %(instrument)r")
            % {
                "region": p.region.name,
                "type": p.region.type,
                "expected": _(" atau ").join(sorted(expected)),
                "instrument": instrument,
            },
            code="legal_instrument",
        )
    check_date_order(p, on, f"{instrument} {number}")
    p.legal_instrument, p.legal_number, p.legal_date = instrument, number, on
    p.save(update_fields=["legal_instrument", "legal_number", "legal_date", "updated_at"])
    record(
        actor=actor,
        action="participation.legalise",
        target=p,
        summary=f"{p.region.name}: {p.get_legal_instrument_display()} {number}",  # names, the same in each language
    )
    return p
