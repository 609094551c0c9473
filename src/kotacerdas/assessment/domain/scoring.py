"""Assessors' scores: drafts, the one-time submission, and amendments after the round closed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.assessment import rules
from kotacerdas.assessment.domain.guards import require_secretariat, require_state
from kotacerdas.assessment.enums import ReviewState, RoundState
from kotacerdas.assessment.models import Amendment, Assignment, Score
from kotacerdas.engine.review.rubrics import Rubric, RubricScore, check_entry, score_rubric
from kotacerdas.errors import InputError, PermissionDeniedError, StateError


def _locked_assignment(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update()
        .select_related("submission__round__rubric", "assessor")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def save_draft(
    *,
    actor: Any,
    assignment: Assignment,
    values: Mapping[str, float | None],
    comments: Mapping[str, str] | None = None,
) -> Assignment:
    """Store the assessor's scores and comments as a draft (any subset of criteria; ``None`` clears)."""
    a = _locked_assignment(assignment)
    if not rules.can_score(actor, a):
        raise PermissionDeniedError(
            _("hanya asesor yang ditugaskan yang boleh menilai berkas ini"), code="not_assigned"
        )
    require_state(a.submission.round, RoundState.SCORING, action="save scores")
    if a.state == ReviewState.SUBMITTED:
        raise StateError(
            _("skor ini sudah dikirim"),
            hint=_("minta perubahan skor kepada sekretariat"),
            code="scores_submitted",
        )
    rubric = a.submission.round.rubric.rubric()
    notes = comments or {}
    for criterion_id in set(values) | set(notes):
        rubric.criterion(criterion_id)
    for criterion_id, value in values.items():
        if value is None:
            a.scores.filter(criterion=criterion_id).delete()
            continue
        check_entry(rubric, criterion_id, value)
        a.scores.update_or_create(
            criterion=criterion_id, defaults={"value": value, "comment": notes.get(criterion_id, "")}
        )
    for criterion_id, text in notes.items():
        if criterion_id not in values:
            a.scores.filter(criterion=criterion_id).update(comment=text)
    a.state = ReviewState.DRAFT
    a.save(update_fields=["state"])
    record(
        actor=actor,
        action="score.draft",
        target=a,
        summary=wording(
            gettext_lazy("draf: %(scored)s dari %(criteria)s kriteria dinilai"),
            scored=a.scores.count(),
            criteria=len(rubric.criteria),
        ),
    )
    return a


@transaction.atomic
def submit_scores(*, actor: Any, assignment: Assignment) -> Assignment:
    """Submit the draft once: every criterion must be scored; afterwards it cannot change."""
    a = _locked_assignment(assignment)
    if not rules.can_score(actor, a):
        raise PermissionDeniedError(
            _("hanya asesor yang ditugaskan yang boleh mengirim skor ini"), code="not_assigned"
        )
    require_state(a.submission.round, RoundState.SCORING, action="submit scores")
    if a.state == ReviewState.SUBMITTED:
        raise StateError(_("skor ini sudah dikirim"), code="scores_submitted")
    rubric = a.submission.round.rubric.rubric()
    result = score_rubric(rubric, {s.criterion: s.value for s in a.scores.all()})
    a.state = ReviewState.SUBMITTED
    a.submitted_at = timezone.now()
    a.save(update_fields=["state", "submitted_at"])
    record(
        actor=actor,
        action="score.submit",
        target=a,
        summary=wording(gettext_lazy("skor %(score)s dikirim"), score=float(result.rounded)),
        data={"score": result.score, "criteria": result.criteria},
    )
    return a


@transaction.atomic
def amend_score(*, actor: Any, score: Score, value: float, reason: str) -> Amendment:
    """Correct a submitted score after the round closed; the original stays, the amendment counts."""
    require_secretariat(actor, "amend scores")
    s = Score.objects.select_related("assignment__submission__round__rubric").get(pk=score.pk)
    round_ = s.assignment.submission.round
    require_state(round_, RoundState.CLOSED, action="amend scores")
    if s.assignment.state != ReviewState.SUBMITTED:
        raise StateError(_("hanya skor yang sudah dikirim yang dapat diubah"), code="not_submitted")
    if not reason.strip():
        raise InputError(
            _("perubahan skor memerlukan alasan"),
            hint=_("sebutkan apa yang salah dan siapa yang mengonfirmasinya"),
            code="reason_required",
        )
    check_entry(round_.rubric.rubric(), s.criterion, value)
    amendment = Amendment.objects.create(
        score=s, value=value, reason=reason.strip(), actor=stored_user(actor)
    )
    record(
        actor=actor,
        action="score.amend",
        target=s,
        summary=wording(
            gettext_lazy("skor %(criterion)s diubah dari %(before)s menjadi %(after)s"),
            criterion=s.criterion,
            before=float(effective_value(s, before=amendment)),
            after=float(value),
        ),
        data={"reason": reason.strip(), "value": value},
    )
    return amendment


def effective_value(score: Score, *, before: Amendment | None = None) -> float:
    """The value that counts: the latest amendment's, else the submitted one."""
    amendments = score.amendments.order_by("-at", "-id")
    if before is not None:
        amendments = amendments.exclude(pk=before.pk)
    latest = amendments.first()
    return latest.value if latest else score.value


def effective_values(assignment: Assignment) -> dict[str, float]:
    return {s.criterion: effective_value(s) for s in assignment.scores.all()}


def assignment_result(assignment: Assignment, rubric: Rubric) -> RubricScore:
    """The engine's weighted score of one submitted assignment (amendments applied)."""
    return score_rubric(rubric, effective_values(assignment))
