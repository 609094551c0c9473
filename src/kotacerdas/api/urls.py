"""API routes; every view declares its rules (see :mod:`kotacerdas.api.permissions`)."""

from __future__ import annotations

from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from kotacerdas.api.views import accounts, assessment, jobs, monitoring, programme, progress, regions

router = DefaultRouter()
router.include_root_view = False
router.register("regions", regions.RegionViewSet, basename="region")
router.register("datasets", regions.DatasetViewSet, basename="dataset")
router.register("index-runs", regions.IndexRunViewSet, basename="indexrun")
router.register("programmes", programme.ProgrammeViewSet, basename="programme")
router.register("cohorts", programme.CohortViewSet, basename="cohort")
router.register("participations", programme.ParticipationViewSet, basename="participation")
router.register("documents", programme.DocumentViewSet, basename="document")
router.register(
    "masterplan-programmes", monitoring.MasterplanProgrammeViewSet, basename="masterplanprogramme"
)
router.register("quick-wins", monitoring.QuickWinViewSet, basename="quickwin")
router.register("masterplans", monitoring.MasterplanViewSet, basename="masterplan")
router.register("kpis", monitoring.KpiViewSet, basename="kpi")
router.register("reporting-windows", monitoring.ReportingWindowViewSet, basename="reportingwindow")
router.register("jobs", jobs.JobViewSet, basename="job")
router.register("users", accounts.UserViewSet, basename="user")
router.register("assessment-rounds", assessment.RoundViewSet, basename="assessmentround")
router.register("assessment-assignments", assessment.AssignmentViewSet, basename="assessmentassignment")
router.register("assessment-scores", assessment.ScoreViewSet, basename="assessmentscore")
router.register("assessment-conflicts", assessment.ConflictViewSet, basename="assessmentconflict")


class PublicSchemaView(SpectacularAPIView):
    permission_classes = (AllowAny,)


class PublicDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script as a file (``?script``), as the CSP requires."""

    permission_classes = (AllowAny,)


class ApiRoot(APIView):
    """The API's entry points: the schema, its interactive docs and every resource collection."""

    permission_classes = (AllowAny,)
    #: the browsable page's title and text (DRF reads ``name`` and ``description``); the text in the
    #: request's language
    name = "Kota Cerdas API"  # the product's name: the same in both languages
    description = gettext_lazy(
        "Titik masuk API: skema OpenAPI (schema), dokumentasinya yang interaktif (docs), ringkasan kemajuan "
        "(progress) dan setiap koleksi sumber daya. Jawaban dan pesan galat memakai bahasa permintaan: "
        "Bahasa Indonesia, atau bahasa Inggris dengan Accept-Language: en."
    )

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        """Absolute links to the schema, the docs, the progress aggregates and every collection."""
        links = {
            "schema": reverse("api:schema", request=request),
            "docs": reverse("api:docs", request=request),
        }
        links["progress"] = reverse("api:progress", request=request)
        for prefix, _viewset, basename in router.registry:
            links[prefix] = reverse(f"api:{basename}-list", request=request)
        return Response(links)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def not_found(request: Request, rest: str = "") -> Response:
    """Unknown API paths answer in the one error shape, too."""
    raise NotFound(_("tidak ada sumber daya API di /api/%(rest)s") % {"rest": rest})


app_name = "api"
urlpatterns = [
    path("", ApiRoot.as_view(), name="root"),
    path("schema/", PublicSchemaView.as_view(), name="schema"),
    path("docs/", PublicDocsView.as_view(url_name="api:schema"), name="docs"),
    path("progress/", progress.NationalProgressView.as_view(), name="progress"),
    path("progress/provinces/<str:code>/", progress.ProvinceProgressView.as_view(), name="progress-province"),
    path("progress/regions/<str:code>/", progress.RegionProgressView.as_view(), name="progress-region"),
    path("", include(router.urls)),
    re_path(r"^(?P<rest>.*)$", not_found, name="not-found"),
]
