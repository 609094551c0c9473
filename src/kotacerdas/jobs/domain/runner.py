"""Queueing jobs and the one task the queue carries.

A job names a registered job function (:mod:`kotacerdas.jobs.registry`); :func:`enqueue` stores the
job and puts ``run_job(job_id, attempt)`` on the django-tasks queue in the same transaction, so the
worker process (``kotacerdas worker``) sees both or neither. :func:`run` runs a job synchronously in
this thread (tests, the CLI).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy
from django_tasks import task

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.jobs.domain import execute
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.registry import JobFunction, lookup

run = execute.run


@task()
def run_job(job_id: int, attempt: int) -> str:
    """The queue's task: run attempt ``attempt`` of job ``job_id`` in this worker; its final status."""
    return execute.run(job_id, attempt=attempt).status


def send(job: Job) -> None:
    """Put the job's current attempt on the queue (call inside the transaction that queued it)."""
    result = run_job.enqueue(job.pk, job.attempt)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)


def enqueue(
    *, actor: Any, function: JobFunction | str, arguments: dict[str, Any], kind: str | None = None
) -> Job:
    """Store a job for the registered ``function`` and queue it for the worker (audited)."""
    target = function if isinstance(function, JobFunction) else lookup(function)
    with transaction.atomic():
        job = _create(actor, target, arguments, kind)
        send(job)
    return job


def _create(actor: Any, target: JobFunction, arguments: dict[str, Any], kind: str | None) -> Job:
    job = Job.objects.create(
        kind=kind or target.name,
        function=target.name,
        arguments=arguments,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        actor=actor,
        action="job.submit",
        target=job,
        summary=wording(gettext_lazy("%(kind)s diantrekan"), kind=job.kind_label),
        data={"function": target.name},
    )
    return job


def submit(
    *, actor: Any, kind: str, function: JobFunction | str, arguments: dict[str, Any], start: bool = True
) -> tuple[Job, None]:
    """Compatible form of :func:`enqueue`: ``(job, None)``; ``start=False`` stores it without queueing."""
    if start:
        return enqueue(actor=actor, function=function, arguments=arguments, kind=kind), None
    target = function if isinstance(function, JobFunction) else lookup(function)
    return _create(actor, target, arguments, kind), None
