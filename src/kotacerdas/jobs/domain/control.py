"""The secretariat's hand on jobs: retry a failed job, cancel one that is queued, running or failed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import PermissionDeniedError, StateError
from kotacerdas.jobs import rules
from kotacerdas.jobs.domain.messages import message_fields
from kotacerdas.jobs.domain.runner import send
from kotacerdas.jobs.domain.uploads import delete_files, missing_files
from kotacerdas.jobs.models import Job

CANCELLABLE = (Job.Status.QUEUED, Job.Status.RUNNING, Job.Status.FAILED)


def _locked(actor: Any, job: Job, action: str) -> Job:
    if not rules.can_manage_jobs(actor):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh mengulang pekerjaan")
            if action == "retry"
            else _("hanya sekretariat yang boleh membatalkan pekerjaan"),
            code="secretariat_only",
        )
    return Job.objects.select_for_update().get(pk=job.pk)


def retry_job(*, actor: Any, job: Job) -> Job:
    """Queue a failed job again as a new attempt (its files must still be there)."""
    with transaction.atomic():
        job = _locked(actor, job, "retry")
        if job.status != Job.Status.FAILED:
            raise StateError(
                _("pekerjaan #%(job)s berstatus %(status)s; hanya pekerjaan yang gagal yang dapat diulang")
                % {"job": job.pk, "status": job.get_status_display()},
                hint=_("pekerjaan yang dibatalkan sudah hilang: antrekan pekerjaannya lagi"),
                code="not_retryable",
            )
        if missing := missing_files(job):
            raise StateError(
                _("pekerjaan #%(job)s tidak dapat diulang: berkasnya %(file)r sudah tidak ada")
                % {"job": job.pk, "file": missing[0]},
                hint=_("unggah berkas itu lagi"),
                code="file_gone",
            )
        job.attempt += 1
        job.status, job.progress, job.message, job.messages = Job.Status.QUEUED, 0.0, "", {}
        job.result = job.error = job.finished_at = job.started_at = job.heartbeat_at = None
        job.worker = ""
        job.save()
        send(job)
        record(
            actor=actor,
            action="job.retry",
            target=job,
            summary=wording(
                gettext_lazy("%(kind)s: percobaan ke-%(attempt)s"), kind=job.kind_label, attempt=job.attempt
            ),
        )
    return job


def cancel_job(*, actor: Any, job: Job) -> Job:
    """Cancel a queued, running or failed job and remove the files it owns.

    A running job stops at its next progress report (its transaction rolls back); the worker sees the
    cancellation when it renews the job's lease.
    """
    with transaction.atomic():
        job = _locked(actor, job, "cancel")
        if job.status not in CANCELLABLE:
            raise StateError(
                _(
                    "pekerjaan #%(job)s berstatus %(status)s; hanya pekerjaan yang antre, berjalan atau gagal yang dapat dibatalkan"
                )
                % {"job": job.pk, "status": job.get_status_display()},
                code="not_cancellable",
            )
        previous = Job.Status(job.status).label
        job.status, job.finished_at = Job.Status.CANCELLED, timezone.now()
        cancelled = (
            wording(gettext_lazy("dibatalkan oleh sistem (sebelumnya %(status)s)"), status=previous)
            if is_system(actor)
            else wording(
                gettext_lazy("dibatalkan oleh %(user)s (sebelumnya %(status)s)"),
                user=getattr(actor, "username", "?"),
                status=previous,
            )
        )
        for field, value in message_fields(cancelled).items():
            setattr(job, field, value)
        job.save(update_fields=["status", "finished_at", "message", "messages"])
        record(
            actor=actor,
            action="job.cancel",
            target=job,
            summary=wording(
                gettext_lazy("%(kind)s dibatalkan (sebelumnya %(status)s)"),
                kind=job.kind_label,
                status=previous,
            ),
        )
    delete_files(job)  # after the commit: a failed transaction keeps the file
    return job
