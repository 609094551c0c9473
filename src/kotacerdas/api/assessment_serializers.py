"""Serializers of the assessment API (rounds, assignments, scores, results)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from kotacerdas.accounts.rules import is_secretariat
from kotacerdas.assessment.domain.rubrics import predicate_names
from kotacerdas.assessment.models import Assignment, Conflict, RegionResult, Round, Score


def public_figures(figures: dict[str, Any], *, full: bool) -> dict[str, Any]:
    """The round's figures; without ``full``, the calibration loses its per-assessor effects."""
    if full or "calibration" not in figures:
        return figures
    calibration = {k: v for k, v in figures["calibration"].items() if k != "effects"}
    return {**figures, "calibration": calibration}


@extend_schema_serializer(
    description=gettext_lazy(
        "Putaran; ``figures.calibration.effects`` (nama asesor dan kelonggaran penilaiannya) "
        "hanya untuk sekretariat."
    ),
)
class RoundSerializer(serializers.ModelSerializer[Round]):
    """A round; ``figures.calibration.effects`` (assessor names and leniency) only for the secretariat."""

    rubric = serializers.CharField(source="rubric.key")
    figures = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_figures(self, round_: Round) -> dict[str, Any]:
        request = self.context.get("request")
        return public_figures(round_.figures, full=request is not None and is_secretariat(request.user))

    class Meta:
        model = Round
        fields = (
            "id", "name", "kind", "rubric", "state", "deadline", "assessors_per_submission",
            "min_load", "max_load", "objective", "disagreement_threshold", "figures", "overrides",
            "published_at",
        )  # fmt: skip


class AssignmentSerializer(serializers.ModelSerializer[Assignment]):
    round = serializers.IntegerField(source="submission.round_id")
    region = serializers.CharField(source="submission.participation.region.code")
    assessor = serializers.CharField(source="assessor.user.username")

    class Meta:
        model = Assignment
        fields = ("id", "round", "region", "assessor", "affinity", "source", "state", "submitted_at")


class ScoreSerializer(serializers.ModelSerializer[Score]):
    assessor = serializers.CharField(source="assignment.assessor.user.username")
    region = serializers.CharField(source="assignment.submission.participation.region.code")

    class Meta:
        model = Score
        fields = ("id", "assignment", "assessor", "region", "criterion", "value", "comment")


class ResultSerializer(serializers.ModelSerializer[RegionResult]):
    region = serializers.CharField(source="submission.participation.region.code")
    name = serializers.CharField(source="submission.participation.region.name")
    predicate = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "predikat hasil dalam bahasa permintaan (kosong bila rubrik tidak memilikinya)"
        )
    )

    def get_predicate(self, result: RegionResult) -> str:
        """The stored (Indonesian) predicate, named in the request's language by the round's rubric (the
        results view looks the names up once, in ``context["predicate_names"]``)."""
        names = self.context.get("predicate_names")
        if names is None:
            names = predicate_names(result.submission.round.rubric.rubric())
        return str(names.get(result.predicate, result.predicate))

    class Meta:
        model = RegionResult
        fields = (
            "region", "name", "raw", "calibrated", "rank", "peer_group", "peer_rank", "median_rank",
            "rank_q05", "rank_q95", "p_top", "groups", "predicate", "ratings", "impact_survey",
        )  # fmt: skip


@extend_schema_serializer(
    description=gettext_lazy(
        "Konflik kepentingan; ``declared_by`` adalah yang menyatakannya (kosong untuk aturan dan sistem)."
    ),
)
class ConflictSerializer(serializers.ModelSerializer[Conflict]):
    """A conflict of interest; ``declared_by`` is who declared it (empty for rules and the system)."""

    round = serializers.IntegerField(source="submission.round_id")
    region = serializers.CharField(source="submission.participation.region.code")
    assessor = serializers.CharField(source="assessor.user.username")
    declared_by = serializers.CharField(source="declared_by.username", default=None, allow_null=True)

    class Meta:
        model = Conflict
        fields = (
            "id",
            "round",
            "submission",
            "region",
            "assessor",
            "rule",
            "reason",
            "declared_by",
            "declared_at",
        )


class DeclareConflictSerializer(serializers.Serializer[Any]):
    submission = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=gettext_lazy("id pengiriman dalam putaran itu")
    )
    reason = serializers.CharField(max_length=300)
    assessor = serializers.CharField(
        required=False,
        help_text=gettext_lazy(
            "nama pengguna asesor (hanya sekretariat; asesor menyatakan untuk dirinya sendiri)"
        ),
    )


class DraftSerializer(serializers.Serializer[Any]):
    scores = serializers.DictField(child=serializers.FloatField(allow_null=True))
    comments = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)


class OverrideSerializer(serializers.Serializer[Any]):
    assessor = serializers.CharField(help_text=gettext_lazy("nama pengguna asesor baru"))
    reason = serializers.CharField()


class AmendSerializer(serializers.Serializer[Any]):
    value = serializers.FloatField()
    reason = serializers.CharField()


MAX_ID = 2**63 - 1  # the largest id a database row can have (SQLite and PostgreSQL bigint)


class RoundCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=160)
    kind = serializers.ChoiceField(choices=["readiness", "closing", "yearly"])
    rubric = serializers.CharField(
        help_text=gettext_lazy("rubrik bawaan, id@versi (lihat kotacerdas rubric list)")
    )
    participations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), allow_empty=False
    )
    deadline = serializers.DateField()
    assessors_per_submission = serializers.IntegerField(min_value=1, default=3)
    min_load = serializers.IntegerField(min_value=0, default=0)
    max_load = serializers.IntegerField(min_value=1, default=10)
    objective = serializers.ChoiceField(choices=["total", "fair"], default="total")
    disagreement_threshold = serializers.FloatField(min_value=0, default=1.0)
    seed = serializers.IntegerField(min_value=0, default=0)
    schedule = serializers.ListField(child=serializers.DictField(), default=list)
