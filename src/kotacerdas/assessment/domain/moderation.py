"""Disagreement flags (spread of weighted scores above the round's threshold) and their outcome."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.assessment.domain.guards import require_secretariat, require_state
from kotacerdas.assessment.domain.scoring import assignment_result
from kotacerdas.assessment.enums import ReviewState, RoundState
from kotacerdas.assessment.models import Moderation, Round
from kotacerdas.errors import InputError, StateError


def submission_spreads(round_: Round) -> dict[int, float]:
    """Submission id → max − min of its submitted weighted scores (amendments applied)."""
    rubric = round_.rubric.rubric()
    spreads: dict[int, float] = {}
    for submission in round_.submissions.all():
        values = [
            assignment_result(a, rubric).score
            for a in submission.assignments.filter(active=True, state=ReviewState.SUBMITTED)
        ]
        if values:
            spreads[submission.pk] = max(values) - min(values)
    return spreads


def flag_disagreements(*, round_: Round) -> int:
    """Create a moderation flag per submission whose spread exceeds the threshold (inside close)."""
    flags = 0
    for submission_id, spread in submission_spreads(round_).items():
        if spread > round_.disagreement_threshold + 1e-9:
            Moderation.objects.update_or_create(submission_id=submission_id, defaults={"spread": spread})
            flags += 1
    return flags


@transaction.atomic
def moderate(*, actor: Any, moderation: Moderation, outcome: str) -> Moderation:
    """Record the outcome of the moderation discussion (once)."""
    require_secretariat(actor, "record moderation outcomes")
    m = Moderation.objects.select_for_update().select_related("submission__round").get(pk=moderation.pk)
    require_state(m.submission.round, RoundState.CLOSED, action="moderate")
    if m.resolved:
        raise StateError(_("perbedaan penilaian ini sudah memiliki hasil"), code="already_decided")
    if not outcome.strip():
        raise InputError(
            _("uraikan hasil moderasinya"),
            hint=_("mis. skor dikonfirmasi, atau diubah"),
            code="outcome_required",
        )
    m.outcome = outcome.strip()
    m.decided_by = stored_user(actor)
    m.decided_at = timezone.now()
    m.save(update_fields=["outcome", "decided_by", "decided_at"])
    record(actor=actor, action="moderation.decide", target=m, summary=m.outcome[:200])
    return m
