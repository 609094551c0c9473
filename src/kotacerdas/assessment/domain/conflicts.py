"""Conflicts of interest: by rule (province, mentor, consultant's institution) and declared."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import is_person
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.assessment.enums import ConflictRule, RoundState
from kotacerdas.assessment.models import AssessorProfile, Conflict, Round, Submission
from kotacerdas.errors import InputError, Location, StateError


def rule_conflicts(assessor: AssessorProfile, submission: Submission) -> list[tuple[str, str]]:
    """The rules by which ``assessor`` may not score ``submission`` as (rule, reason) pairs."""
    region = submission.participation.region
    rules: list[str] = []
    if assessor.home_province_code and assessor.home_province_code == region.province_code:
        rules.append(ConflictRule.PROVINCE)
    if assessor.mentored_regions.filter(pk=region.pk).exists():
        rules.append(ConflictRule.MENTOR)
    consultant = submission.consultant_institution.strip().casefold()
    if consultant and consultant == assessor.affiliation.strip().casefold():
        rules.append(ConflictRule.INSTITUTION)
    return [(rule, _rule_reason(rule, submission)) for rule in rules]


def _rule_reason(rule: str, submission: Submission) -> str:
    region = submission.participation.region
    if rule == ConflictRule.PROVINCE:
        return _("provinsi asal %(province)s adalah provinsi daerah itu") % {"province": region.province}
    if rule == ConflictRule.MENTOR:
        return _("pendamping %(region)s") % {"region": region.name}
    return _("lembaga yang sama dengan konsultan (%(affiliation)s)") % {
        "affiliation": submission.consultant_institution.strip()
    }


def worded_reason(conflict: Conflict) -> str:
    """A conflict's reason in the reader's language: a rule conflict is worded again from its rule and the
    submission (the stored text keeps the language of the moment it was found); a declared one is the text
    as its author typed it."""
    if conflict.rule == ConflictRule.DECLARED:
        return conflict.reason
    return _rule_reason(conflict.rule, conflict.submission)


@transaction.atomic
def detect_conflicts(*, actor: Any, round_: Round) -> int:
    """Record every rule conflict of every assessor with every submission of the round."""
    require_secretariat(actor, "detect conflicts")
    created = record_rule_conflicts(round_)
    record(
        actor=actor,
        action="conflict.detect",
        target=round_,
        summary=wording(gettext_lazy("%(n)s konflik kepentingan menurut aturan dicatat"), n=created),
    )
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


#: round states in which a conflict can still be declared (before the scores are closed)
DECLARABLE = (RoundState.DRAFT, RoundState.SCORING)


@transaction.atomic
def declare_conflict(
    *, actor: Any, assessor: AssessorProfile, submission: Submission, reason: str
) -> Conflict:
    """An assessor (for themself) or the secretariat declares a conflict, while the round is open.

    The conflict keeps who declared it and when. From then on the assessor is never assigned to the
    submission (:func:`has_conflict`); one already assigned stays until the secretariat replaces them,
    and the round's dashboard lists that pair under "to replace" (:func:`assigned_despite_conflict`).
    """
    own = is_person(actor) and actor.pk == assessor.user_id
    if not own:
        require_secretariat(actor, "declare conflicts for others")
    round_ = submission.round
    if round_.state not in DECLARABLE:
        raise StateError(
            _("putaran %(round)r berstatus %(state)s: konflik dinyatakan saat persiapan atau penilaian")
            % {"round": round_.name, "state": RoundState(round_.state).label},
            hint=_("minta sekretariat mengubah skornya"),
            code="round_state",
        )
    text = reason.strip()
    if not text:
        raise InputError(
            _("konflik yang dinyatakan memerlukan alasan"),
            location=Location(column="reason"),
            code="reason_required",
        )
    if len(text) > 300:
        raise InputError(
            _("alasan lebih dari 300 karakter"), location=Location(column="reason"), code="text_too_long"
        )
    conflict, created = Conflict.objects.get_or_create(
        submission=submission,
        assessor=assessor,
        rule=ConflictRule.DECLARED,
        defaults={
            "reason": text,
            "declared_by": actor if is_person(actor) else None,
            "declared_at": timezone.now(),
        },
    )
    if not created:
        raise StateError(
            _("%(assessor)s sudah menyatakan konflik dengan %(region)s")
            % {"assessor": assessor, "region": submission.participation.region.name},
            hint=_("dinyatakan: %(reason)s") % {"reason": conflict.reason},
            code="conflict_declared",
        )
    assigned = submission.assignments.filter(assessor=assessor, active=True).exists()
    record(
        actor=actor,
        action="conflict.declare",
        target=conflict,
        summary=f"{assessor} × {submission.participation.region.name}: {text[:200]}",
        data={"own": own, "already_assigned": assigned, "round": round_.pk},
    )
    return conflict


def assigned_despite_conflict(round_: Round) -> set[int]:
    """Ids of the round's conflicts whose assessor still holds an active assignment of the submission."""
    held = Conflict.objects.filter(
        submission__round=round_,
        submission__assignments__assessor=F("assessor"),
        submission__assignments__active=True,
    )
    return set(held.values_list("pk", flat=True))


def declarable_submissions() -> QuerySet[Submission]:
    """The submissions an assessor may declare a conflict with: every region of a draft or scoring round."""
    return (
        Submission.objects.filter(round__state__in=DECLARABLE)
        .select_related("round", "participation__region")
        .order_by("round__name", "participation__region__name")
    )


def has_conflict(assessor: AssessorProfile, submission: Submission) -> bool:
    """Recorded conflicts and, to be safe, the rules evaluated now."""
    return submission.conflicts.filter(assessor=assessor).exists() or bool(
        rule_conflicts(assessor, submission)
    )
