"""Files a job owns (its uploads): kept while the job may be retried, removed when it ends for good."""

from __future__ import annotations

from django.core.files.storage import default_storage

from kotacerdas.errors import KotaCerdasError
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.registry import lookup

#: the storage folder of uploads waiting for their job
UPLOAD_DIR = "uploads"


def owned_files(job: Job) -> list[str]:
    """Storage names of the files ``job`` owns (the arguments its job function declares as uploads)."""
    try:
        names = lookup(job.function).uploads
    except KotaCerdasError:  # a job of a function no longer registered owns nothing we know of
        return []
    return [str(job.arguments[n]) for n in names if job.arguments.get(n)]


def missing_files(job: Job) -> list[str]:
    """The owned files that are no longer in storage (a retry cannot run without them)."""
    return [name for name in owned_files(job) if not default_storage.exists(name)]


def delete_files(job: Job) -> int:
    """Remove the files ``job`` owns; the number removed."""
    removed = 0
    for name in owned_files(job):
        if default_storage.exists(name):
            default_storage.delete(name)
            removed += 1
    return removed
