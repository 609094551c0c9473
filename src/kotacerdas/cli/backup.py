"""``kotacerdas backup FILE`` / ``kotacerdas restore FILE``: the whole database and uploads in one zip."""

from __future__ import annotations

import io
from pathlib import Path

import click

from kotacerdas.cli.webapp import setup
from kotacerdas.errors import InputError, Location, StateError

EXCLUDE = ["contenttypes", "auth.permission", "sessions"]
DATA = "data.json"
MEDIA = "media/"


def write_backup(target: Path) -> int:
    """Dump every table and the uploaded files into ``target``; returns the number of files stored."""
    import zipfile  # here: with bz2 and lzma it is slow enough to matter to `kotacerdas --help`

    # Imported here: --help and the engine commands need not load Django (set up by setup() first).
    from django.conf import settings
    from django.core.management import call_command

    buffer = io.StringIO()
    call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, stdout=buffer, indent=None)
    media_root = Path(settings.MEDIA_ROOT)
    files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.is_dir() else []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DATA, buffer.getvalue())
        for path in files:
            archive.write(path, MEDIA + path.relative_to(media_root).as_posix())
    return len(files)


def read_backup(source: Path, *, replace: bool) -> int:
    """Load a backup into the database (which must be empty unless ``replace``); returns objects loaded."""
    import zipfile  # here: with bz2 and lzma it is slow enough to matter to `kotacerdas --help`

    # Imported here: --help and the engine commands need not load Django (set up by setup() first).
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from kotacerdas.regions.models import Region

    if not zipfile.is_zipfile(source):
        raise InputError("not a Kota Cerdas backup (zip)", location=Location(file=str(source)))
    call_command("migrate", interactive=False, verbosity=0)
    if Region.objects.exists() and not replace:
        raise StateError("the database is not empty", hint="pass --replace to wipe it and restore the backup")
    with zipfile.ZipFile(source) as archive:
        if DATA not in archive.namelist():
            raise InputError(f"the backup has no {DATA}", location=Location(file=str(source)))
        fixture = Path(settings.DATA_DIR) / "restore-fixture.json"
        fixture.write_bytes(archive.read(DATA))
        try:
            with transaction.atomic():
                if replace:
                    call_command("flush", interactive=False, verbosity=0)
                out = io.StringIO()
                call_command("loaddata", str(fixture), stdout=out, verbosity=1)
        finally:
            fixture.unlink()
        media_root = Path(settings.MEDIA_ROOT)
        for name in archive.namelist():
            if name.startswith(MEDIA) and not name.endswith("/"):
                relative = Path(name[len(MEDIA) :])
                if ".." in relative.parts or relative.is_absolute():
                    raise InputError(
                        f"unsafe path {name!r} in the backup", location=Location(file=str(source))
                    )
                target = media_root / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    words = out.getvalue().split()
    return int(words[1]) if len(words) > 1 and words[1].isdigit() else 0


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Write the database and uploaded documents to FILE (a zip)."""
    setup()
    count = write_backup(file)
    click.echo(f"backup written to {file} ({count} uploaded files)")
