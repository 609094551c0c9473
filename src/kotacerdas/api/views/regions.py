"""Regions, datasets and index runs."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.api import serializers as s
from kotacerdas.api.confirm import ConfirmSerializer, require_confirmation
from kotacerdas.api.screening_serializers import IndexBuildRequestSerializer
from kotacerdas.api.views.jobs import JobSerializer
from kotacerdas.regions import rules as perm
from kotacerdas.regions.domain.datasets import queue_dataset_import
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.publication import publish_analysis, publish_dataset, publish_index_run
from kotacerdas.regions.domain.screening import queue_index_build
from kotacerdas.regions.domain.uncertainty_runs import queue_uncertainty
from kotacerdas.regions.models import Dataset, IndexRun, Region, UncertaintyAnalysis


@extend_schema(
    description=gettext_lazy("514 kabupaten/kota (publik)."),
)
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


@extend_schema(
    description=gettext_lazy(
        "Tabel indikator yang diimpor beserta asal-usulnya; kirim CSV/XLSX dengan POST untuk "
        "mengimpor versi baru."
    ),
)
class DatasetViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Dataset]):
    """Imported indicator tables with provenance; POST a CSV/XLSX to import a new version."""

    serializer_class = s.DatasetSerializer
    rules: ClassVar = {
        "read": perm.can_view_datasets,
        "create": perm.can_import_datasets,
        "build": perm.can_manage_index_runs,
        "publish": perm.can_publish,
        "unpublish": perm.can_publish,
    }

    def get_queryset(self) -> QuerySet[Dataset]:
        return perm.visible_datasets(self.request.user)  # type: ignore[no-any-return]

    def _publish(self, published: bool) -> Response:
        dataset = self.get_object()
        require_confirmation(
            self.request,
            (
                _("mengumumkan data %(dataset)s menampilkan profil indikatornya di halaman daerah publik")
                if published
                else _(
                    "menarik data %(dataset)s menyembunyikan profil indikatornya dari halaman daerah publik"
                )
            )
            % {"dataset": dataset},
        )
        done = publish_dataset(actor=self.request.user, dataset=dataset, published=published)
        return Response(s.DatasetSerializer(done).data)

    @extend_schema(
        request=ConfirmSerializer,
        responses=s.DatasetSerializer,
        description=gettext_lazy(
            'Menerbitkan versi dataset ini (sekretariat; memerlukan ``"confirm": true``).'
        ),
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Publish this dataset version (secretariat; needs ``"confirm": true``)."""
        return self._publish(True)

    @extend_schema(
        request=ConfirmSerializer,
        responses=s.DatasetSerializer,
        description=gettext_lazy(
            'Menarik versi dataset ini dari publik (sekretariat; memerlukan ``"confirm": true``).'
        ),
    )
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        """Withdraw this dataset version from the public (secretariat; needs ``"confirm": true``)."""
        return self._publish(False)

    @extend_schema(
        request=IndexBuildRequestSerializer,
        responses={202: JobSerializer},
        description=gettext_lazy(
            "Mengantrekan pembangunan indeks dengan kerangka dan pengaturan ini (sekretariat); pantau "
            "``/api/jobs/{id}/``. Pekerjaan itu menyimpan satu hasil indeks draf, atau untuk data "
            "panel satu hasil draf per tahun; masukan kerangka yang salah dijawab 400 dengan "
            "masalahnya di bawah ``indicators`` (satu objek per baris) dan ``settings``."
        ),
    )
    @action(detail=True, methods=["post"])
    def build(self, request: Request, pk: str | None = None) -> Response:
        """Queue an index build with this framework and settings (secretariat); poll ``/api/jobs/{id}/``.

        The job stores one draft run, or for panel data one draft run per year; bad framework input is
        answered 400 with the problems under ``indicators`` (one object per row) and ``settings``.
        """
        dataset = self.get_object()
        form = IndexBuildRequestSerializer(data=request.data, context={"dataset": dataset})
        form.is_valid(raise_exception=True)
        job = queue_index_build(
            actor=request.user,
            dataset=dataset,
            name=form.validated_data["name"],
            indicators=form.validated_data["choices"],
            settings=form.validated_data["settings"],
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=s.DatasetUploadSerializer,
        responses={202: JobSerializer},
        description=gettext_lazy(
            "Mengantrekan impor sebagai pekerjaan latar, seperti formulir web; pantau ``/api/jobs/{id}/``."
        ),
    )
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


