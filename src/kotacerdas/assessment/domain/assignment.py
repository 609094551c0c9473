"""Assigning assessors to submissions with the engine's optimal assignment, and secretariat overrides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.assessment.domain.conflicts import has_conflict, record_rule_conflicts
from kotacerdas.assessment.domain.guards import locked, require_secretariat, require_state
from kotacerdas.assessment.domain.notices import notify_assignments
from kotacerdas.assessment.enums import AssignmentSource, ReviewState, RoundState
from kotacerdas.assessment.models import AssessorProfile, Assignment, Conflict, Round
from kotacerdas.engine.review.assignment import AssignmentResult, assign
from kotacerdas.engine.review.rubrics import Rubric
from kotacerdas.errors import InputError, StateError


def affinity(assessor: AssessorProfile, rubric: Rubric) -> float:
    """Mean expertise (0–1) of the assessor over the rubric's groups."""
    return float(np.mean([float(assessor.expertise.get(g.id, 0.0)) for g in rubric.groups]))


def replacements(assignments: Sequence[Assignment]) -> dict[int, list[AssessorProfile]]:
    """Per assignment (by id), the assessors it may go to: not on its region's panel already and without
    a recorded conflict with the region, by username. :func:`override_assignment` still checks every rule.

    ``assignments`` are the active assignments of the regions concerned (all of a round, or one region's).
    """
    assessors = list(AssessorProfile.objects.select_related("user").order_by("user__username"))
    taken: dict[int, set[int]] = {}
    for a in assignments:
        taken.setdefault(a.submission_id, set()).add(a.assessor_id)
    conflicts = Conflict.objects.filter(submission_id__in=taken).values_list("submission_id", "assessor_id")
    for submission_id, assessor_id in conflicts:
        taken[submission_id].add(assessor_id)
    return {a.pk: [p for p in assessors if p.pk not in taken[a.submission_id]] for a in assignments}


@transaction.atomic
def run_assignment(*, actor: Any, round_: Round) -> AssignmentResult:
    """Solve the round's assignment to the optimum (engine), store it and open scoring."""
    require_secretariat(actor, "run the assignment")
    r = locked(round_)
    require_state(r, RoundState.DRAFT, action="run the assignment")
    record_rule_conflicts(r)  # shown on the dashboard, whether or not detection ran before
    rubric = r.rubric.rubric()
    submissions = list(r.submissions.select_related("participation__region").order_by("pk"))
    assessors = list(AssessorProfile.objects.filter(available=True).order_by("pk"))
    if not assessors:
        raise StateError(
            _("tidak ada asesor yang tersedia"),
            hint=_("tambahkan profil asesor lebih dulu"),
            code="no_assessors",
        )
    matrix = np.array([[affinity(a, rubric) for a in assessors] for _s in submissions], dtype=np.float64)
    conflicts = [
        (i, j) for i, s in enumerate(submissions) for j, a in enumerate(assessors) if has_conflict(a, s)
    ]
    result = assign(
        matrix,
        k=r.assessors_per_submission,
        min_load=r.min_load,
        max_load=r.max_load,
        conflicts=np.array(conflicts, dtype=np.int64).reshape(-1, 2),
        objective=r.objective,  # type: ignore[arg-type]
    )
    Assignment.objects.filter(submission__round=r).delete()
    created = [
        Assignment.objects.create(
            submission=submissions[i], assessor=assessors[j], affinity=float(matrix[i, j])
        )
        for i, j in zip(result.submission.tolist(), result.assessor.tolist(), strict=True)
    ]
    notify_assignments(created)
    summary = result.summary()
    summary["assessors"] = [a.user.username for a in assessors]
    summary["conflicts_excluded"] = len(conflicts)
    r.assignment_summary = summary
    r.state = RoundState.SCORING
    r.save(update_fields=["assignment_summary", "state"])
    record(
        actor=actor,
        action="assignment.run",
        target=r,
        summary=wording(
            gettext_lazy("%(pairs)s pasangan asesor–daerah, afinitas total %(affinity)s, optimal terbukti")
            if result.proven_optimal
            else gettext_lazy(
                "%(pairs)s pasangan asesor–daerah, afinitas total %(affinity)s, optimal tidak terbukti"
            ),
            pairs=int(result.submission.size),
            affinity=round(float(result.total_affinity), 3),
        ),
        data={k: v for k, v in summary.items() if k != "parameters"},
    )
    return result


@transaction.atomic
def override_assignment(
    *, actor: Any, assignment: Assignment, assessor: AssessorProfile, reason: str
) -> Assignment:
    """Replace the assessor of an unsubmitted assignment; the new pair is checked for conflicts."""
    require_secretariat(actor, "override assignments")
    old = Assignment.objects.select_for_update().select_related("submission__round").get(pk=assignment.pk)
    submission = old.submission
    require_state(submission.round, RoundState.DRAFT, RoundState.SCORING, action="override assignments")
    if not old.active:
        raise StateError(_("penugasan ini sudah diganti"), code="assignment_replaced")
    if old.state == ReviewState.SUBMITTED:
        raise StateError(
            _("asesor itu sudah mengirim skor"),
            hint=_("pakai perubahan skor setelah putaran ditutup"),
            code="scores_submitted",
        )
    if not reason.strip():
        raise InputError(_("penggantian memerlukan alasan"), code="reason_required")
    if has_conflict(assessor, submission):
        raise StateError(
            _("%(assessor)s memiliki konflik kepentingan dengan %(region)s")
            % {"assessor": assessor, "region": submission.participation.region.name},
            hint=_("pilih asesor lain"),
            code="conflict_of_interest",
        )
    if submission.assignments.filter(active=True, assessor=assessor).exists():
        raise StateError(
            _("%(assessor)s sudah ditugaskan pada berkas ini") % {"assessor": assessor},
            code="already_assigned",
        )
    old.active = False
    old.save(update_fields=["active"])
    new = Assignment.objects.create(
        submission=submission,
        assessor=assessor,
        affinity=affinity(assessor, submission.round.rubric.rubric()),
        source=AssignmentSource.OVERRIDE,
    )
    record(
        actor=actor,
        action="assignment.override",
        target=new,
        summary=f"{submission.participation.region.name}: {old.assessor} → {assessor}",
        data={"replaced": old.pk, "reason": reason.strip()},
    )
    notify_assignments([new])
    return new
