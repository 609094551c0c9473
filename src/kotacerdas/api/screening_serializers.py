"""Serializers of screening: an index build request (framework + settings of docs/index-config.md)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from kotacerdas.regions.domain.screening import MAX_NAME, IndicatorChoice, framework_problems
from kotacerdas.regions.models import Dataset


@extend_schema_serializer(
    description=gettext_lazy("Satu indikator kerangka: kolom dataset, namanya, arah, bobot, pilar."),
)
class IndicatorChoiceSerializer(serializers.Serializer[Any]):
    """One indicator of the framework: a column of the dataset, its name, direction, weight, pillar."""

    code = serializers.CharField(max_length=80)
    name = serializers.CharField(
        max_length=MAX_NAME, help_text=gettext_lazy("ditampilkan sebagai pengganti kode")
    )
    direction = serializers.ChoiceField(
        choices=[1, -1], default=1, help_text=gettext_lazy("+1: makin tinggi makin baik")
    )
    weight = serializers.FloatField(
        min_value=0.0, default=1.0, help_text=gettext_lazy("relatif terhadap indikator sejajarnya, > 0")
    )
    pillar = serializers.CharField(
        max_length=60,
        default="",
        allow_blank=True,
        help_text=gettext_lazy("semua indikator memilikinya, atau tidak satu pun"),
    )


@extend_schema_serializer(
    description=gettext_lazy(
        "Pembangunan indeks dari dataset: satu hasil indeks draf (data panel: satu per tahun) "
        "bernama ``name``."
    ),
)
class IndexBuildRequestSerializer(serializers.Serializer[Any]):
    """A build of the dataset: one draft run (panel data: one per year) named ``name``."""

    name = serializers.CharField(max_length=140)
    indicators = IndicatorChoiceSerializer(many=True)
    settings = serializers.DictField(
        default=dict, help_text=gettext_lazy("pemetaan sesuai docs/index-config.md")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        dataset: Dataset = self.context["dataset"]
        choices = [IndicatorChoice(**row) for row in attrs["indicators"]]
        problems = framework_problems(dataset, choices, attrs["settings"])
        if problems:  # named like DRF's own field errors: indicators.1.code, settings
            errors: dict[str, Any] = {}
            for p in problems:
                if p.row is not None:
                    rows = errors.setdefault("indicators", {}).setdefault(str(p.row), {})
                    rows.setdefault(p.field, []).append(p.message)
                elif p.field == "indicators":
                    errors.setdefault("indicators", {}).setdefault("non_field_errors", []).append(p.message)
                else:
                    errors.setdefault("settings", []).append(p.message)
            raise serializers.ValidationError(errors)
        attrs["choices"] = choices
        return attrs