@extend_schema(
    description=gettext_lazy(
        "Hasil indeks (pengaturan dan hasilnya); hasil indeks yang belum diterbitkan hanya untuk "
        "sekretariat dan asesor."
    ),
)
class IndexRunViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[IndexRun]):
    """Index runs (settings + results); unpublished runs only for the secretariat and assessors."""

    serializer_class = s.IndexRunSerializer
    rules: ClassVar = {
        "read": perm.can_view_regions,
        "scores": perm.can_view_regions,
        "create": perm.can_manage_index_runs,
        "uncertainty": perm.can_manage_index_runs,
        "publish": perm.can_publish,
        "unpublish": perm.can_publish,
        "analyses": perm.can_view_regions,
        "publish_analysis": perm.can_publish,
        "unpublish_analysis": perm.can_publish,
    }

    def get_queryset(self) -> QuerySet[IndexRun]:
        return perm.visible_index_runs(self.request.user)  # type: ignore[no-any-return]

    @extend_schema(request=s.IndexRunCreateSerializer, responses=s.IndexRunSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = s.IndexRunCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if data["published"]:
            require_confirmation(
                request,
                _("membuat hasil indeks %(name)r sebagai terumumkan menampilkannya kepada publik")
                % {"name": data["name"]},
            )
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

    @extend_schema(
        responses=s.IndexScoreSerializer(many=True),
        description=gettext_lazy("Hasil berperingkat dari satu hasil indeks."),
    )
    @action(detail=True, pagination_class=None)
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """The ranked results of one run."""
        run = self.get_object()
        rows = run.scores.select_related("region")
        return Response(s.IndexScoreSerializer(rows, many=True).data)

    @extend_schema(
        request=s.UncertaintyRequestSerializer,
        responses={202: JobSerializer},
        description=gettext_lazy(
            "Mengantrekan analisis ketidakpastian atas hasil indeks ini; pekerjaan itu menyimpan "
            "versi analisis draf yang baru."
        ),
    )
    @action(detail=True, methods=["post"])
    def uncertainty(self, request: Request, pk: str | None = None) -> Response:
        """Queue an uncertainty analysis of the run; the job stores a new draft analysis version."""
        run = self.get_object()
        form = s.UncertaintyRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        job = queue_uncertainty(actor=request.user, run=run, **form.validated_data)
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    def _publish(self, published: bool) -> Response:
        run = self.get_object()
        require_confirmation(
            self.request,
            (
                _(
                    "mengumumkan hasil indeks %(run)r menampilkannya di peringkat, peta, halaman daerah, dan API publik"
                )
                if published
                else _(
                    "menarik hasil indeks %(run)r menghapusnya dari peringkat, peta, halaman daerah, dan API publik"
                )
            )
            % {"run": run.name},
        )
        done = publish_index_run(actor=self.request.user, run=run, published=published)
        return Response(s.IndexRunSerializer(done).data)

    @extend_schema(
        request=ConfirmSerializer,
        responses=s.IndexRunSerializer,
        description=gettext_lazy(
            'Menerbitkan hasil indeks ini (sekretariat; memerlukan ``"confirm": true``).'
        ),
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Publish the run (secretariat; needs ``"confirm": true``)."""
        return self._publish(True)

    @extend_schema(
        request=ConfirmSerializer,
        responses=s.IndexRunSerializer,
        description=gettext_lazy(
            'Menarik hasil indeks ini dari publik (sekretariat; memerlukan ``"confirm": true``).'
        ),
    )
    @action(detail=True, methods=["post"])
    def unpublish(self, request: Request, pk: str | None = None) -> Response:
        """Withdraw the run from the public (secretariat; needs ``"confirm": true``)."""
        return self._publish(False)

    @extend_schema(
        responses=s.UncertaintyAnalysisSerializer(many=True),
        description=gettext_lazy(
            "Versi analisis ketidakpastian dari hasil indeks ini (draf hanya untuk sekretariat dan asesor)."
        ),
    )
    @action(detail=True, pagination_class=None)
    def analyses(self, request: Request, pk: str | None = None) -> Response:
        """The run's uncertainty analysis versions (drafts only for secretariat and assessors)."""
        rows = perm.visible_analyses(request.user, self.get_object())
        return Response(s.UncertaintyAnalysisSerializer(rows, many=True).data)

    def _publish_analysis(self, version: str, published: bool) -> Response:
        run = self.get_object()
        analysis = get_object_or_404(UncertaintyAnalysis, run=run, version=int(version))
        require_confirmation(
            self.request,
            (
                _(
                    "mengumumkan analisis v%(version)s dari %(run)r menjadikan selang peringkatnya yang publik "
                    "(versi terumumkan sebelumnya ditarik)"
                )
                if published
                else _(
                    "menarik analisis v%(version)s dari %(run)r menghapus selang peringkat dari peringkat publik"
                )
            )
            % {"version": analysis.version, "run": run.name},
        )
        done = publish_analysis(actor=self.request.user, analysis=analysis, published=published)
        return Response(s.UncertaintyAnalysisSerializer(done).data)

    @extend_schema(
        request=ConfirmSerializer,
        responses=s.UncertaintyAnalysisSerializer,
        description=gettext_lazy(
            "Menerbitkan satu versi analisis sebagai interval peringkat hasil indeks ini (memerlukan "
            '``"confirm": true``).'
        ),
    )
    @action(detail=True, methods=["post"], url_path=r"analyses/(?P<version>\d+)/publish")
    def publish_analysis(self, request: Request, version: str, pk: str | None = None) -> Response:
        """Publish one analysis version as the run's rank intervals (needs ``"confirm": true``)."""
        return self._publish_analysis(version, True)

    @extend_schema(
        request=ConfirmSerializer,
        responses=s.UncertaintyAnalysisSerializer,
        description=gettext_lazy('Menarik satu versi analisis dari publik (memerlukan ``"confirm": true``).'),
    )
    @action(detail=True, methods=["post"], url_path=r"analyses/(?P<version>\d+)/unpublish")
    def unpublish_analysis(self, request: Request, version: str, pk: str | None = None) -> Response:
        """Withdraw one analysis version from the public (needs ``"confirm": true``)."""
        return self._publish_analysis(version, False)
