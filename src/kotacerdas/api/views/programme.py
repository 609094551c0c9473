"""Programmes, cohorts, participations (with lifecycle actions) and book documents."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from kotacerdas.assessment.domain.funnel import SourceSpec, create_interview_round, queue_cohort_selection
from kotacerdas.errors import InputError, Location, StateError
from kotacerdas.programme import rules as perm
from kotacerdas.programme.domain import cohorts, documents, participation, reviews
from kotacerdas.programme.domain.invitations import codes_from_csv, invite, pick
from kotacerdas.programme.lifecycle import EXITS, State
from kotacerdas.programme.models import Cohort, Document, DocumentComment, Participation, Programme
from kotacerdas.programme.reasons import reason_text


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
        "invite": perm.can_transition,
        "interview_round": perm.can_transition,
        "decisions": perm.can_view_pipeline,
    }

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = cohorts.create_cohort(actor=self.request.user, **serializer.validated_data)

    @extend_schema(
        request=s.SelectRequestSerializer,
        responses={202: JobSerializer},
        description=gettext_lazy(
            "Mengantrekan seleksi kohort dari skor yang diterbitkan; pekerjaan itu menyimpan setiap "
            "keputusan dan memindahkan daerah yang belum diputuskan ke terpilih atau tidak terpilih."
        ),
    )
    @action(detail=True, methods=["post"])
    def select(self, request: Request, pk: str | None = None) -> Response:
        """Queue the cohort's selection from published scores; the job stores every decision and moves
        the undecided regions to selected or not selected (assessment.domain.funnel)."""
        cohort = self.get_object()
        form = s.SelectRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        run = data["index_run"]
        job = queue_cohort_selection(
            actor=request.user,
            cohort=cohort,
            spec=SourceSpec(
                index_run=run.pk if run is not None else None,
                round=data["round"],
                index_weight=data["index_weight"],
                round_weight=data["round_weight"],
            ),
            config=data["config"],
            eligibility=data["eligibility"],
            include_uninvited=data["include_uninvited"],
            exclude_alumni=data["exclude_alumni"],
            thresholds=data["thresholds"],
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        request=s.InviteRequestSerializer,
        responses={201: s.InviteResultSerializer},
        description=gettext_lazy(
            "Mengundang daerah dari hasil penyaringan yang diterbitkan (N teratas, ambang, daftar "
            "atau teks CSV), masing-masing dengan alasannya; semuanya atau tidak sama sekali, "
            'tercatat di log audit; memerlukan ``"confirm": true``.'
        ),
    )
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        """Invite regions from a published screening run (top N, threshold, list or CSV text), each with
        its reason; all or nothing, audited; needs ``"confirm": true``."""
        cohort = self.get_object()
        form = s.InviteRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        rows = (
            codes_from_csv(data["csv"].encode(), "csv") if data["method"] == "csv" and data.get("csv") else []
        )
        picks = pick(
            run=data["index_run"],
            method=data["method"],
            n=data.get("n"),
            threshold=data.get("threshold"),
            codes=data.get("codes") or [],
            rows=rows,
            note=data["note"],
        )
        require_confirmation(
            request, _("%(n)s daerah diundang ke %(cohort)s") % {"n": len(picks), "cohort": cohort.name}
        )
        done = invite(
            actor=request.user, cohort=cohort, run=data["index_run"], picks=picks, method=data["method"]
        )
        body = {"invited": list(done.invited), "skipped": list(done.skipped)}
        return Response(s.InviteResultSerializer(body).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.InterviewRequestSerializer,
        responses={201: s.InterviewResultSerializer},
        description=gettext_lazy(
            "Membuat putaran wawancara kesiapan (draf) atas daerah kohort yang diundang dan belum diputuskan."
        ),
    )
    @action(detail=True, methods=["post"], url_path="interview-round")
    def interview_round(self, request: Request, pk: str | None = None) -> Response:
        """Create a readiness-interview round (draft) over the cohort's invited, undecided regions."""
        cohort = self.get_object()
        form = s.InterviewRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        round_ = create_interview_round(actor=request.user, cohort=cohort, **form.validated_data)
        body = {
            "id": round_.pk,
            "name": round_.name,
            "kind": round_.kind,
            "state": round_.state,
            "regions": round_.submissions.count(),
        }
        return Response(s.InterviewResultSerializer(body).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        description=gettext_lazy(
            "Seleksi yang tersimpan: pengaturan, sumber, metode, solver, versi dan keputusan setiap "
            "daerah (``reason`` dalam bahasa Inggris sebagaimana ditulis mesin, ``text`` dalam bahasa "
            "permintaan)."
        ),
    )
    @action(detail=True)
    def decisions(self, request: Request, pk: str | None = None) -> Response:
        """The stored selection: settings, source, method, solver, version and every region's decision
        (``reason`` in English as the engine wrote it, ``text`` in the request's language)."""
        cohort = self.get_object()
        if not cohort.selection:
            raise StateError(
                _("%(cohort)s belum diseleksi oleh mesin seleksi") % {"cohort": cohort.name},
                code="not_selected",
            )
        cutoff = cohort.selection.get("cutoff")
        rows = [{**d, "text": reason_text(d, cutoff)} for d in cohort.selection.get("decisions", [])]
        return Response({**cohort.selection, "decisions": rows})


