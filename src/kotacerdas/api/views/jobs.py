"""Background jobs, their progress, and the secretariat's retry and cancel actions."""

from __future__ import annotations

from typing import ClassVar

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kotacerdas.accounts.domain.wording import in_active_language
from kotacerdas.accounts.error_text import stored_as_dict
from kotacerdas.jobs import rules as perm
from kotacerdas.jobs.domain.control import cancel_job, retry_job
from kotacerdas.jobs.models import Job


class JobSerializer(serializers.ModelSerializer[Job]):
    message = serializers.CharField(
        source="message_text",
        read_only=True,
        help_text=_("pesan kemajuan atau akhir pekerjaan, dalam bahasa permintaan"),
    )
    error = serializers.SerializerMethodField(
        help_text=_(
            "galat pekerjaan yang gagal (kode, pesan, berkas, baris, kolom, saran), dalam bahasa permintaan"
        )
    )

    result = serializers.SerializerMethodField(
        help_text=_("hasil pekerjaan yang selesai; peringatannya (``warnings``) dalam bahasa permintaan")
    )

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_result(self, job: Job) -> object:
        """The stored result with its warnings (a dataset import's) in the request's language."""
        result = job.result
        if isinstance(result, dict) and isinstance(result.get("warnings"), list):
            return {**result, "warnings": [in_active_language(w) for w in result["warnings"]]}
        return result

    def get_error(self, job: Job) -> dict[str, object] | None:
        """The stored error with its message and hint worded by code in the request's language."""
        return stored_as_dict(job.error) if isinstance(job.error, dict) and job.error else job.error

    class Meta:
        model = Job
        fields: ClassVar = [
            "id",
            "kind",
            "status",
            "progress",
            "message",
            "result",
            "error",
            "attempt",
            "created_at",
            "started_at",
            "heartbeat_at",
            "finished_at",
        ]


class JobViewSet(viewsets.ReadOnlyModelViewSet[Job]):
    queryset = Job.objects.all()
    serializer_class = JobSerializer
    rules: ClassVar = {
        "read": perm.can_view_jobs,
        "retry": perm.can_manage_jobs,
        "cancel": perm.can_manage_jobs,
    }

    @extend_schema(
        request=None,
        responses=JobSerializer,
        description=_(
            "Mengantrekan lagi pekerjaan yang gagal sebagai percobaan baru (409 bila pekerjaan itu "
            "tidak gagal atau berkasnya sudah tidak ada)."
        ),
    )
    @action(detail=True, methods=["post"])
    def retry(self, request: Request, pk: str | None = None) -> Response:
        """Queue a failed job again as a new attempt (409 if it is not failed or its file is gone)."""
        job = retry_job(actor=request.user, job=self.get_object())
        return Response(JobSerializer(Job.objects.get(pk=job.pk)).data)

    @extend_schema(
        request=None,
        responses=JobSerializer,
        description=_(
            "Membatalkan pekerjaan yang mengantre, berjalan atau gagal, dan menghapus berkas unggahannya."
        ),
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        """Cancel a queued, running or failed job and remove its uploaded file."""
        job = cancel_job(actor=request.user, job=self.get_object())
        return Response(JobSerializer(Job.objects.get(pk=job.pk)).data)
