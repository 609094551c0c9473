"""A long piece of work (import, index, uncertainty, selection) with its progress, lease and result.

The queue that carries a job to a worker process is django-tasks' database backend; this table is the
domain's record of the job: who asked, what it is doing now, how it ended, and the lease that tells a
live worker from a dead one (``attempt`` is the fencing token: only the worker running the current
attempt may write the job's outcome).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.domain.wording import in_active_language
from kotacerdas.jobs.registry import label_of


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Antre")
        RUNNING = "running", _("Berjalan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")
        CANCELLED = "cancelled", _("Dibatalkan")

    kind = models.CharField(max_length=40)
    function = models.CharField(max_length=200, help_text=_("nama terdaftar fungsi pekerjaan"))
    arguments = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=300, blank=True)
    #: the message in each of the platform's languages, worded when it was written (``{"id": …, "en": …}``);
    #: empty for messages written before they were worded per language (``message`` keeps the Indonesian)
    messages = models.JSONField(default=dict, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempt = models.PositiveIntegerField(default=1)
    worker = models.CharField(
        max_length=64, blank=True, help_text=_("id pekerja yang menjalankan percobaan ini")
    )
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=_("sewa pekerjaan: diperbarui selama berjalan")
    )
    task_id = models.CharField(
        max_length=64, blank=True, help_text=_("id hasil django-tasks untuk percobaan ini")
    )

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        indexes: ClassVar = [models.Index(fields=["status", "heartbeat_at"], name="jobs_job_lease_idx")]

    @property
    def kind_label(self) -> Promise | str:
        """What the job does, as a person reads it (a lazy text for registered kinds, else the kind)."""
        return label_of(self.kind)

    @property
    def message_text(self) -> str:
        """The message in the active language; the stored one for older jobs or a language not worded."""
        return in_active_language(self.messages) or self.message


class PeriodicRun(models.Model):
    """When a periodic task last ran; the scheduler claims a due run by updating this row."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
