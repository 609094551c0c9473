"""Running one attempt of a job: claim it, call its function, write the outcome (fenced by the attempt).

The worker process runs with a :class:`~kotacerdas.jobs.domain.lease.Lease` (heartbeat and progress on
a separate connection); inline runs (tests, the CLI) write progress directly and hold no lease.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.wording import Wordable, wording
from kotacerdas.accounts.error_text import from_dict
from kotacerdas.errors import KotaCerdasError
from kotacerdas.jobs.domain.lease import JobStopped, Lease
from kotacerdas.jobs.domain.messages import message_fields
from kotacerdas.jobs.domain.uploads import delete_files
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.registry import lookup


@dataclass
class WorkerContext:
    """Who runs jobs in this process: the worker id written on them, and whether they hold a lease."""

    worker_id: str = "inline"
    lease: bool = False
    running: set[int] = field(default_factory=set)  # jobs this process runs now (never swept by it)


CONTEXT = WorkerContext()


def _error(code: str, message: str) -> dict[str, Any]:
    return {"code": code, "message": message, "file": None, "row": None, "column": None, "hint": None}


def _plain(params: Mapping[str, Any]) -> dict[str, Any]:
    """An error's message parameters as JSON (numbers and text kept, lists and mappings of them too — an
    infeasible selection's reasons —, anything else as its text), so the job page can show the message in
    the reader's language (kotacerdas.accounts.error_text)."""
    return {str(k): _plain_value(v) for k, v in params.items()}


def _plain_value(value: Any) -> Any:
    if isinstance(value, int | float | str | None):
        return value
    if isinstance(value, Mapping):
        return _plain(value)
    if isinstance(value, list | tuple):
        return [_plain_value(v) for v in value]
    return str(value)


def _failed(error: dict[str, Any], message: Wordable) -> dict[str, Any]:
    return {
        "status": Job.Status.FAILED,
        "error": error,
        **message_fields(message),
        "finished_at": timezone.now(),
    }


def _write(job_id: int, attempt: int, fields: dict[str, Any]) -> bool:
    """Write the outcome only if this attempt is still the job's (a cancel or a retry moved on).

    A sweep may have presumed the attempt lost while it was alive but could not renew its lease (on
    SQLite a long import transaction blocks every other writer): its real outcome then replaces that.
    """
    ours = Q(status=Job.Status.RUNNING) | Q(status=Job.Status.FAILED, error__code="worker_lost")
    return bool(Job.objects.filter(ours, pk=job_id, attempt=attempt).update(**fields))


def _direct_reporter(job_id: int, attempt: int) -> Any:
    def report(fraction: float, message: Wordable = "") -> None:
        Job.objects.filter(pk=job_id, attempt=attempt).update(
            progress=max(0.0, min(1.0, fraction)), **message_fields(message)
        )

    return report


def _call(job: Job, lease: Lease | None) -> dict[str, Any] | None:
    """Call the job's function; the fields of its outcome (None: it was stopped from outside)."""
    try:
        function = lookup(job.function)
        report = lease.report if lease else _direct_reporter(job.pk, job.attempt)
        result = function(progress=report, **job.arguments)
    except JobStopped:
        return None
    except KotaCerdasError as exc:
        error = {**exc.to_dict(), "params": _plain(exc.params)}
        return _failed(error, lambda: from_dict(error))  # worded by its code, as the job page words it
    except Exception as exc:  # a bug in a job function must not kill the worker silently
        return _failed(_error("internal", str(exc)), f"{type(exc).__name__}: {exc}")
    return {"status": Job.Status.DONE, "progress": 1.0, "result": result, "finished_at": timezone.now()}


def run(job_id: int, *, attempt: int | None = None) -> Job:
    """Run a queued job now, in this thread; failures are stored on the job, not raised."""
    job = Job.objects.get(pk=job_id)
    attempt = attempt or job.attempt
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, attempt=attempt, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, worker=CONTEXT.worker_id, started_at=now, heartbeat_at=now
    )
    if not claimed:  # cancelled, already run, or retried as a newer attempt
        return Job.objects.get(pk=job_id)
    job.refresh_from_db()
    lease = Lease(job_id, attempt, settings.JOB_LEASE) if CONTEXT.lease else None
    if lease:
        lease.start()
    CONTEXT.running.add(job_id)
    try:
        outcome = _call(job, lease)
    except BaseException as exc:  # SystemExit/KeyboardInterrupt: the worker is being stopped
        stopped = _error("worker_stopped", repr(exc)) | {"params": {"reason": repr(exc)}}  # worded by code
        _write(job_id, attempt, _failed(stopped, wording(gettext_lazy("pekerja dihentikan"))))
        raise
    finally:
        CONTEXT.running.discard(job_id)
        if lease:
            lease.stop()
    if outcome is not None and _write(job_id, attempt, outcome) and outcome["status"] == Job.Status.DONE:
        delete_files(job)
    return Job.objects.get(pk=job_id)
