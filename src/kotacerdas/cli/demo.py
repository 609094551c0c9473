"""``kotacerdas demo``: the platform with demo data at http://127.0.0.1:8000.

Sets up the embedded default (SQLite under ``var/``), migrates, loads the demo (514 regions, users per
role, a clearly labelled synthetic readiness data set, the screening index with uncertainty, a selection,
the real 2017–2019 cohorts with synthetic guidance progress, masterplans, quick wins and assessment
rounds), prints the top of the ranking, the URL and the logins, then serves (with the job worker).
"""

from __future__ import annotations

from pathlib import Path

import click

from kotacerdas.cli.server import default_workers, run_server
from kotacerdas.cli.webapp import setup


@click.command()
@click.option(
    "--boundaries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="GeoJSON of the kab/kota boundaries keyed by Kemendagri code (else the map shows province tiles).",
)
@click.option("--seed", type=int, default=2017, show_default=True, help="seed of the synthetic demo data")
@click.option("--addr", default="127.0.0.1:8000", show_default=True, help="address:port to serve on")
@click.option("--no-serve", is_flag=True, help="load the demo and exit without serving")
@click.option("--workers", type=click.IntRange(min=1), default=default_workers, show_default="CPUs + 1")
def demo(boundaries: Path | None, seed: int, addr: str, no_serve: bool, workers: int) -> None:
    """Load the demo into the configured database and serve the platform."""
    setup()
    # local imports: Django models and settings can only be imported after django.setup(); --help need not
    from django.core.management import call_command

    from kotacerdas.demo.guard import refuse_production
    from kotacerdas.demo.loader import load_demo

    refuse_production()  # before migrating: never touch a production database
    click.echo("Kota Cerdas demo: migrating the database …")
    call_command("migrate", interactive=False, verbosity=0)
    summary = load_demo(seed=seed, boundaries=boundaries, echo=click.echo)
    for line in summary.login_lines():
        click.echo(line)
    click.echo(f"\nOpen http://{addr}/ and log in with one of the accounts above (public pages need none).")
    if no_serve:
        return
    click.echo("Serving (Ctrl+C to stop) …")
    run_server(addr, workers=workers, dev=False)
