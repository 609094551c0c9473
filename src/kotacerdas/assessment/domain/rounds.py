"""Creating rounds with their submissions, closing and publishing them (after a completeness check)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.domain.audit import record
from kotacerdas.assessment.domain.completeness import require_complete
from kotacerdas.assessment.domain.guards import locked, require_secretariat, require_state
from kotacerdas.assessment.domain.moderation import flag_disagreements
from kotacerdas.assessment.enums import ReviewState, RoundKind, RoundState
from kotacerdas.assessment.models import Round, RubricVersion, Submission
from kotacerdas.errors import InputError, StateError


@transaction.atomic
def create_round(
    *,
    actor: Any,
    name: str,
    kind: str,
    rubric: RubricVersion,
    participations: Iterable[Any],
    deadline: dt.date,
    assessors_per_submission: int = 3,
    min_load: int = 0,
    max_load: int = 10,
    objective: str = "total",
    disagreement_threshold: float = 1.0,
    seed: int = 0,
    schedule: Sequence[dict[str, Any]] = (),
) -> Round:
    """A new round in draft with one submission per participation."""
    require_secretariat(actor, "create rounds")
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
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    people = list(participations)
    if not people:
        raise InputError("a round needs at least one participating region")
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
    return r
