"""Assessors and their conflicts of interest."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from kotacerdas.assessment.enums import ConflictRule


class AssessorProfile(models.Model):
    """An assessor: affiliation, home province, expertise per rubric group (0–1), availability."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessor")
    affiliation = models.CharField(max_length=160)
    home_province_code = models.CharField(max_length=2, blank=True)
    expertise = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("id kelompok rubrik → 0..1")
    )
    available = models.BooleanField(default=True)
    mentored_regions = models.ManyToManyField("regions.Region", blank=True, related_name="mentors")

    class Meta:
        ordering: ClassVar = ["user__username"]

    def __str__(self) -> str:
        return self.user.username


class Conflict(models.Model):
    """An assessor who may not score a submission, by rule or by declaration."""

    submission = models.ForeignKey(
        "assessment.Submission", on_delete=models.CASCADE, related_name="conflicts"
    )
    assessor = models.ForeignKey(AssessorProfile, on_delete=models.CASCADE, related_name="conflicts")
    rule = models.CharField(max_length=12, choices=ConflictRule.choices)
    reason = models.CharField(max_length=300)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=gettext_lazy(
            "yang menyatakannya (asesor atau sekretariat); kosong untuk konflik karena aturan dan untuk sistem"
        ),
    )
    declared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["submission", "assessor", "rule"], name="conflict_unique")
        ]
