"""Assessment rounds, assignments and scores; actions call the assessment domain services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.accounts.rules import is_anyone, is_logged_in
from kotacerdas.api import assessment_serializers as s
from kotacerdas.api.confirm import OverrideConfirmSerializer, require_confirmation
from kotacerdas.api.permissions import ObjectRule
from kotacerdas.assessment import rules
from kotacerdas.assessment.domain import assignment, conflicts, results, rounds, scoring
from kotacerdas.assessment.domain.completeness import round_completeness
from kotacerdas.assessment.domain.rubrics import predicate_names
from kotacerdas.assessment.models import AssessorProfile, Assignment, Conflict, Round, Score, Submission
from kotacerdas.errors import InputError, Location, StateError
from kotacerdas.programme.models import Participation

ROUND_ACTIONS: dict[str, Callable[..., Any]] = {
    "assign": assignment.run_assignment,
    "close": rounds.close_round,
    "compute": results.compute_results,
    "publish": rounds.publish_round,
}


def _closing(round_: Round) -> str:
    check = round_completeness(round_)
    gaps = check.describe_text("close")
    done = _("menutup putaran %(round)r membuat %(n)s skornya yang terkirim final") % {
        "round": round_.name,
        "n": check.submitted,
    }
    return done + (
        _("; belum lengkap: %(gaps)s (beri override_reason untuk tetap menutup)") % {"gaps": gaps}
        if gaps
        else ""
    )


def _publishing(round_: Round) -> str:
    gaps = round_completeness(round_).describe_text("publish")
    done = _("mengumumkan putaran %(round)r menampilkan hasil dan penghargaannya kepada publik") % {
        "round": round_.name
    }
    return done + (
        _("; belum lengkap: %(gaps)s (beri override_reason untuk tetap mengumumkan)") % {"gaps": gaps}
        if gaps
        else ""
    )


CONFIRMED = {"close": _closing, "publish": _publishing}


@extend_schema(
    description=gettext_lazy(
        "Putaran: sekretariat melihat semuanya, pengguna lain hanya yang sudah diterbitkan."
    ),
)
class RoundViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Round]):
    """Rounds: the secretariat sees all, everybody else the published ones."""

    serializer_class = s.RoundSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": is_anyone,
        "results": is_anyone,
        "create": rules.can_manage_rounds,
        **dict.fromkeys(ROUND_ACTIONS, rules.can_manage_rounds),
    }

    def get_queryset(self) -> QuerySet[Round]:
        return rules.visible_rounds(self.request.user)  # type: ignore[no-any-return]

    @extend_schema(request=s.RoundCreateSerializer, responses=s.RoundSerializer)
    def create(self, request: Request) -> Response:
        form = s.RoundCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        ids = data.pop("participations")
        people = list(Participation.objects.filter(pk__in=ids).select_related("region", "cohort"))
        missing = sorted(set(ids) - {p.pk for p in people})
        if missing:
            raise InputError(
                _("keikutsertaan tidak dikenal: %(ids)s") % {"ids": missing},
                location=Location(column="participations"),
                code="unknown_participation",
            )
        round_ = rounds.set_up_round(
            actor=request.user, rubric_key=data.pop("rubric"), participations=people, **data
        )
        return Response(s.RoundSerializer(round_, context={"request": request}).data, status=201)

    def _act(self, name: str) -> Response:
        round_ = self.get_object()
        extra: dict[str, Any] = {}
        if name in CONFIRMED:
            body = require_confirmation(self.request, CONFIRMED[name](round_), OverrideConfirmSerializer)
            extra["override_reason"] = body["override_reason"]
        done = ROUND_ACTIONS[name](actor=self.request.user, round_=round_, **extra)
        fresh = Round.objects.get(pk=getattr(done, "pk", None) or self.kwargs["pk"])
        return Response(s.RoundSerializer(fresh, context={"request": self.request}).data)

    @extend_schema(request=None, responses=s.RoundSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        return self._act("assign")

    @extend_schema(request=OverrideConfirmSerializer, responses=s.RoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self._act("close")

    @extend_schema(request=None, responses=s.RoundSerializer)
    @action(detail=True, methods=["post"])
    def compute(self, request: Request, pk: str | None = None) -> Response:
        return self._act("compute")

    @extend_schema(request=OverrideConfirmSerializer, responses=s.RoundSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        return self._act("publish")

    @extend_schema(responses=s.ResultSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def results(self, request: Request, pk: str | None = None) -> Response:
        round_ = self.get_object()
        rows = [
            sub.result for sub in round_.submissions.filter(result__isnull=False).select_related("result")
        ]
        rows.sort(key=lambda r: (r.rank, r.submission_id))
        names = predicate_names(round_.rubric.rubric())  # a result stores the Indonesian label
        return Response(s.ResultSerializer(rows, many=True, context={"predicate_names": names}).data)


@extend_schema(
    description=gettext_lazy(
        "Penugasan aktif: semuanya bagi sekretariat, penugasannya sendiri bagi asesor, tidak ada "
        "bagi pengguna lain."
    ),
)
class AssignmentViewSet(viewsets.ReadOnlyModelViewSet[Assignment]):
    """Active assignments: all for the secretariat, an assessor's own, none for others."""

    serializer_class = s.AssignmentSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {
        "read": is_logged_in,
        "draft": rules.can_score_some,
        "submit": rules.can_score_some,
        "override": rules.can_manage_rounds,
    }

    def get_queryset(self) -> QuerySet[Assignment]:
        return rules.visible_assignments(self.request.user)  # type: ignore[no-any-return]

    @extend_schema(request=s.DraftSerializer, responses=s.AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def draft(self, request: Request, pk: str | None = None) -> Response:
        form = s.DraftSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        a = scoring.save_draft(
            actor=request.user,
            assignment=self.get_object(),
            values=form.validated_data["scores"],
            comments=form.validated_data.get("comments"),
        )
        return Response(s.AssignmentSerializer(a).data)

    @extend_schema(request=None, responses=s.AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        a = scoring.submit_scores(actor=request.user, assignment=self.get_object())
        return Response(s.AssignmentSerializer(a).data)

    @extend_schema(request=s.OverrideSerializer, responses=s.AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def override(self, request: Request, pk: str | None = None) -> Response:
        form = s.OverrideSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        assessor = get_object_or_404(AssessorProfile, user__username=form.validated_data["assessor"])
        a = assignment.override_assignment(
            actor=request.user,
            assignment=self.get_object(),
            assessor=assessor,
            reason=form.validated_data["reason"],
        )
        return Response(s.AssignmentSerializer(a).data, status=201)


@extend_schema(
    description=gettext_lazy(
        "Skor menurut aturan keterlihatan; sekretariat mengubahnya setelah putaran ditutup."
    ),
)
class ScoreViewSet(viewsets.ReadOnlyModelViewSet[Score]):
    """Scores under the visibility rule; the secretariat amends after closing."""

    serializer_class = s.ScoreSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {"read": is_logged_in, "amend": rules.can_manage_rounds}

    def get_queryset(self) -> QuerySet[Score]:
        qs: QuerySet[Score] = rules.visible_scores(self.request.user)
        round_id = self.request.query_params.get("round")
        return qs.filter(assignment__submission__round_id=round_id) if round_id and round_id.isdigit() else qs

    @extend_schema(request=s.AmendSerializer, responses=s.ScoreSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request: Request, pk: str | None = None) -> Response:
        form = s.AmendSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        score = self.get_object()
        scoring.amend_score(actor=request.user, score=score, **form.validated_data)
        data: dict[str, Any] = dict(s.ScoreSerializer(score).data)
        data["effective_value"] = scoring.effective_value(score)
        return Response(data)


@extend_schema(
    description=gettext_lazy(
        "Konflik kepentingan: asesor melihat dan menyatakan konfliknya sendiri, sekretariat "
        "melihat semuanya dan menyatakan konflik untuk asesor mana pun (``assessor``)."
    ),
)
class ConflictViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet[Conflict]):
    """Conflicts of interest: an assessor lists and declares their own, the secretariat sees all and
    declares for any assessor (``assessor``); both through ``conflicts.declare_conflict``."""

    serializer_class = s.ConflictSerializer
    permission_classes = (ObjectRule,)
    rules: ClassVar = {"read": rules.can_declare_conflicts, "create": rules.can_declare_conflicts}

    def get_queryset(self) -> QuerySet[Conflict]:
        return rules.visible_conflicts(self.request.user)  # type: ignore[no-any-return]

    @extend_schema(request=s.DeclareConflictSerializer, responses=s.ConflictSerializer)
    def create(self, request: Request) -> Response:
        form = s.DeclareConflictSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        username = data.get("assessor") or request.user.username
        assessor = AssessorProfile.objects.filter(user__username=username).select_related("user").first()
        if assessor is None:
            raise StateError(
                _("%(user)r tidak memiliki profil asesor") % {"user": username},
                hint=_("sekretariat yang membuat profil asesor"),
                code="not_an_assessor",
            )
        submission = Submission.objects.filter(pk=data["submission"]).select_related("round").first()
        if submission is None:
            raise InputError(
                _("berkas penilaian %(id)s tidak dikenal") % {"id": data["submission"]},
                location=Location(column="submission"),
                code="unknown_submission",
            )
        conflict = conflicts.declare_conflict(
            actor=request.user, assessor=assessor, submission=submission, reason=data["reason"]
        )
        return Response(s.ConflictSerializer(conflict).data, status=201)
