"""Masterplans, their programmes, KPIs (targets and yearly actuals), budgets, quick wins and the
reporting windows. The same services and rules as the web pages: a masterplan is readable by whoever
may read it (:func:`kotacerdas.monitoring.rules.visible_masterplans`), others get 404."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from kotacerdas.accounts.rules import is_logged_in
from kotacerdas.api import monitoring_serializers as ms
from kotacerdas.api import serializers as s
from kotacerdas.api.permissions import ObjectRule
from kotacerdas.monitoring import rules as perm
from kotacerdas.monitoring.domain import budgets, comments, editing, masterplans, reporting
from kotacerdas.monitoring.domain.evidence import Evidence
from kotacerdas.monitoring.models import (
    Kpi,
    Masterplan,
    MasterplanComment,
    MasterplanProgramme,
    ReportingWindow,
)


def _can_edit(user: Any, item: MasterplanProgramme) -> bool:
    return perm.can_edit_masterplan(user, item.masterplan.region_id)


def _validated(serializer: type[Serializer[Any]], request: Request) -> dict[str, Any]:
    """The request's body as ``serializer`` reads it (else a 400 in the one error shape)."""
    form = serializer(data=request.data)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)


def _evidence(data: dict[str, Any]) -> Evidence:
    upload = data.get("evidence_file")
    return Evidence(
        url=data.get("evidence_url") or "",
        file_name=(upload.name or "") if upload else "",
        content=upload.read() if upload else None,
    )


def _visible_programmes(user: Any) -> QuerySet[MasterplanProgramme]:
    return MasterplanProgramme.objects.filter(masterplan__in=perm.visible_masterplans(user)).select_related(
        "masterplan__region"
    )


