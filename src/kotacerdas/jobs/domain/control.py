"""The secretariat's hand on jobs: retry a failed job, cancel one that is queued, running or failed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import PermissionDeniedError, StateError
from kotacerdas.jobs import rules
from kotacerdas.jobs.domain.runner import send
from kotacerdas.jobs.domain.uploads import delete_files, missing_files
from kotacerdas.jobs.models import Job

CANCELLABLE = (Job.Status.QUEUED, Job.Status.RUNNING, Job.Status.FAILED)


def _locked(actor: Any, job: Job, action: str) -> Job:
    if not rules.can_manage_jobs(actor):
        raise PermissionDeniedError(f"only the secretariat may {action} a job")
    return Job.objects.select_for_update().get(pk=job.pk)


def retry_job(*, actor: Any, job: Job) -> Job:
    """Queue a failed job again as a new attempt (its files must still be there)."""
    with transaction.atomic():
        job = _locked(actor, job, "retry")
        if job.status != Job.Status.FAILED:
            raise StateError(
                f"job #{job.pk} is {job.status}; only a failed job can be retried",
                hint="a cancelled job is gone for good: queue the work again",
            )
        if missing := missing_files(job):
            raise StateError(
                f"job #{job.pk} cannot be retried: its file {missing[0]!r} is gone",
                hint="upload the file again",
            )
        job.attempt += 1
        job.status, job.progress, job.message = Job.Status.QUEUED, 0.0, ""
        job.result = job.error = job.finished_at = job.started_at = job.heartbeat_at = None
        job.worker = ""
        job.save()
        send(job)
        record(actor=actor, action="job.retry", target=job, summary=f"{job.kind}: attempt {job.attempt}")
    return job


def cancel_job(*, actor: Any, job: Job) -> Job:
    """Cancel a queued, running or failed job and remove the files it owns.

    A running job stops at its next progress report (its transaction rolls back); the worker sees the
    cancellation when it renews the job's lease.
    """
    with transaction.atomic():
        job = _locked(actor, job, "cancel")
        if job.status not in CANCELLABLE:
            raise StateError(f"job #{job.pk} is {job.status}; only a queued, running or failed job can be cancelled")
        previous = job.status
        job.status, job.finished_at = Job.Status.CANCELLED, timezone.now()
        job.message = f"cancelled by {getattr(actor, 'username', 'the system')} (was {previous})"[:300]
        job.save(update_fields=["status", "finished_at", "message"])
        record(actor=actor, action="job.cancel", target=job, summary=f"{job.kind}: was {previous}")
    delete_files(job)  # after the commit: a failed transaction keeps the file
    return job
