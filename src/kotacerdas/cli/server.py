"""Running the web platform: gunicorn worker processes by default, Django's runserver with ``--dev``.

The web tier is stateless (sessions, jobs and files live in the database and the data folder), so
several worker processes share the load; static files are served by WhiteNoise in each worker. The job
worker (``kotacerdas worker``) runs beside them as a child process and stops with the server.
"""

from __future__ import annotations

import os
from typing import Any

import click

from kotacerdas.cli.worker_process import WorkerProcess


def default_workers() -> int:
    """One worker per CPU plus one, at least two: requests are CPU-bound Python."""
    return max(2, (os.cpu_count() or 1) + 1)


def run_server(addr: str, *, workers: int, dev: bool, job_worker: bool = True) -> None:
    """Serve the (already set-up and migrated) platform at ``addr`` until interrupted.

    With ``job_worker`` the background-job worker runs beside it and is stopped with it.
    """
    if not job_worker:
        _serve(addr, workers=workers, dev=dev)
        return
    click.echo("background jobs: one `kotacerdas worker` process beside the web server")
    with WorkerProcess():
        _serve(addr, workers=workers, dev=dev)


def _serve(addr: str, *, workers: int, dev: bool) -> None:
    from django.core.management import call_command  # local import: after django.setup()

    if dev:
        call_command("runserver", addr, use_reloader=False, insecure_serving=True)
        return
    # Imported here: only the production server needs gunicorn (and the WSGI handler).
    from django.core.wsgi import get_wsgi_application
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    application = get_wsgi_application()
    connections.close_all()  # never share a database connection across the fork

    class _Gunicorn(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": addr,
                "workers": workers,
                "timeout": 120,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    click.echo(f"{workers} worker processes (gunicorn); static files by WhiteNoise")
    _Gunicorn().run()
