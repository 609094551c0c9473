"""Creating rounds with their submissions, closing and publishing them (after a completeness check)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.assessment.domain.completeness import require_complete
from kotacerdas.assessment.domain.guards import locked, require_secretariat, require_state
from kotacerdas.assessment.domain.moderation import flag_disagreements
from kotacerdas.assessment.domain.notices import notify_round_published
from kotacerdas.assessment.domain.rubrics import store_rubric
from kotacerdas.assessment.enums import ReviewState, RoundKind, RoundState
from kotacerdas.assessment.models import Round, RubricVersion, Submission
from kotacerdas.errors import InputError, Location, StateError
from kotacerdas.io.rubric_files import load_rubric
from kotacerdas.programme.lifecycle import EXITS, State
from kotacerdas.programme.models import Cohort, Participation

#: participations that left the programme (or never entered it) are not assessed
LEFT = frozenset(EXITS | {State.SUBSTITUTED, State.NOT_SELECTED})


def assessable_cohorts() -> QuerySet[Cohort]:
    """The cohorts a new round can assess: those with at least one participation still in the programme."""
    still_in = Participation.objects.exclude(state__in=LEFT).values("cohort_id")
    return Cohort.objects.filter(pk__in=still_in).order_by("-year", "-id")


def cohort_participations(*, cohort: Cohort, codes: Sequence[str] = ()) -> list[Participation]:
    """The participations of ``cohort`` to assess: those still in the programme, or exactly ``codes``.

    A listed code outside the cohort is refused here; a listed region that left the programme is
    refused by :func:`create_round`, with the same words whichever adapter asked.
    """
    people = cohort.participations.select_related("region", "cohort").order_by("region__code")
    if not codes:
        return [p for p in people if p.state not in LEFT]
    chosen = [p for p in people if p.region.code in codes]
    unknown = sorted(set(codes) - {p.region.code for p in chosen})
    if unknown:
        raise InputError(
            f"regions: {', '.join(unknown)} not in {cohort.name}",
            hint="leave the field empty for the whole cohort",
        )
    return chosen


def _require_assessable(people: Sequence[Participation]) -> None:
    """Refuse participations that left the programme (withdrawn, cancelled, substituted, not selected)."""
    left = [p for p in people if p.state in LEFT]
    if left:
        names = ", ".join(f"{p.region.code} {p.region.name} ({p.state})" for p in left[:5])
        raise InputError(
            f"participations: {names} left the programme and cannot be assessed",
            location=Location(column="participations"),
            hint="choose participations still in the programme",
        )


@transaction.atomic
def create_round(
    *,
    actor: Any,
    name: str,
    kind: str,
    rubric: RubricVersion,
    participations: Iterable[Participation],
    deadline: dt.date,
    assessors_per_submission: int = 3,
    min_load: int = 0,
    max_load: int = 10,
    objective: str = "total",
    disagreement_threshold: float = 1.0,
    seed: int = 0,
    schedule: Sequence[dict[str, Any]] = (),
) -> Round:
    """A new round in draft with one submission per participation still in the programme."""
    require_secretariat(actor, "create rounds")
    if not name.strip():
        raise InputError("name: the round needs a name", hint="e.g. Evaluasi tahunan 2025")
    if kind not in RoundKind.values:
        raise InputError(f"unknown round kind {kind!r}", hint=f"one of {', '.join(RoundKind.values)}")
    if objective not in ("total", "fair"):
        raise InputError(f"unknown objective {objective!r}", hint="total or fair")
    if min_load > max_load:
        raise InputError(f"min load {min_load} is above max load {max_load}")
    if Round.objects.filter(name=name).exists():
        raise InputError(f"a round named {name!r} already exists")
    round_ = Round.objects.create(
        name=name,
        kind=kind,
        rubric=rubric,
        deadline=deadline,
        assessors_per_submission=assessors_per_submission,
        min_load=min_load,
        max_load=max_load,
        objective=objective,
        disagreement_threshold=disagreement_threshold,
        seed=seed,
        schedule=list(schedule),
        created_by=stored_user(actor),
    )
    people = list(participations)
    if not people:
        raise InputError("a round needs at least one participating region")
    _require_assessable(people)
    for p in people:
        submission = Submission.objects.create(round=round_, participation=p)
        submission.documents.set(p.documents.all())  # the books handed in so far
    record(
        actor=actor,
        action="round.create",
        target=round_,
        summary=f"{name}: {len(people)} regions, rubric {rubric.key}",
        data={"kind": kind, "rubric": rubric.key, "regions": len(people)},
    )
    return round_


@transaction.atomic
def set_up_round(
    *,
    actor: Any,
    name: str,
    kind: str,
    rubric_key: str,
    participations: Iterable[Participation],
    deadline: dt.date,
    assessors_per_submission: int = 3,
    min_load: int = 0,
    max_load: int = 10,
    objective: str = "total",
    disagreement_threshold: float = 1.0,
    seed: int = 0,
    schedule: Sequence[dict[str, Any]] = (),
) -> Round:
    """Store the shipped rubric ``rubric_key`` and create the round over it, all or nothing.

    The web form and the API both call this, so both refuse the same things with the same words.
    """
    require_secretariat(actor, "create rounds")
    version = store_rubric(actor=actor, rubric=load_rubric(rubric_key))
    return create_round(
        actor=actor,
        name=name.strip(),
        kind=kind,
        rubric=version,
        participations=participations,
        deadline=deadline,
        assessors_per_submission=assessors_per_submission,
        min_load=min_load,
        max_load=max_load,
        objective=objective,
        disagreement_threshold=disagreement_threshold,
        seed=seed,
        schedule=schedule,
    )


@transaction.atomic
def close_round(*, actor: Any, round_: Round, override_reason: str = "") -> Round:
    """Close scoring: scores become immutable and disagreements are flagged for moderation.

    Refused while assignments are unsubmitted (:mod:`~kotacerdas.assessment.domain.completeness`),
    unless ``override_reason`` says why the round closes anyway (audited, shown with the results).
    """
    require_secretariat(actor, "close rounds")
    r = locked(round_)
    require_state(r, RoundState.SCORING, action="close the round")
    submitted = r.submissions.filter(assignments__active=True, assignments__state=ReviewState.SUBMITTED)
    if not submitted.exists():
        raise StateError(f"round {r.name!r} has no submitted scores yet", hint="wait for the assessors")
    require_complete(actor=actor, round_=r, action="close", override_reason=override_reason)
    r.state = RoundState.CLOSED
    r.save(update_fields=["state"])
    flags = flag_disagreements(round_=r)
    record(
        actor=actor,
        action="round.close",
        target=r,
        summary=f"{r.name} closed; {flags} disagreement(s) flagged",
        data={"flags": flags},
    )
    return r


@transaction.atomic
def publish_round(*, actor: Any, round_: Round, override_reason: str = "") -> Round:
    """Publish computed results: the public page and the regions' feedback open.

    Refused while the round is incomplete (unsubmitted assignments, open moderation, no agreement,
    regions without a result), unless ``override_reason`` says why (audited, shown with the results).
    """
    require_secretariat(actor, "publish rounds")
    r = locked(round_)
    require_state(r, RoundState.CLOSED, action="publish")
    if not r.figures:
        raise StateError(f"round {r.name!r} has no computed results", hint="compute the results first")
    require_complete(actor=actor, round_=r, action="publish", override_reason=override_reason)
    r.state = RoundState.PUBLISHED
    r.published_at = timezone.now()
    r.save(update_fields=["state", "published_at"])
    record(actor=actor, action="round.publish", target=r, summary=f"{r.name} published")
    notify_round_published(r)
    return r
