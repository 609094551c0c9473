"""Programmes, cohorts, participations (with lifecycle actions) and book documents."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.accounts.rules import is_logged_in
from kotacerdas.api import serializers as s
from kotacerdas.api.confirm import require_confirmation
from kotacerdas.api.permissions import ObjectRule
from kotacerdas.api.views.jobs import JobSerializer
from kotacerdas.errors import StateError
from kotacerdas.programme import rules as perm
from kotacerdas.programme.domain import cohorts, documents, participation
from kotacerdas.programme.domain.selection import queue_selection
from kotacerdas.programme.lifecycle import EXITS
from kotacerdas.programme.models import Cohort, Document, Participation, Programme


class ProgrammeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Programme]):
    queryset = Programme.objects.all()
    serializer_class = s.ProgrammeSerializer
    rules: ClassVar = {"read": perm.can_view_programmes, "create": perm.can_manage_programmes}

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = cohorts.create_programme(actor=self.request.user, **serializer.validated_data)


class CohortViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Cohort]):
    queryset = Cohort.objects.all()
    serializer_class = s.CohortSerializer
    rules: ClassVar = {
        "read": perm.can_view_programmes,
        "create": perm.can_manage_programmes,
        "select": perm.can_transition,
        "decisions": perm.can_view_pipeline,
    }

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = cohorts.create_cohort(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=s.SelectRequestSerializer, responses={202: JobSerializer})
    @action(detail=True, methods=["post"])
    def select(self, request: Request, pk: str | None = None) -> Response:
        """Queue the cohort's selection by the engine; the job stores decisions and enrols the selected."""
        cohort = self.get_object()
        form = s.SelectRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        job = queue_selection(
            actor=request.user,
            cohort=cohort,
            run=data["index_run"],
            config=data["config"],
            exclude_alumni=data["exclude_alumni"],
            thresholds=data["thresholds"],
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True)
    def decisions(self, request: Request, pk: str | None = None) -> Response:
        """The stored selection: settings, method, solver, version and every region's decision."""
        cohort = self.get_object()
        if not cohort.selection:
            raise StateError(f"{cohort.name} has not been selected by the engine")
        return Response(cohort.selection)


class ParticipationViewSet(viewsets.ReadOnlyModelViewSet[Participation]):
    """Regions in cohorts; POST actions run the lifecycle services and answer 409 when refused."""

    serializer_class = s.ParticipationSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": perm.can_view_programmes,
        "enrol": perm.can_transition,
        "transition": perm.can_transition,
        "substitute": perm.can_transition,
        "bimtek": perm.can_submit_for_some_region,
        "institution": perm.can_submit_for_some_region,
        "legalise": perm.can_transition,
    }
    object_rules: ClassVar = {"bimtek": perm.can_record_guidance, "institution": perm.can_record_guidance}

    def get_queryset(self) -> QuerySet[Participation]:
        qs: QuerySet[Participation] = perm.visible_participations(self.request.user)
        cohort = self.request.query_params.get("cohort")
        return qs.filter(cohort_id=cohort) if cohort and cohort.isdigit() else qs

    def _done(self, p: Participation, code: int = status.HTTP_200_OK) -> Response:
        p.refresh_from_db()
        return Response(s.ParticipationSerializer(p).data, status=code)

    @extend_schema(request=s.EnrolSerializer, responses={201: s.ParticipationSerializer})
    @action(detail=False, methods=["post"])
    def enrol(self, request: Request) -> Response:
        form = s.EnrolSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        p = participation.enrol(actor=request.user, **form.validated_data)
        return self._done(p, status.HTTP_201_CREATED)

    @extend_schema(request=s.TransitionSerializer, responses=s.ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        p = self.get_object()
        form = s.TransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if data.pop("confirm") is not True and data["to"] in EXITS:
            require_confirmation(
                request,
                f"moving {p.region.name} to {data['to']} ends its participation in {p.cohort.name} for good",
            )
        return self._done(participation.transition(actor=request.user, participation=p, **data))

    @extend_schema(request=s.SubstituteSerializer, responses={201: s.ParticipationSerializer})
    @action(detail=True, methods=["post"])
    def substitute(self, request: Request, pk: str | None = None) -> Response:
        form = s.SubstituteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        p = self.get_object()
        if form.validated_data["confirm"] is not True:
            require_confirmation(
                request,
                f"{form.validated_data['region'].name} takes the slot of {p.region.name} in {p.cohort.name}; "
                f"{p.region.name} becomes substituted, which is final",
            )
        new = participation.substitute(
            actor=request.user,
            participation=p,
            by_region=form.validated_data["region"],
            reason=form.validated_data["reason"],
        )
        return self._done(new, status.HTTP_201_CREATED)

    @extend_schema(request=s.BimtekSerializer, responses=s.ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def bimtek(self, request: Request, pk: str | None = None) -> Response:
        p = self.get_object()  # permission first, then validation
        form = s.BimtekSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        participation.record_bimtek(actor=request.user, participation=p, **form.validated_data)
        return self._done(p)

    @extend_schema(request=s.InstitutionSerializer, responses=s.ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def institution(self, request: Request, pk: str | None = None) -> Response:
        p = self.get_object()
        form = s.InstitutionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        participation.form_institution(actor=request.user, participation=p, **form.validated_data)
        return self._done(p)

    @extend_schema(request=s.LegaliseSerializer, responses=s.ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def legalise(self, request: Request, pk: str | None = None) -> Response:
        form = s.LegaliseSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self._done(
            participation.legalise_masterplan(
                actor=request.user, participation=self.get_object(), **form.validated_data
            )
        )


class DocumentViewSet(viewsets.ReadOnlyModelViewSet[Document]):
    """Book versions: staff see all; a region team sees and uploads its own region's books."""

    serializer_class = s.DocumentSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": is_logged_in,
        "upload": perm.can_submit_for_some_region,
        "comment": perm.can_comment_documents,
    }

    def get_queryset(self) -> QuerySet[Document]:
        qs = Document.objects.select_related("participation")
        user = self.request.user
        if perm.can_view_documents(user):
            return qs
        return qs.filter(participation__region_id=getattr(user, "region_id", None) or -1)

    @extend_schema(request=s.DocumentUploadSerializer, responses={201: s.DocumentSerializer})
    @action(detail=False, methods=["post"])
    def upload(self, request: Request) -> Response:
        form = s.DocumentUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        p = form.validated_data["participation"]
        if not perm.can_submit_documents(request.user, p):
            self.permission_denied(
                request, message="books are uploaded by the secretariat or the region's own team"
            )
        upload = form.validated_data["file"]
        doc = documents.submit_book(
            actor=request.user,
            participation=p,
            book=form.validated_data["book"],
            name=upload.name,
            content=upload.read(),
        )
        return Response(s.DocumentSerializer(doc).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CommentSerializer, responses=s.DocumentSerializer)
    @action(detail=True, methods=["post"])
    def comment(self, request: Request, pk: str | None = None) -> Response:
        doc = self.get_object()
        form = s.CommentSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        documents.comment_on_document(actor=request.user, document=doc, text=form.validated_data["text"])
        return Response(s.DocumentSerializer(doc).data)
