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

#: seconds a gunicorn worker keeps its database connection (checked before reuse)
CONNECTION_AGE = 600


def keep_connections(_worker: Any = None) -> None:
    """Reuse the database connection across requests in this process (gunicorn's ``post_worker_init``).

    A sync worker serves one request at a time, so one connection per process is enough; opening it
    anew for every request (Django's default, ``CONN_MAX_AGE = 0``) costs about a millisecond of CPU
    with SQLite and more with PostgreSQL. Not for the development server: it starts a thread (and so a
    connection) per request.
    """
    from django.db import connections  # here: after django.setup(), in the forked worker

    for alias in connections:
        connections[alias].settings_dict.update(CONN_MAX_AGE=CONNECTION_AGE, CONN_HEALTH_CHECKS=True)


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
                "post_worker_init": keep_connections,
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    click.echo(f"{workers} worker processes (gunicorn); static files by WhiteNoise")
    _Gunicorn().run()
