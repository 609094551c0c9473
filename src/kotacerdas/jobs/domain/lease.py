"""A running job's lease: a thread of the worker that renews it and writes progress on its own connection.

The job function may hold a long transaction (an import is all-or-nothing); progress written through
that transaction would stay invisible until it commits. So the job's reporter only records the latest
fraction here, and this thread writes it, with the heartbeat, through its own database connection.
When the update finds that the attempt is no longer running (cancelled, failed by the stale-job
sweep, or superseded by a retry), the lease is lost and the job stops at its next progress report.
"""

from __future__ import annotations

import threading

from django.db import DatabaseError, connections
from django.utils import timezone

from kotacerdas.accounts.domain.wording import Wordable
from kotacerdas.jobs.domain.messages import message_fields
from kotacerdas.jobs.models import Job

#: at most one progress write per this many seconds (a fast loop must not flood the database)
MIN_WRITE_INTERVAL = 0.25


class JobStopped(Exception):
    """Raised inside a job whose attempt was cancelled or taken over, to unwind its transaction."""


class Lease:
    """Renews the lease of attempt ``attempt`` of job ``job_id`` every ``seconds / 4`` until stopped."""

    def __init__(self, job_id: int, attempt: int, seconds: float) -> None:
        self.job_id, self.attempt, self.beat = job_id, attempt, seconds / 4
        self.lost = False
        self._pending: tuple[float, Wordable] | None = None
        self._lock = threading.Lock()
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"kotacerdas-lease-{job_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop renewing and wait for the thread (it writes the last progress first)."""
        self._stop.set()
        self._wake.set()
        self._thread.join()

    def report(self, fraction: float, message: Wordable = "") -> None:
        """The job's progress callback: remember the latest value; stop the job if the lease is lost.

        The message is worded in each language when it is written (only the latest one is).
        """
        if self.lost:
            raise JobStopped(f"job {self.job_id} attempt {self.attempt} no longer holds its lease")
        with self._lock:
            self._pending = (max(0.0, min(1.0, fraction)), message)
        self._wake.set()

    def _loop(self) -> None:
        try:
            while True:
                self._renew()
                if self._stop.is_set():
                    return
                self._wake.wait(self.beat)
                self._wake.clear()
                self._stop.wait(MIN_WRITE_INTERVAL)
        finally:
            connections.close_all()  # this thread's own connection

    def _renew(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, None
        fields: dict[str, object] = {"heartbeat_at": timezone.now()}
        if pending is not None:
            fields["progress"] = pending[0]
            fields.update(message_fields(pending[1]))
        try:
            renewed = Job.objects.filter(
                pk=self.job_id, attempt=self.attempt, status=Job.Status.RUNNING
            ).update(**fields)
        except DatabaseError:  # e.g. SQLite locked past its timeout by the job's own transaction
            with self._lock:
                self._pending = self._pending or pending  # keep it for the next beat
            return
        if not renewed:
            self.lost = True
