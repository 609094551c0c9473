"""``kotacerdas restore FILE``: load a backup made by ``kotacerdas backup``, all of it or nothing."""

from __future__ import annotations

from pathlib import Path

import click

from kotacerdas.cli.webapp import setup


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="wipe the current database first")
def restore(file: Path, replace: bool) -> None:
    """Restore a backup FILE made by `kotacerdas backup` (into an empty database unless --replace)."""
    setup()
    from kotacerdas.cli.backup_load import read_backup  # local import: after django.setup()

    count = read_backup(file, replace=replace)
    click.echo(f"restored {count} objects from {file}")