@extend_schema(
    description=gettext_lazy(
        "Daerah dalam kohort; aksi POST menjalankan layanan siklus hidup dan menjawab 409 bila ditolak."
    ),
)
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
                _(
                    "memindahkan %(region)s ke %(state)s mengakhiri keikutsertaannya di %(cohort)s untuk selamanya"
                )
                % {"region": p.region.name, "state": State(data["to"]).label, "cohort": p.cohort.name},
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
                _("%(new)s mengambil slot %(old)s di %(cohort)s; %(old)s menjadi tergantikan, dan itu final")
                % {"new": form.validated_data["region"].name, "old": p.region.name, "cohort": p.cohort.name},
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


@extend_schema(
    description=gettext_lazy(
        "Versi buku: staf melihat semuanya; tim daerah melihat dan mengunggah buku daerahnya sendiri."
    ),
)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet[Document]):
    """Book versions: staff see all; a region team sees and uploads its own region's books."""

    serializer_class = s.DocumentSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": is_logged_in,
        "upload": perm.can_submit_for_some_region,
        "comment": perm.can_comment_documents,
        "reply": perm.can_take_part_in_reviews,
        "resolve": perm.can_comment_documents,
        "review": perm.can_review_documents,
    }

    def get_queryset(self) -> QuerySet[Document]:
        qs = Document.objects.select_related("participation").prefetch_related(
            "reviews__actor",
            Prefetch(
                "comments",
                queryset=DocumentComment.objects.select_related("author", "resolved_by").prefetch_related(
                    "replies__author"
                ),
            ),
        )
        user = self.request.user
        if perm.can_view_documents(user):
            return qs
        return qs.filter(participation__region_id=getattr(user, "region_id", None) or -1)

    def _done(self, doc: Document, code: int = status.HTTP_200_OK) -> Response:
        return Response(s.DocumentSerializer(self.get_queryset().get(pk=doc.pk)).data, status=code)

    def _thread(self, doc: Document, pk: int) -> DocumentComment:
        thread = doc.comments.filter(pk=pk).select_related("document__participation__region").first()
        if thread is None:
            raise InputError(
                _("versi buku #%(doc)s tidak memiliki komentar #%(pk)s") % {"doc": doc.pk, "pk": pk},
                location=Location(column="thread"),
                code="unknown_comment",
            )
        return thread

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

    @extend_schema(
        request=s.CommentSerializer,
        responses={201: s.DocumentSerializer},
        description=gettext_lazy(
            "Peninjau membuka utas komentar pada versi ini, bila perlu pada satu halaman."
        ),
    )
    @action(detail=True, methods=["post"])
    def comment(self, request: Request, pk: str | None = None) -> Response:
        """A reviewer opens a comment thread on this version, optionally on a page."""
        doc = self.get_object()
        form = s.CommentSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        reviews.open_thread(actor=request.user, document=doc, text=data["text"], page=data["page"])
        return self._done(doc, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ReplyRequestSerializer,
        responses={201: s.DocumentSerializer},
        description=gettext_lazy("Balasan dalam utas, oleh peninjau atau tim daerah pemilik buku."),
    )
    @action(detail=True, methods=["post"])
    def reply(self, request: Request, pk: str | None = None) -> Response:
        """A reply in a thread, by a reviewer or the team of the book's region."""
        doc = self.get_object()
        form = s.ReplyRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        thread = self._thread(doc, form.validated_data["thread"])
        reviews.reply_to_thread(actor=request.user, thread=thread, text=form.validated_data["text"])
        return self._done(doc, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.ResolveRequestSerializer,
        responses=s.DocumentSerializer,
        description=gettext_lazy("Pembuka utas (atau sekretariat) menyelesaikannya."),
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str | None = None) -> Response:
        """The thread's opener (or the secretariat) resolves it."""
        doc = self.get_object()
        form = s.ResolveRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        reviews.resolve_thread(actor=request.user, thread=self._thread(doc, form.validated_data["thread"]))
        return self._done(doc)

    @extend_schema(
        request=s.ReviewRequestSerializer,
        responses=s.DocumentSerializer,
        description=gettext_lazy(
            "Peninjau menetapkan status tinjauan versi ini beserta alasannya (tersimpan dalam riwayatnya)."
        ),
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """A reviewer sets this version's review status with a reason (kept in its history)."""
        doc = self.get_object()
        form = s.ReviewRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        reviews.set_review_status(
            actor=request.user, document=doc, status=data["status"], reason=data["reason"]
        )
        return self._done(doc)
