"""``kotacerdas worker``: run queued background jobs and the periodic tasks (see docs/platform.md)."""

from __future__ import annotations

import os
import signal
import threading

import click

from kotacerdas.cli.webapp import setup


def _exit_with(parent: int) -> None:
    """Stop this worker (gracefully, as SIGTERM does) once the process that started it is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(1.0)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="kotacerdas-parent-watch", daemon=True).start()


@click.command()
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="seconds between looks at an empty queue",
)
@click.option("--once", is_flag=True, help="run the jobs queued now, then exit (no periodic tasks)")
@click.option("--worker-id", help="this worker's id on its jobs (default: random)")
@click.option("--exit-with-parent", type=int, hidden=True, help="stop when this process id is gone")
def worker(interval: float, once: bool, worker_id: str | None, exit_with_parent: int | None) -> None:
    """Run background jobs (imports, index builds, uncertainty, selections) and periodic tasks.

    Several workers may share one database. Ctrl+C or SIGTERM lets the running job finish; a second
    one stops it (the job is failed and can be retried). `kotacerdas serve` starts one itself.
    """
    setup()
    from kotacerdas.jobs.worker import new_worker_id, run_worker  # local import: after django.setup()

    if exit_with_parent:
        _exit_with(exit_with_parent)
    worker_id = worker_id or new_worker_id()
    click.echo(f"Kota Cerdas worker {worker_id} (pid {os.getpid()}): waiting for jobs", err=True)
    run_worker(worker_id=worker_id, interval=interval, batch=once, scheduler=not once)
