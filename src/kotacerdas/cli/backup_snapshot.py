"""One consistent moment of the database to back up, taken while the server keeps writing.

Reading table after table in autocommit mode (what ``dumpdata`` does) sees rows committed between two
tables: a child whose parent was not dumped, so the backup cannot be restored. Instead:

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the whole file in one step,
  which SQLite makes atomic; the dump then reads the copy at leisure.
- PostgreSQL: one ``REPEATABLE READ, READ ONLY`` transaction, so every table is read at the same
  snapshot (the same guarantee ``pg_dump`` relies on), without blocking writers.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kotacerdas.errors import ConfigError, StateError

SNAPSHOT_ALIAS = "kotacerdas_backup_snapshot"


@contextmanager
def consistent_snapshot(using: str = "default") -> Iterator[str]:
    """Yield a database alias whose every read sees one consistent moment of database ``using``."""
    from django.db import connections  # local import: after django.setup()

    vendor = connections[using].vendor
    if connections[using].in_atomic_block:  # the snapshot would not be of committed data only
        raise StateError("a backup cannot be taken inside a database transaction", hint="run it on its own")
    if vendor == "sqlite":
        with _sqlite_copy(using) as alias:
            yield alias
    elif vendor == "postgresql":
        with _repeatable_read(using):
            yield using
    else:
        raise ConfigError(
            f"backups of a {vendor} database are not supported", hint="use SQLite or PostgreSQL"
        )


@contextmanager
def _sqlite_copy(using: str) -> Iterator[str]:
    from django.db import connections  # local import: Django is set up by the command first
    from django.db.utils import load_backend

    source = connections[using]
    source.ensure_connection()
    with tempfile.TemporaryDirectory(prefix="kotacerdas-backup-") as tmp:
        copy_path = Path(tmp) / "snapshot.sqlite3"
        target = sqlite3.connect(copy_path)
        try:
            source.connection.backup(target)  # pages=-1: the whole database in one atomic step
        finally:
            target.close()
        settings = {**connections[using].settings_dict, "NAME": str(copy_path), "OPTIONS": {}}
        # a connection of its own, not a configured alias: it lives only as long as this backup
        snapshot = load_backend(settings["ENGINE"]).DatabaseWrapper(settings, SNAPSHOT_ALIAS)
        connections[SNAPSHOT_ALIAS] = snapshot
        try:
            yield SNAPSHOT_ALIAS
        finally:
            snapshot.close()
            del connections[SNAPSHOT_ALIAS]


@contextmanager
def _repeatable_read(using: str) -> Iterator[None]:
    from django.db import connections, transaction  # local import: Django is set up by the command first

    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            # must be the first statement of the transaction; the snapshot starts at the first read
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield
