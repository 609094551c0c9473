"""Rubric versions, assessment rounds and the submissions of the regions in a round."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.assessment.enums import RoundKind, RoundState
from kotacerdas.engine.review.rubrics import Rubric
from kotacerdas.errors import StateError
from kotacerdas.io.rubric_files import parse_rubric


class RubricVersion(models.Model):
    """One rubric version as the engine defines it; frozen once a round that uses it leaves draft."""

    key = models.CharField(max_length=80, unique=True, help_text=gettext_lazy("id@versi"))
    definition = models.JSONField(
        help_text=gettext_lazy("rubrik seperti yang dicetak kotacerdas rubric show --format json")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["key"]

    def __str__(self) -> str:
        return self.key

    @property
    def in_use(self) -> bool:
        return self.pk is not None and self.rounds.exclude(state=RoundState.DRAFT).exists()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.in_use:
            raise StateError(
                _("rubrik %(key)s dipakai sebuah putaran dan tidak dapat diubah") % {"key": self.key},
                hint=_("simpan versi baru"),
                code="rubric_in_use",
            )
        super().save(*args, **kwargs)

    def rubric(self) -> Rubric:
        """The engine's rubric object."""
        return parse_rubric(self.definition, self.key)


class Round(models.Model):
    """An assessment round: kind, rubric version, deadline, assignment settings and its state."""

    name = models.CharField(max_length=160, unique=True)
    kind = models.CharField(max_length=12, choices=RoundKind.choices)
    rubric = models.ForeignKey(RubricVersion, on_delete=models.PROTECT, related_name="rounds")
    state = models.CharField(max_length=12, choices=RoundState.choices, default=RoundState.DRAFT)
    deadline = models.DateField()
    assessors_per_submission = models.PositiveSmallIntegerField(default=3)
    min_load = models.PositiveSmallIntegerField(default=0)
    max_load = models.PositiveSmallIntegerField(default=10)
    objective = models.CharField(
        max_length=8, default="total", choices=[("total", "total"), ("fair", "fair")]
    )
    disagreement_threshold = models.FloatField(default=1.0, help_text=gettext_lazy("sebaran skor berbobot"))
    seed = models.PositiveIntegerField(
        default=0, help_text=gettext_lazy("benih bootstrap untuk pemeringkatan")
    )
    schedule = models.JSONField(
        default=list, blank=True, help_text=gettext_lazy("jadwal paparan: hari, ruang, panel")
    )
    assignment_summary = models.JSONField(default=dict, blank=True)
    figures = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("angka kesepakatan dan kalibrasi")
    )
    overrides = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy(
            "penutupan/pengumuman meskipun ada kekurangan: tindakan, alasan, kekurangan, jumlah, waktu (publik)"
        ),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """What one region hands in for a round: documents, questionnaire answers, presentation."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    participation = models.ForeignKey(
        "programme.Participation", on_delete=models.PROTECT, related_name="assessment_submissions"
    )
    documents = models.ManyToManyField("programme.Document", blank=True)
    questionnaire = models.JSONField(default=dict, blank=True)
    video_url = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    consultant_institution = models.CharField(max_length=160, blank=True)

    class Meta:
        ordering: ClassVar = ["participation__region__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["round", "participation"], name="submission_unique")
        ]

    def __str__(self) -> str:
        return f"{self.participation.region.name} · {self.round.name}"
