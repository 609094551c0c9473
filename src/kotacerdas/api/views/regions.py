"""Regions, datasets and index runs."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.api import serializers as s
from kotacerdas.api.views.jobs import JobSerializer
from kotacerdas.regions import rules as perm
from kotacerdas.regions.domain.datasets import queue_dataset_import
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.uncertainty_runs import queue_uncertainty
from kotacerdas.regions.models import Dataset, IndexRun, Region


class RegionViewSet(viewsets.ReadOnlyModelViewSet[Region]):
    """The 514 kabupaten/kota (public)."""

    queryset = Region.objects.all()
    serializer_class = s.RegionSerializer
    lookup_field = "code"
    lookup_value_regex = r"\d\d\.?\d\d"  # 63.71 or 6371, both Kemendagri forms
    rules: ClassVar = {"read": perm.can_view_regions}

    def get_object(self) -> Region:
        code = self.kwargs[self.lookup_field]
        self.kwargs[self.lookup_field] = f"{code[:2]}.{code[-2:]}"
        return super().get_object()


class DatasetViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Dataset]):
    """Imported indicator tables with provenance; POST a CSV/XLSX to import a new version."""

    queryset = Dataset.objects.select_related("imported_by")
    serializer_class = s.DatasetSerializer
    rules: ClassVar = {"read": perm.can_view_datasets, "create": perm.can_import_datasets}

    @extend_schema(request=s.DatasetUploadSerializer, responses={202: JobSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Queue the import as a background job, as the web form does; poll ``/api/jobs/{id}/``."""
        form = s.DatasetUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        job = queue_dataset_import(
            actor=request.user,
            name=form.validated_data["name"],
            file_name=upload.name,
            content=upload.read(),
            source=form.validated_data["source"],
            year=form.validated_data["year"],
            licence=form.validated_data["licence"],
            code_system=form.validated_data["code_system"],
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class IndexRunViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[IndexRun]):
    """Index runs (settings + results); unpublished runs only for the secretariat and assessors."""

    serializer_class = s.IndexRunSerializer
    rules: ClassVar = {
        "read": perm.can_view_regions,
        "scores": perm.can_view_regions,
        "create": perm.can_manage_index_runs,
        "uncertainty": perm.can_manage_index_runs,
    }

    def get_queryset(self) -> QuerySet[IndexRun]:
        return perm.visible_index_runs(self.request.user)  # type: ignore[no-any-return]

    @extend_schema(request=s.IndexRunCreateSerializer, responses=s.IndexRunSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = s.IndexRunCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        intervals = (
            {k: (v[0], v[1], v[2]) for k, v in data["intervals"].items()} if data.get("intervals") else None
        )
        run = record_index_run(
            actor=request.user,
            name=data["name"],
            scores=data["scores"],
            settings=data["settings"],
            dataset=data.get("dataset"),
            intervals=intervals,
            published=data["published"],
        )
        return Response(s.IndexRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.IndexScoreSerializer(many=True))
    @action(detail=True)
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """The ranked results of one run."""
        run = self.get_object()
        rows = run.scores.select_related("region")
        return Response(s.IndexScoreSerializer(rows, many=True).data)

    @extend_schema(request=s.UncertaintyRequestSerializer, responses={202: JobSerializer})
    @action(detail=True, methods=["post"])
    def uncertainty(self, request: Request, pk: str | None = None) -> Response:
        """Queue an uncertainty analysis of the run; the job stores rank intervals and p_top on it."""
        run = self.get_object()
        form = s.UncertaintyRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        job = queue_uncertainty(actor=request.user, run=run, **form.validated_data)
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
