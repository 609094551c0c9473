"""Submitting and running jobs.

A job names a service by dotted path; the service is called as ``func(progress=..., **arguments)`` and
returns a JSON-able result. :func:`submit` starts it on a daemon thread of this process, which is enough
for the embedded default; :func:`run` does the same work synchronously (CLI, tests, an external worker).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.jobs.models import Job

ALLOWED_PREFIX = "kotacerdas."


def _resolve(path: str) -> Callable[..., Any]:
    module, _, name = path.rpartition(".")
    if not path.startswith(ALLOWED_PREFIX) or ".domain." not in path:
        raise InputError(f"job function {path!r} is not a Kota Cerdas domain service")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _reporter(job_id: int) -> Callable[[float, str], None]:
    def report(fraction: float, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(progress=max(0.0, min(1.0, fraction)), message=message[:300])

    return report


def run(job_id: int) -> Job:
    """Run a queued job now, in this thread; failures are stored on the job, not raised."""
    Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(status=Job.Status.RUNNING)
    job = Job.objects.get(pk=job_id)
    try:
        result = _resolve(job.function)(progress=_reporter(job_id), **job.arguments)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.DONE, progress=1.0, result=result, finished_at=timezone.now()
        )
    except KotaCerdasError as exc:
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, error=exc.to_dict(), message=str(exc)[:300], finished_at=timezone.now()
        )
    except Exception as exc:  # a bug in a service must not kill the worker silently
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED,
            message=f"{type(exc).__name__}: {exc}"[:300],
            finished_at=timezone.now(),
            error={
                "code": "internal",
                "message": str(exc),
                "file": None,
                "row": None,
                "column": None,
                "hint": None,
            },
        )
    job.refresh_from_db()
    return job


def job_actor(actor_id: int | None) -> Any:
    """The user a job acts for, from the id stored in its JSON arguments (None: the system)."""
    from django.contrib.auth import get_user_model  # local import: the user model is resolved late

    return get_user_model().objects.filter(pk=actor_id).first() if actor_id else None


def _thread_main(job_id: int) -> None:
    close_old_connections()
    try:
        run(job_id)
    finally:
        connections.close_all()


def submit(
    *, actor: Any, kind: str, function: str, arguments: dict[str, Any], start: bool = True
) -> tuple[Job, threading.Thread | None]:
    """Queue a job and (by default) start it on a worker thread once the current transaction commits."""
    _resolve(function)
    job = Job.objects.create(
        kind=kind,
        function=function,
        arguments=arguments,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(actor=actor, action="job.submit", target=job, summary=f"{kind}: {function}")
    if not start:
        return job, None
    thread = threading.Thread(
        target=_thread_main, args=(job.pk,), name=f"kotacerdas-job-{job.pk}", daemon=True
    )
    transaction.on_commit(thread.start)
    return job, thread
