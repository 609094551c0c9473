"""``kotacerdas serve``: migrate, then run the platform at http://127.0.0.1:8000 with its job worker."""

from __future__ import annotations

import click

from kotacerdas.cli.server import default_workers, run_server
from kotacerdas.cli.webapp import setup


@click.command()
@click.option("--addr", default="127.0.0.1:8000", show_default=True, help="address:port to listen on")
@click.option("--no-migrate", is_flag=True, help="skip applying database migrations first")
@click.option("--workers", type=click.IntRange(min=1), default=default_workers, show_default="CPUs + 1")
@click.option("--dev", is_flag=True, help="Django's single-process development server instead of gunicorn")
@click.option("--no-worker", is_flag=True, help="do not start the job worker (run `kotacerdas worker` elsewhere)")
def serve(addr: str, no_migrate: bool, workers: int, dev: bool, no_worker: bool) -> None:
    """Run the web platform (UI at /, API at /api/) on the configured database."""
    setup()
    from django.core.management import call_command  # here: needs setup(); --help need not load Django

    if not no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    click.echo(f"Kota Cerdas at http://{addr}/ (Ctrl+C to stop)")
    run_server(addr, workers=workers, dev=dev, job_worker=not no_worker)
