"""The worker's periodic clean-up: jobs whose worker died, failed jobs nobody retried, orphan uploads."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.accounts.error_text import worded
from kotacerdas.jobs.domain.execute import CONTEXT
from kotacerdas.jobs.domain.messages import message_fields
from kotacerdas.jobs.domain.uploads import UPLOAD_DIR, delete_files, owned_files
from kotacerdas.jobs.models import Job

#: a failed job keeps its files this long for a retry, then it is cancelled and they are removed
KEEP_FAILED = dt.timedelta(days=7)
#: an upload no job owns is removed once it is this old (a web worker died between saving and queueing)
ORPHAN_AGE = dt.timedelta(hours=1)


def sweep_stale(now: dt.datetime | None = None) -> list[int]:
    """Fail the running jobs whose lease expired (their worker died); the ids failed."""
    now = now or timezone.now()
    lease = settings.JOB_LEASE
    cutoff = now - dt.timedelta(seconds=lease)
    expired = (
        Job.objects.filter(status=Job.Status.RUNNING)
        .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
        .exclude(pk__in=list(CONTEXT.running))  # alive in this very process, whatever its lease says
    )
    failed = []
    for job in expired:
        message = (
            f"worker {job.worker or '?'} stopped renewing the job's lease (no heartbeat for {lease:g} s): "
            "it died or was killed; retry the job"
        )
        params = {"worker": job.worker or "?", "lease": f"{lease:g}"}
        error = {
            "code": "worker_lost",
            "message": message,
            "file": None,
            "row": None,
            "column": None,
            "hint": "retry the job, or cancel it to remove its files",
            "params": params,  # worded by code for the reader
        }
        lost = partial(worded, "worker_lost", **params)  # the error's own template, in each language
        with transaction.atomic():
            won = Job.objects.filter(
                pk=job.pk, attempt=job.attempt, status=Job.Status.RUNNING, heartbeat_at=job.heartbeat_at
            ).update(status=Job.Status.FAILED, finished_at=now, error=error, **message_fields(lost))
            if not won:
                continue  # it renewed its lease or finished meanwhile
            if job.task_id:  # the queue's own record of the attempt ends too
                DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path="kotacerdas.jobs.WorkerLost",
                    traceback=message,
                )
            record(actor=SYSTEM, action="job.lost", target=job, summary=lost)
        failed.append(job.pk)
    return failed


def expire_failed(now: dt.datetime | None = None) -> list[int]:
    """Cancel failed jobs left unretried for :data:`KEEP_FAILED` and remove their files."""
    now = now or timezone.now()
    old = Job.objects.filter(status=Job.Status.FAILED, finished_at__lt=now - KEEP_FAILED)
    expired = []
    for job in old:
        expiry = wording(gettext_lazy("tidak diulang dalam %(days)s hari"), days=KEEP_FAILED.days)
        if Job.objects.filter(pk=job.pk, status=Job.Status.FAILED).update(
            status=Job.Status.CANCELLED, **message_fields(expiry)
        ):
            delete_files(job)
            expired.append(job.pk)
    return expired


def remove_orphan_uploads(now: dt.datetime | None = None) -> list[str]:
    """Delete uploads no queued, running or failed job owns, once older than :data:`ORPHAN_AGE`."""
    now = now or timezone.now()
    if not default_storage.exists(UPLOAD_DIR):
        return []
    live = Job.objects.filter(status__in=(Job.Status.QUEUED, Job.Status.RUNNING, Job.Status.FAILED))
    owned = {name for job in live for name in owned_files(job)}
    removed = []
    for file_name in default_storage.listdir(UPLOAD_DIR)[1]:
        name = f"{UPLOAD_DIR}/{file_name}"
        if name not in owned and default_storage.get_modified_time(name) < now - ORPHAN_AGE:
            default_storage.delete(name)
            removed.append(name)
    return removed
