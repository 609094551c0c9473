"""Moderation of disagreements, results per region, awards, and the citizen impact survey."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class Moderation(models.Model):
    """A disagreement flag (spread above the round's threshold) and its recorded outcome."""

    submission = models.OneToOneField(
        "assessment.Submission", on_delete=models.CASCADE, related_name="moderation"
    )
    spread = models.FloatField()
    outcome = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(null=True, blank=True)

    @property
    def resolved(self) -> bool:
        return self.decided_at is not None


class RegionResult(models.Model):
    """A region's computed result in a round: raw and calibrated side by side, ranks, groups."""

    submission = models.OneToOneField(
        "assessment.Submission", on_delete=models.CASCADE, related_name="result"
    )
    raw = models.FloatField()
    calibrated = models.FloatField()
    rank = models.PositiveIntegerField()
    peer_group = models.CharField(max_length=40)
    peer_rank = models.PositiveIntegerField()
    median_rank = models.FloatField()
    rank_q05 = models.FloatField()
    rank_q95 = models.FloatField()
    p_top = models.FloatField()
    groups = models.JSONField(default=dict)
    predicate = models.CharField(max_length=80, blank=True)
    ratings = models.PositiveSmallIntegerField()
    impact_survey = models.FloatField(
        null=True, blank=True, help_text=gettext_lazy("rata-rata skor survei 0–5")
    )

    class Meta:
        ordering: ClassVar = ["rank", "submission_id"]


class Award(models.Model):
    """An award per rubric group or overall (engine tie-breaking)."""

    round = models.ForeignKey("assessment.Round", on_delete=models.CASCADE, related_name="awards")
    category = models.CharField(max_length=80)
    submission = models.ForeignKey("assessment.Submission", on_delete=models.CASCADE, related_name="awards")
    place = models.PositiveSmallIntegerField()
    score = models.FloatField()
    tie_unresolved = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar = ["category", "place"]


class ImpactSurvey(models.Model):
    """One surveyed programme of the yearly evaluation's citizen impact survey."""

    submission = models.ForeignKey("assessment.Submission", on_delete=models.CASCADE, related_name="surveys")
    dimension = models.CharField(max_length=20)
    sub_dimension = models.CharField(max_length=40)
    programme = models.CharField(max_length=160)
    respondents = models.PositiveIntegerField()
    mean_score = models.FloatField(help_text="0–5")

    class Meta:
        ordering: ClassVar = ["dimension", "sub_dimension"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["submission", "dimension", "sub_dimension"], name="survey_programme_unique"
            )
        ]
