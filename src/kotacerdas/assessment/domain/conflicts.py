"""Conflicts of interest: by rule (province, mentor, consultant's institution) and declared."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.actors import is_person
from kotacerdas.accounts.domain.audit import record
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.assessment.enums import ConflictRule
from kotacerdas.assessment.models import AssessorProfile, Conflict, Round, Submission
from kotacerdas.errors import InputError


def rule_conflicts(assessor: AssessorProfile, submission: Submission) -> list[tuple[str, str]]:
    """The rules by which ``assessor`` may not score ``submission`` as (rule, reason) pairs."""
    region = submission.participation.region
    found: list[tuple[str, str]] = []
    if assessor.home_province_code and assessor.home_province_code == region.province_code:
        found.append((ConflictRule.PROVINCE, _("provinsi asal %(province)s adalah provinsi daerah itu") % {"province": region.province}))
    if assessor.mentored_regions.filter(pk=region.pk).exists():
        found.append((ConflictRule.MENTOR, _("pendamping %(region)s") % {"region": region.name}))
    consultant = submission.consultant_institution.strip().casefold()
    if consultant and consultant == assessor.affiliation.strip().casefold():
        found.append(
            (ConflictRule.INSTITUTION, _("lembaga yang sama dengan konsultan (%(affiliation)s)") % {"affiliation": assessor.affiliation})
        )
    return found


@transaction.atomic
def detect_conflicts(*, actor: Any, round_: Round) -> int:
    """Record every rule conflict of every assessor with every submission of the round."""
    require_secretariat(actor, "detect conflicts")
    created = record_rule_conflicts(round_)
    record(actor=actor, action="conflict.detect", target=round_, summary=f"{created} conflicts by rule")
    return created


def record_rule_conflicts(round_: Round) -> int:
    """Store the rule conflicts not stored yet (inside a service's transaction); returns how many."""
    created = 0
    submissions = list(round_.submissions.select_related("participation__region"))
    for assessor in AssessorProfile.objects.prefetch_related("mentored_regions"):
        for submission in submissions:
            for rule, reason in rule_conflicts(assessor, submission):
                _, new = Conflict.objects.get_or_create(
                    submission=submission, assessor=assessor, rule=rule, defaults={"reason": reason}
                )
                created += new
    return created


@transaction.atomic
def declare_conflict(
    *, actor: Any, assessor: AssessorProfile, submission: Submission, reason: str
) -> Conflict:
    """An assessor (for themself) or the secretariat declares a conflict."""
    if not (is_person(actor) and actor.pk == assessor.user_id):
        require_secretariat(actor, "declare conflicts for others")
    if not reason.strip():
        raise InputError("a declared conflict needs a reason")
    conflict, _ = Conflict.objects.get_or_create(
        submission=submission,
        assessor=assessor,
        rule=ConflictRule.DECLARED,
        defaults={"reason": reason.strip()},
    )
    record(
        actor=actor,
        action="conflict.declare",
        target=conflict,
        summary=f"{assessor} × {submission.participation.region.name}: {reason.strip()[:200]}",
    )
    return conflict


def has_conflict(assessor: AssessorProfile, submission: Submission) -> bool:
    """Recorded conflicts and, to be safe, the rules evaluated now."""
    return submission.conflicts.filter(assessor=assessor).exists() or bool(
        rule_conflicts(assessor, submission)
    )
