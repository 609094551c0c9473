"""Programme progress in aggregate (public): national, one province, one region's plan against actual.

The same domain functions as the web pages. Answers carry ``Cache-Control: public, max-age=300`` and a
strong ``ETag``; a request with a matching ``If-None-Match`` gets ``304 Not Modified``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.api.permissions import DenyByDefault
from kotacerdas.errors import InputError
from kotacerdas.io.registry import normalise_code
from kotacerdas.monitoring import rules
from kotacerdas.monitoring.domain.progress import PROVINCE_CODE, Group, Progress, Tally, progress
from kotacerdas.monitoring.domain.region_progress import region_progress
from kotacerdas.regions.models import Region

MAX_AGE = 300


class TallySerializer(serializers.Serializer[Tally]):
    programmes = serializers.IntegerField()
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy(
            "on_track (sesuai rencana), behind (tertinggal), stopped (terhenti), no_report (tanpa laporan)"
        ),
    )
    shares = serializers.DictField(child=serializers.FloatField(allow_null=True))
    kpi_attainment = serializers.FloatField(allow_null=True, source="attainment")
    budget_planned_reported = serializers.IntegerField(source="planned_due")
    budget_realised = serializers.IntegerField(source="realised")
    budget_realisation = serializers.FloatField(allow_null=True, source="realisation")
    quick_wins = serializers.IntegerField()
    quick_wins_done = serializers.IntegerField()
    books_expected = serializers.IntegerField()
    books_accepted = serializers.IntegerField()
    late_regions = serializers.SerializerMethodField()

    def get_late_regions(self, tally: Tally) -> int:
        return len(tally.late_regions)


class GroupSerializer(serializers.Serializer[Group]):
    key = serializers.CharField()
    name = serializers.CharField(source="label")
    tally = TallySerializer()


class ProgressSerializer(serializers.Serializer[Progress]):
    overall = TallySerializer()
    by_cohort = GroupSerializer(many=True)
    by_dimension = GroupSerializer(many=True)
    by_area = GroupSerializer(
        many=True, help_text=gettext_lazy("provinsi untuk tingkat nasional, daerah untuk satu provinsi")
    )
    closed_years = serializers.ListField(child=serializers.IntegerField())
    late_regions = serializers.SerializerMethodField()

    def get_late_regions(self, report: Progress) -> list[dict[str, Any]]:
        codes = dict(Region.objects.filter(pk__in=report.late).values_list("pk", "code"))
        return sorted(({"code": codes[pk], "years": years} for pk, years in report.late.items()), key=str)


class KpiCellSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    target = serializers.FloatField(allow_null=True)
    actual = serializers.FloatField(allow_null=True)
    attainment = serializers.FloatField(allow_null=True)
    synthetic = serializers.BooleanField()


class KpiRowSerializer(serializers.Serializer[Any]):
    programme = serializers.CharField()
    dimension = serializers.CharField()
    kpi = serializers.CharField()
    unit = serializers.CharField()
    higher_is_better = serializers.BooleanField()
    cells = KpiCellSerializer(many=True)


class BudgetYearSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    planned = serializers.IntegerField()
    realised = serializers.IntegerField(allow_null=True)
    rate = serializers.FloatField(allow_null=True)


class RegionProgressSerializer(serializers.Serializer[Any]):
    years = serializers.ListField(child=serializers.IntegerField())
    tally = TallySerializer()
    kpis = KpiRowSerializer(many=True)
    budget = BudgetYearSerializer(many=True)
    late_years = serializers.ListField(child=serializers.IntegerField())


def cached(request: Request, data: Any) -> Response:
    """``data`` with a public cache lifetime and an ETag (304 when the client already has it)."""
    etag = '"' + hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:32] + '"'
    if etag in request.headers.get("If-None-Match", ""):
        response = Response(status=status.HTTP_304_NOT_MODIFIED)
    else:
        response = Response(data)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


class _ProgressView(APIView):
    permission_classes = (DenyByDefault,)
    rules: ClassVar = {"read": rules.can_view_progress}


@extend_schema(
    description=gettext_lazy("Kemajuan setiap program masterplan: per kohort, dimensi dan provinsi."),
)
class NationalProgressView(_ProgressView):
    """Progress of every masterplan programme: per cohort, dimension and province."""

    @extend_schema(responses=ProgressSerializer, operation_id="progress_national")
    def get(self, request: Request) -> Response:
        return cached(request, ProgressSerializer(progress(today=timezone.localdate())).data)


@extend_schema(
    description=gettext_lazy(
        "Kemajuan di satu provinsi (kode Kemendagri dua digit): per kohort, dimensi dan daerah."
    ),
)
class ProvinceProgressView(_ProgressView):
    """Progress in one province (two-digit Kemendagri code): per cohort, dimension and region."""

    @extend_schema(responses=ProgressSerializer, operation_id="progress_province")
    def get(self, request: Request, code: str) -> Response:
        if not PROVINCE_CODE.fullmatch(code) or not Region.objects.filter(province_code=code).exists():
            raise NotFound(_("tidak ada provinsi berkode %(code)r") % {"code": code})
        report = progress(today=timezone.localdate(), province_code=code)
        return cached(request, ProgressSerializer(report).data)


@extend_schema(
    description=gettext_lazy(
        "Target KPI satu daerah terhadap realisasinya, serta anggaran rencana terhadap "
        "realisasinya, per tahun."
    ),
)
class RegionProgressView(_ProgressView):
    """One region's KPI targets against actuals and budget planned against realised, per year."""

    @extend_schema(responses=RegionProgressSerializer, operation_id="progress_region")
    def get(self, request: Request, code: str) -> Response:
        try:
            canonical = normalise_code(code)
        except InputError:
            raise NotFound(_("tidak ada daerah berkode %(code)r") % {"code": code}) from None
        region = get_object_or_404(Region, code=canonical)
        visible = rules.visible_masterplans(
            request.user
        )  # a draft masterplan's figures stay with its readers
        data = RegionProgressSerializer(
            region_progress(region, today=timezone.localdate(), masterplans=visible)
        ).data
        return cached(request, data)
