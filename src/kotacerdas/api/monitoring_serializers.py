"""Serializers of masterplans, KPIs (targets and actuals), budgets, reporting windows and quick wins."""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from kotacerdas.api.serializers import PROGRAMME_FIELDS
from kotacerdas.monitoring.framework import QuickWinStatus
from kotacerdas.monitoring.models import (
    Kpi,
    KpiActual,
    Masterplan,
    MasterplanComment,
    MasterplanProgramme,
    ProgrammeBudget,
    QuickWinUpdate,
    ReportingWindow,
)
from kotacerdas.monitoring.rules import is_public
from kotacerdas.regions.models import Region

YEAR: dict[str, Any] = {"min_value": 2000, "max_value": 2100}
MAX_RUPIAH = 10**16 - 1


class CommentOutSerializer(serializers.ModelSerializer[MasterplanComment]):
    author = serializers.CharField(source="author.username", default="", read_only=True)

    class Meta:
        model = MasterplanComment
        fields: ClassVar = ["id", "author", "text", "created_at"]


class MasterplanSerializer(serializers.ModelSerializer[Masterplan]):
    region = serializers.CharField(source="region.code", read_only=True)
    public = serializers.SerializerMethodField(
        help_text=gettext_lazy("dapat dibaca semua orang (sudah dipaparkan atau disahkan)")
    )
    programmes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]
    comments = CommentOutSerializer(many=True, read_only=True)

    class Meta:
        model = Masterplan
        fields: ClassVar = [
            "id",
            "region",
            "participation",
            "vision",
            "start_year",
            "end_year",
            "synthetic",
            "public",
            "programmes",
            "comments",
        ]

    def get_public(self, plan: Masterplan) -> bool:
        return is_public(plan)


class MasterplanEditSerializer(serializers.Serializer[Any]):
    vision = serializers.CharField(max_length=2000)
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    end_year = serializers.IntegerField(min_value=2000, max_value=2100)


class MasterplanCreateSerializer(MasterplanEditSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())


class CommentInSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=4000)


class ProgrammeEditSerializer(serializers.ModelSerializer[MasterplanProgramme]):
    class Meta:
        model = MasterplanProgramme
        fields: ClassVar = PROGRAMME_FIELDS
        extra_kwargs: ClassVar = {
            "budget_amount": {"required": True, "min_value": 0, "max_value": MAX_RUPIAH},
            "quick_win": {"required": True},
        }


class BudgetSerializer(serializers.ModelSerializer[ProgrammeBudget]):
    class Meta:
        model = ProgrammeBudget
        fields: ClassVar = ["programme", "year", "planned", "realised"]
        read_only_fields: ClassVar = ["programme"]
        validators: ClassVar[list[Any]] = []  # one row per programme and year: the service replaces it
        extra_kwargs: ClassVar = {
            "year": YEAR,
            "planned": {"required": True, "min_value": 0, "max_value": MAX_RUPIAH},
            "realised": {"min_value": 0, "max_value": MAX_RUPIAH},
        }


class ActualOutSerializer(serializers.ModelSerializer[KpiActual]):
    evidence_file = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "nama berkas PDF bukti yang tersimpan (unduh dari halaman web); kosong bila tanpa berkas"
        )
    )

    class Meta:
        model = KpiActual
        fields: ClassVar = [
            "year",
            "value",
            "evidence_url",
            "evidence_file",
            "note",
            "synthetic",
            "reported_at",
        ]

    def get_evidence_file(self, row: KpiActual) -> str:
        """The evidence PDF's stored name (download it from the web page); empty without a file."""
        return row.evidence_file.name or ""


class KpiSerializer(serializers.ModelSerializer[Kpi]):
    targets = serializers.SerializerMethodField(help_text=gettext_lazy("tahun → target"))
    actuals = ActualOutSerializer(many=True, read_only=True)
    masterplan = serializers.IntegerField(source="programme.masterplan_id", read_only=True)

    class Meta:
        model = Kpi
        fields: ClassVar = [
            "id",
            "programme",
            "masterplan",
            "name",
            "unit",
            "baseline",
            "baseline_year",
            "higher_is_better",
            "targets",
            "actuals",
        ]

    def get_targets(self, kpi: Kpi) -> dict[str, float]:
        """Year → target."""
        return {str(t.year): t.target for t in kpi.targets.all()}


class KpiInSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    unit = serializers.CharField(max_length=40)
    baseline = serializers.FloatField(required=False, allow_null=True, default=None)
    baseline_year = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=2000, max_value=2100
    )
    higher_is_better = serializers.BooleanField(default=True)
    targets = serializers.DictField(
        child=serializers.FloatField(), help_text=gettext_lazy('tahun → target, mis. {"2025": 40}')
    )

    def validate_targets(self, value: dict[str, float]) -> dict[int, float]:
        out: dict[int, float] = {}
        for key, target in value.items():
            if not str(key).isdigit() or not 2000 <= int(key) <= 2100:
                raise serializers.ValidationError(f"{key!r} is not a year (2000–2100)")
            if target != target or target in (float("inf"), float("-inf")):
                raise serializers.ValidationError(f"{key}: the target is not a number")
            out[int(key)] = target
        return out


class KpiCreateSerializer(KpiInSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=MasterplanProgramme.objects.all())


class ActualInSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    value = serializers.FloatField()
    evidence_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    evidence_file = serializers.FileField(
        required=False, allow_null=True, default=None, help_text=gettext_lazy("berkas PDF")
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class WindowSerializer(serializers.ModelSerializer[ReportingWindow]):
    class Meta:
        model = ReportingWindow
        fields: ClassVar = ["id", "year", "opens_on", "closes_on"]
        validators: ClassVar[
            list[Any]
        ] = []  # a second window of the same year moves the first (the service decides)
        extra_kwargs: ClassVar = {"year": {**YEAR, "validators": []}}


class HistorySerializer(serializers.ModelSerializer[QuickWinUpdate]):
    evidence_file = serializers.SerializerMethodField()

    class Meta:
        model = QuickWinUpdate
        fields: ClassVar = ["status", "on", "note", "evidence_url", "evidence_file"]

    def get_evidence_file(self, row: QuickWinUpdate) -> str:
        return row.evidence_file.name or ""


class QuickWinSerializer(serializers.ModelSerializer[MasterplanProgramme]):
    region = serializers.CharField(source="masterplan.region.code", read_only=True)
    history = HistorySerializer(source="status_history", many=True, read_only=True)

    class Meta:
        model = MasterplanProgramme
        fields: ClassVar = ["id", "masterplan", "region", "name", "status", "history"]


class QuickWinStepSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=QuickWinStatus.choices)
    on = serializers.DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=300)
    evidence_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    evidence_file = serializers.FileField(
        required=False, allow_null=True, default=None, help_text=gettext_lazy("berkas PDF")
    )
