"""Assignments of assessors to submissions, their scores per criterion, and amendments."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from kotacerdas.assessment.enums import AssignmentSource, ReviewState


class Assignment(models.Model):
    """One assessor on one submission; an override deactivates the row it replaces."""

    submission = models.ForeignKey(
        "assessment.Submission", on_delete=models.CASCADE, related_name="assignments"
    )
    assessor = models.ForeignKey(
        "assessment.AssessorProfile", on_delete=models.PROTECT, related_name="assignments"
    )
    affinity = models.FloatField(default=0.0)
    source = models.CharField(
        max_length=10, choices=AssignmentSource.choices, default=AssignmentSource.ENGINE
    )
    active = models.BooleanField(default=True)
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.ASSIGNED)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["submission_id", "assessor_id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["submission", "assessor"],
                condition=models.Q(active=True),
                name="assignment_active_unique",
            )
        ]


class Score(models.Model):
    """The score of one criterion in one assignment, with the assessor's comment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=80)
    value = models.FloatField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["assignment_id", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique")
        ]


class Amendment(models.Model):
    """A correction of a submitted score after the round closed; the latest one counts."""

    score = models.ForeignKey(Score, on_delete=models.PROTECT, related_name="amendments")
    value = models.FloatField()
    reason = models.CharField(max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["at", "id"]
