"""``kotacerdas backup FILE``: one consistent snapshot of the database and the uploads in one zip.

The work lives in :mod:`kotacerdas.cli.backup_snapshot` (the consistent moment),
:mod:`kotacerdas.cli.backup_archive` (the zip format) and :mod:`kotacerdas.cli.backup_load` (restore).
"""

from __future__ import annotations

from pathlib import Path

import click

from kotacerdas.cli.webapp import setup


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Write the database and uploaded documents to FILE (a zip), consistent even while the server writes."""
    setup()
    from kotacerdas.cli.backup_archive import write_backup  # local import: after django.setup()

    manifest = write_backup(file)
    rows = sum(manifest["counts"].values())
    click.echo(f"backup written to {file} ({rows} rows, {len(manifest['media'])} uploaded files)")
