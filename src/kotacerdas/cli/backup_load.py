"""Restore a backup zip: all of it or nothing, every refusal a sentence naming the backup and the fix.

Order: check the archive (zip, manifest, file checksums, safe names) → stage the uploads beside the
media folder → load every row in one transaction (flushing first with ``replace``), check every
foreign key and the row count of every model against the manifest → only then move the uploads in.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from django.core import serializers
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connections, transaction

from kotacerdas.cli.backup_archive import DATA, FORMAT, MANIFEST, MEDIA, backed_up_models, label
from kotacerdas.errors import ConfigError, InputError, Location, StateError


def read_backup(
    source: Path, *, replace: bool, using: str = "default", media_root: Path | None = None
) -> int:
    """Load backup ``source`` into database ``using`` (empty unless ``replace``); returns rows loaded."""
    from django.conf import settings  # local import: Django is set up by the command first

    where = Location(file=str(source))
    if not zipfile.is_zipfile(source):
        raise InputError("not a Kota Cerdas backup (zip)", location=where)
    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    try:
        with zipfile.ZipFile(source) as archive:
            return _restore(archive, media, replace=replace, using=using, where=where)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"the backup is damaged ({exc}); nothing was restored", location=where) from exc


def _restore(archive: zipfile.ZipFile, media: Path, *, replace: bool, using: str, where: Location) -> int:
    from django.core.management import call_command  # local import: Django is set up by the command first

    manifest = _manifest(archive, where)
    try:
        call_command("migrate", interactive=False, verbosity=0, database=using)
    except DatabaseError as exc:
        raise ConfigError(
            f"the database could not be prepared for the restore ({_first_line(exc)})",
            hint="check KOTACERDAS_DATABASE_URL and that the server is running",
        ) from exc
    models = backed_up_models()
    if not replace and any(m._base_manager.using(using).exists() for m in models):
        raise StateError(
            "the database is not empty, so the backup was not restored",
            hint="pass --replace to wipe it and restore the backup",
        )
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=media.parent) as staging:
        files = _stage_media(archive, manifest, Path(staging), where)
        data = archive.read(DATA)
        count = _load_rows(data, models, manifest, replace=replace, using=using, where=where)
        for relative in files:  # the rows are committed: now the uploads they name
            target = media / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(Path(staging) / relative), target)
    return count


def _manifest(archive: zipfile.ZipFile, where: Location) -> dict[str, Any]:
    names = set(archive.namelist())
    if DATA not in names:
        raise InputError(f"the backup has no {DATA}, so it is not a Kota Cerdas backup", location=where)
    if MANIFEST not in names:  # backups made before manifests existed: nothing to check against
        return {"format": FORMAT, "counts": None, "media": None}
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"the backup's {MANIFEST} is damaged ({exc})", location=where) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(
            f"the backup has format {manifest.get('format') if isinstance(manifest, dict) else '?'}, "
            f"this version of Kota Cerdas reads format {FORMAT}",
            location=where,
            hint="restore it with the version of Kota Cerdas that made it",
        )
    return manifest


def _stage_media(
    archive: zipfile.ZipFile, manifest: dict[str, Any], staging: Path, where: Location
) -> list[Path]:
    expected = manifest.get("media")
    files: list[Path] = []
    for name in archive.namelist():
        if not name.startswith(MEDIA) or name.endswith("/"):
            continue
        relative = PurePosixPath(name[len(MEDIA) :])
        if ".." in relative.parts or relative.is_absolute():
            raise InputError(
                f"the backup holds an unsafe file name {name!r}; nothing was restored", location=where
            )
        try:
            content = archive.read(name)
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(
                f"the uploaded file {name!r} in the backup is damaged ({exc})", location=where
            ) from exc
        if expected is not None and expected.get(relative.as_posix()) != hashlib.sha256(content).hexdigest():
            raise InputError(
                f"the uploaded file {name!r} does not match the checksum the backup recorded; "
                "the backup is damaged and nothing was restored",
                location=where,
            )
        path = staging / Path(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        files.append(Path(*relative.parts))
    missing = set(expected or ()) - {p.as_posix() for p in files}
    if missing:
        raise InputError(
            f"the backup lacks {len(missing)} uploaded file(s) its manifest lists, e.g. {sorted(missing)[0]!r}; "
            "nothing was restored",
            location=where,
        )
    return files


def _load_rows(
    data: bytes, models: list[Any], manifest: dict[str, Any], *, replace: bool, using: str, where: Location
) -> int:
    from django.core.management import call_command  # local import: Django is set up by the command first
    from django.core.management.color import no_style

    connection = connections[using]
    count = 0
    try:
        with transaction.atomic(using=using):
            if replace:
                call_command("flush", interactive=False, verbosity=0, database=using)
            with connection.constraint_checks_disabled():
                deferred = []
                for item in serializers.deserialize(
                    "json", data, using=using, handle_forward_references=True
                ):
                    item.save(using=using)
                    if item.deferred_fields:
                        deferred.append(item)
                    count += 1
                for item in deferred:
                    item.save_deferred_fields(using=using)
            connection.check_constraints(table_names=[m._meta.db_table for m in models])
            _check_counts(models, manifest, using, where)
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
    except DeserializationError as exc:
        raise InputError(
            f"the backup's rows could not be read ({_first_line(exc)}); nothing was restored",
            location=where,
            hint="it may come from another version of Kota Cerdas or be damaged",
        ) from exc
    except DatabaseError as exc:  # IntegrityError included: a row refers to a row the backup lacks
        raise InputError(
            f"the backup's rows are inconsistent ({_first_line(exc)}); nothing was restored",
            location=where,
        ) from exc
    return count


def _check_counts(models: list[Any], manifest: dict[str, Any], using: str, where: Location) -> None:
    expected = manifest.get("counts")
    if expected is None:
        return
    for model in models:
        found = model._base_manager.using(using).count()
        if found != expected.get(label(model), 0):
            raise InputError(
                f"the backup records {expected.get(label(model), 0)} rows of {label(model)} "
                f"but {found} were loaded; nothing was restored",
                location=where,
            )


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
