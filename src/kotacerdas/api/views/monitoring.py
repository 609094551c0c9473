"""Masterplan programmes and quick wins."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.api import serializers as s
from kotacerdas.api.permissions import ObjectRule
from kotacerdas.monitoring import rules as perm
from kotacerdas.monitoring.domain import masterplans
from kotacerdas.monitoring.models import MasterplanProgramme


def _can_edit(user: Any, item: MasterplanProgramme) -> bool:
    return perm.can_edit_masterplan(user, item.masterplan.region_id)


class MasterplanProgrammeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[MasterplanProgramme]):
    """Programmes of masterplans (public); the secretariat or the region's team adds them."""

    serializer_class = s.MasterplanProgrammeSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {"read": perm.can_view_masterplans, "create": perm.can_edit_some_masterplan}

    def get_queryset(self) -> QuerySet[MasterplanProgramme]:
        qs = MasterplanProgramme.objects.select_related("masterplan__region")
        region = self.request.query_params.get("region")
        return qs.filter(masterplan__region__code=region) if region else qs

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = s.MasterplanProgrammeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        plan = data.pop("masterplan")
        if not perm.can_edit_masterplan(request.user, plan.region_id):
            self.permission_denied(
                request, message="only the secretariat or this region's team edits its masterplan"
            )
        item = masterplans.add_programme(actor=request.user, masterplan=plan, **data)
        return Response(s.MasterplanProgrammeSerializer(item).data, status=status.HTTP_201_CREATED)


class QuickWinViewSet(viewsets.ReadOnlyModelViewSet[MasterplanProgramme]):
    """Quick wins (flagged programmes) with their current status; POST ``status`` to change it."""

    serializer_class = s.MasterplanProgrammeSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {"read": perm.can_view_masterplans, "status": perm.can_edit_some_masterplan}
    object_rules: ClassVar = {"status": _can_edit}

    def get_queryset(self) -> QuerySet[MasterplanProgramme]:
        return MasterplanProgramme.objects.filter(quick_win=True).select_related("masterplan__region")

    @extend_schema(request=s.QuickWinStatusSerializer, responses=s.MasterplanProgrammeSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        form = s.QuickWinStatusSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        item = masterplans.set_quick_win_status(actor=request.user, programme=item, **form.validated_data)
        return Response(s.MasterplanProgrammeSerializer(item).data)
