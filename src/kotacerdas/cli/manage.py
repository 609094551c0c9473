"""``kotacerdas manage ARGS…``: Django's management commands (migrate, createsuperuser, load_demo, …)."""

from __future__ import annotations

import click

from kotacerdas.cli.webapp import setup


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []}
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (migrate, createsuperuser, shell, …) with ARGS."""
    setup()
    # Imported here: needs setup() first, and --help need not load Django.
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kotacerdas manage", *args])
