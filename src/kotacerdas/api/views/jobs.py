"""Background jobs and their progress."""

from __future__ import annotations

from typing import ClassVar

from rest_framework import serializers, viewsets

from kotacerdas.jobs import rules as perm
from kotacerdas.jobs.models import Job


class JobSerializer(serializers.ModelSerializer[Job]):
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
            "created_at",
            "finished_at",
        ]


class JobViewSet(viewsets.ReadOnlyModelViewSet[Job]):
    queryset = Job.objects.all()
    serializer_class = JobSerializer
    rules: ClassVar = {"read": perm.can_view_jobs}
