"""Periodic work on the worker: every registered periodic task runs when due, on one worker at a time.

A :class:`kotacerdas.jobs.models.PeriodicRun` row per task holds when it last ran; a worker claims a due
run with one conditional update, so two workers never run the same task twice in one interval.
Tasks run on the scheduler's own thread, beside the job the worker may be running, so a long job never
delays the stale-job sweep.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import DatabaseError, IntegrityError, connections, transaction
from django.utils import timezone

from kotacerdas.jobs.models import PeriodicRun
from kotacerdas.jobs.registry import PeriodicTask, periodic_tasks

logger = logging.getLogger(__name__)


def _claim(task: PeriodicTask, now: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            _, created = PeriodicRun.objects.get_or_create(name=task.name, defaults={"last_run_at": now})
    except IntegrityError:  # another worker created it first
        return False
    if created:
        return True
    due = now - task.interval()
    return bool(PeriodicRun.objects.filter(name=task.name, last_run_at__lte=due).update(last_run_at=now))


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Run the periodic tasks that are due now; the names run (a failing task is logged and kept)."""
    now = now or timezone.now()
    ran = []
    for task in periodic_tasks():
        if not _claim(task, now):
            continue
        try:
            task.func()
            error = ""
        except Exception as exc:  # one failing task must not stop the others or the worker
            logger.exception("periodic task %s failed", task.name)
            error = f"{type(exc).__name__}: {exc}"
        PeriodicRun.objects.filter(name=task.name).update(last_error=error[:2000])
        ran.append(task.name)
    return ran


def tick_seconds() -> float:
    """How often the scheduler looks for due tasks: half the shortest interval, within 0.5–30 s."""
    shortest = min((t.interval().total_seconds() for t in periodic_tasks()), default=60.0)
    return max(0.5, min(30.0, shortest / 2))


class Scheduler:
    """The scheduler thread of a worker process."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kotacerdas-scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    run_due()
                except DatabaseError:  # e.g. SQLite busy past its timeout: try again next tick
                    logger.warning("scheduler tick skipped: database busy", exc_info=True)
                self._stop.wait(tick_seconds())
        finally:
            connections.close_all()
