"""The worker process (``kotacerdas worker``): runs queued jobs and the periodic tasks.

The queue loop is django-tasks-db's worker (it claims a task with ``SELECT … FOR UPDATE SKIP LOCKED``,
or an exclusive transaction on SQLite, so several workers may share one database). Around it this
module adds what Kota Cerdas needs: a lease per running job (:mod:`kotacerdas.jobs.domain.lease`), a
stale-job sweep at start-up, and the scheduler thread (:mod:`kotacerdas.jobs.scheduler`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kotacerdas.jobs.domain import execute
from kotacerdas.jobs.domain.sweep import sweep_stale
from kotacerdas.jobs.scheduler import Scheduler


def new_worker_id() -> str:
    return f"w-{get_random_string(12)}"


def run_worker(
    *,
    worker_id: str | None = None,
    interval: float = 1.0,
    batch: bool = False,
    max_tasks: int | None = None,
    scheduler: bool = True,
    lease: bool = True,
    signals: bool = True,
) -> None:
    """Run jobs until stopped (SIGINT/SIGTERM finish the running job first; a second signal aborts it).

    ``batch`` stops once the queue is empty (tests run queued jobs in-process with
    ``run_worker(batch=True, scheduler=False, lease=False, signals=False)``).
    """
    execute.CONTEXT.worker_id = worker_id or new_worker_id()
    execute.CONTEXT.lease = lease
    sweep_stale()
    loop = Worker(
        queue_names=["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id=execute.CONTEXT.worker_id,
        excluded_queue_names=[],
    )
    ticker = Scheduler() if scheduler else None
    if ticker:
        ticker.start()
    if signals:
        loop.configure_signals()
    try:
        loop.run()
    finally:
        if ticker:
            ticker.stop()
        execute.CONTEXT.worker_id, execute.CONTEXT.lease = "inline", False


def run_queued() -> int:
    """Run every ready task in this thread, without the loop's connection recycling; the number run.

    For tests and one-off use inside a transaction (``run_worker`` closes old connections each turn).
    """
    loop = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=execute.CONTEXT.worker_id,
        excluded_queue_names=[],
    )
    count = 0
    while True:
        with transaction.atomic():
            task = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if task is None:
                return count
            task.claim(loop.worker_id)
        loop.run_task(task)
        count += 1