@extend_schema(
    description=gettext_lazy(
        "Masterplan yang boleh dibaca pemanggil (publik setelah dipaparkan atau disahkan); "
        "sekretariat atau tim daerah membuat dan mengubahnya; staf dan tim daerah memberi "
        "komentar."
    ),
)
class MasterplanViewSet(viewsets.ReadOnlyModelViewSet[Masterplan]):
    """Masterplans the caller may read (public once presented or legalised); the secretariat or the
    region's team creates and edits; staff and the region's team comment."""

    serializer_class = ms.MasterplanSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": perm.can_view_masterplans,
        "create": perm.can_edit_some_masterplan,
        "edit": perm.can_edit_some_masterplan,
        "comment": perm.can_comment_some_masterplan,
    }
    object_rules: ClassVar = {
        "edit": lambda user, plan: perm.can_edit_masterplan(user, plan.region_id),
        "comment": perm.can_comment_masterplan,
    }

    def get_queryset(self) -> QuerySet[Masterplan]:
        qs = perm.visible_masterplans(self.request.user).prefetch_related(
            "programmes", Prefetch("comments", MasterplanComment.objects.select_related("author"))
        )
        region = self.request.query_params.get("region")
        return qs.filter(region__code=region) if region else qs

    def _done(self, plan: Masterplan, code: int = status.HTTP_200_OK) -> Response:
        return Response(ms.MasterplanSerializer(self.get_queryset().get(pk=plan.pk)).data, status=code)

    @extend_schema(request=ms.MasterplanCreateSerializer, responses={201: ms.MasterplanSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _validated(ms.MasterplanCreateSerializer, request)
        region = data.pop("region")
        if not perm.can_edit_masterplan(request.user, region.pk):
            self.permission_denied(request, message="only the secretariat or this region's team")
        participation = region.participations.order_by("-cohort__year").first()
        plan = masterplans.create_masterplan(
            actor=request.user, region=region, participation=participation, **data
        )
        return self._done(plan, status.HTTP_201_CREATED)

    @extend_schema(request=ms.MasterplanEditSerializer, responses=ms.MasterplanSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        data = _validated(ms.MasterplanEditSerializer, request)
        return self._done(editing.update_masterplan(actor=request.user, masterplan=plan, **data))

    @extend_schema(request=ms.CommentInSerializer, responses={201: ms.MasterplanSerializer})
    @action(detail=True, methods=["post"])
    def comment(self, request: Request, pk: str | None = None) -> Response:
        plan = self.get_object()
        data = _validated(ms.CommentInSerializer, request)
        comments.comment_on_masterplan(actor=request.user, masterplan=plan, text=data["text"])
        return self._done(plan, status.HTTP_201_CREATED)


@extend_schema(
    description=gettext_lazy(
        "Program dari masterplan yang boleh dibaca pemanggil; sekretariat atau tim daerah "
        "menambah, mengubah dan menganggarkannya."
    ),
)
class MasterplanProgrammeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[MasterplanProgramme]):
    """Programmes of the masterplans the caller may read; the secretariat or the region's team adds,
    edits and budgets them."""

    serializer_class = s.MasterplanProgrammeSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": perm.can_view_masterplans,
        "create": perm.can_edit_some_masterplan,
        "edit": perm.can_edit_some_masterplan,
        "budget": perm.can_edit_some_masterplan,
    }
    object_rules: ClassVar = {"edit": _can_edit, "budget": _can_edit}

    def get_queryset(self) -> QuerySet[MasterplanProgramme]:
        qs = _visible_programmes(self.request.user)
        region = self.request.query_params.get("region")
        return qs.filter(masterplan__region__code=region) if region else qs

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _validated(s.MasterplanProgrammeSerializer, request)
        plan = data.pop("masterplan")
        if not perm.can_edit_masterplan(request.user, plan.region_id):
            self.permission_denied(
                request, message="only the secretariat or this region's team edits its masterplan"
            )
        item = masterplans.add_programme(actor=request.user, masterplan=plan, **data)
        return Response(s.MasterplanProgrammeSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ms.ProgrammeEditSerializer, responses=s.MasterplanProgrammeSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        data = _validated(ms.ProgrammeEditSerializer, request)
        item = editing.update_programme(actor=request.user, programme=item, **data)
        return Response(s.MasterplanProgrammeSerializer(item).data)

    @extend_schema(
        request=ms.BudgetSerializer,
        responses=ms.BudgetSerializer(many=True),
        description=gettext_lazy(
            "Anggaran rencana dan realisasi (rupiah) untuk satu tahun; menjawab anggaran setiap tahun "
            "dari program ini."
        ),
    )
    @action(detail=True, methods=["post"])
    def budget(self, request: Request, pk: str | None = None) -> Response:
        """Planned and realised budget (rupiah) of one year; answers every year's budget of the programme."""
        item = self.get_object()
        data = _validated(ms.BudgetSerializer, request)
        budgets.set_budget(actor=request.user, programme=item, **data)
        return Response(ms.BudgetSerializer(item.budgets.all(), many=True).data)


@extend_schema(
    description=gettext_lazy(
        "KPI dengan nilai dasar, target tahunan dan realisasi tahunan (disaring dengan "
        "``?masterplan=``). Realisasi hanya dapat dilaporkan selama jendela pelaporan tahun itu "
        "dibuka oleh sekretariat (selain itu 409)."
    ),
)
class KpiViewSet(viewsets.ReadOnlyModelViewSet[Kpi]):
    """KPIs with baseline, yearly targets and yearly actuals (``?masterplan=`` filters). Actuals are
    reported only while the secretariat's window of that year is open (409 otherwise)."""

    serializer_class = ms.KpiSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": perm.can_view_masterplans,
        "create": perm.can_edit_some_masterplan,
        "edit": perm.can_edit_some_masterplan,
        "actual": perm.can_edit_some_masterplan,
    }
    object_rules: ClassVar = {
        "edit": lambda user, kpi: _can_edit(user, kpi.programme),
        "actual": lambda user, kpi: _can_edit(user, kpi.programme),
    }

    def get_queryset(self) -> QuerySet[Kpi]:
        qs = (
            Kpi.objects.filter(programme__in=_visible_programmes(self.request.user))
            .select_related("programme__masterplan__region")
            .prefetch_related("targets", "actuals")
            .order_by("id")
        )
        plan = self.request.query_params.get("masterplan")
        return qs.filter(programme__masterplan_id=plan) if plan and plan.isdigit() else qs

    def _done(self, kpi: Kpi, code: int = status.HTTP_200_OK) -> Response:
        return Response(ms.KpiSerializer(self.get_queryset().get(pk=kpi.pk)).data, status=code)

    @extend_schema(request=ms.KpiCreateSerializer, responses={201: ms.KpiSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _validated(ms.KpiCreateSerializer, request)
        programme = data.pop("programme")
        if not _can_edit(request.user, programme):
            self.permission_denied(request, message="only the secretariat or this region's team")
        return self._done(
            editing.save_kpi(actor=request.user, programme=programme, **data), status.HTTP_201_CREATED
        )

    @extend_schema(request=ms.KpiInSerializer, responses=ms.KpiSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request: Request, pk: str | None = None) -> Response:
        kpi = self.get_object()
        data = _validated(ms.KpiInSerializer, request)
        return self._done(editing.save_kpi(actor=request.user, programme=kpi.programme, kpi=kpi, **data))

    @extend_schema(
        request=ms.ActualInSerializer,
        responses=ms.KpiSerializer,
        description=gettext_lazy(
            "Melaporkan (atau, di dalam jendela pelaporan, mengoreksi) realisasi satu tahun beserta "
            "buktinya: tautan atau PDF."
        ),
    )
    @action(detail=True, methods=["post"])
    def actual(self, request: Request, pk: str | None = None) -> Response:
        """Report (or, inside the window, correct) the actual of one year with evidence: a link or a PDF."""
        kpi = self.get_object()
        data = _validated(ms.ActualInSerializer, request)
        reporting.report_actual(
            actor=request.user,
            kpi=kpi,
            year=data["year"],
            value=data["value"],
            evidence=_evidence(data),
            note=data["note"],
        )
        return self._done(kpi)


@extend_schema(
    description=gettext_lazy(
        "Jendela pelaporan KPI tahunan; sekretariat membuka (atau menggeser) satu jendela, dan "
        "tim daerah diberi tahu."
    ),
)
class ReportingWindowViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[ReportingWindow]):
    """The yearly KPI reporting windows; the secretariat opens (or moves) one, and region teams are told."""

    serializer_class = ms.WindowSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {"read": is_logged_in, "create": perm.can_open_reporting_window}
    queryset = ReportingWindow.objects.all()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _validated(ms.WindowSerializer, request)
        window = reporting.open_reporting_window(actor=request.user, **data)
        return Response(ms.WindowSerializer(window).data, status=status.HTTP_201_CREATED)


@extend_schema(
    description=gettext_lazy(
        "Quick win (program yang ditandai) dengan riwayat statusnya yang bertanggal; kirim "
        "``status`` dengan POST untuk langkah berikutnya (hanya transisi yang sah; bukti berupa "
        "tautan atau PDF)."
    ),
)
class QuickWinViewSet(viewsets.ReadOnlyModelViewSet[MasterplanProgramme]):
    """Quick wins (flagged programmes) with their dated status history; POST ``status`` for the next
    step (only a legal transition; evidence as a link or a PDF)."""

    serializer_class = ms.QuickWinSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {"read": perm.can_view_masterplans, "status": perm.can_edit_some_masterplan}
    object_rules: ClassVar = {"status": _can_edit}

    def get_queryset(self) -> QuerySet[MasterplanProgramme]:
        return (
            _visible_programmes(self.request.user).filter(quick_win=True).prefetch_related("status_history")
        )

    @extend_schema(request=ms.QuickWinStepSerializer, responses=ms.QuickWinSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        data = _validated(ms.QuickWinStepSerializer, request)
        masterplans.set_quick_win_status(
            actor=request.user,
            programme=item,
            status=data["status"],
            on=data["on"],
            note=data["note"],
            evidence=_evidence(data),
        )
        return Response(ms.QuickWinSerializer(self.get_queryset().get(pk=item.pk)).data)
