"""Hot backups: 10 backups taken while a writer keeps inserting rows and uploads all restore, exactly.

The source is a fresh SQLite *file* or PostgreSQL database beside the test one; each backup is
restored into a second, separate database of the same kind. The writer inserts a
dataset, its 20 values, an audit event and every fifth time a book file, in one transaction each, and
never deletes, so a consistent snapshot is exactly a prefix of the source's rows: the check compares
every table of the restored database with the source's rows up to the restored highest id.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connections, transaction

from kotacerdas.accounts.models import AuditEvent
from kotacerdas.cli.backup_archive import backed_up_models, write_backup
from kotacerdas.cli.backup_load import read_backup
from kotacerdas.config.environment import SQLITE_OPTIONS
from kotacerdas.programme.models import Cohort, Document, Participation, Programme
from kotacerdas.regions.models import Dataset, DatasetValue, Region

BACKUPS = 10
VALUES_PER_DATASET = 20
PAUSE = 0.05  # seconds between rounds of 22+ rows: a few hundred rows/s (the issue measured 146)


def _add_alias(alias: str, **overrides: Any) -> str:
    connections.settings[alias] = {**connections.settings["default"], **overrides}
    return alias


def _drop_alias(alias: str) -> None:
    connections[alias].close()
    del connections[alias]
    del connections.settings[alias]


@pytest.fixture
def databases_pair(
    django_db_setup: None, django_db_blocker: Any, tmp_path: Path
) -> Iterator[tuple[str, str]]:
    """(source alias, restore-target alias): two fresh databases of the vendor under test.

    Both are separate from the test database, so the writer thread needs no test transaction.
    """
    with django_db_blocker.unblock():
        default = connections["default"]
        if default.vendor == "sqlite":
            names = {
                "hot_source": str(tmp_path / "source.sqlite3"),
                "hot_target": str(tmp_path / "target.sqlite3"),
            }
            for alias, name in names.items():
                _add_alias(alias, NAME=name, OPTIONS=SQLITE_OPTIONS)
        else:
            base = default.settings_dict["NAME"]
            names = {"hot_source": f"{base}_hot_source", "hot_target": f"{base}_hot_target"}
            with default.cursor() as cursor:
                for alias, name in names.items():
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    cursor.execute(f'CREATE DATABASE "{name}"')
                    _add_alias(alias, NAME=name)
        for alias in names:
            call_command("migrate", database=alias, verbosity=0)
        yield "hot_source", "hot_target"
        for alias in names:
            _drop_alias(alias)
        if default.vendor != "sqlite":
            with default.cursor() as cursor:
                for name in names.values():
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _world(using: str) -> Participation:
    region = Region.objects.using(using).create(
        code="63.71", name="Kota Banjarmasin", type="kota", province_code="63",
        province="Kalimantan Selatan", island_group="Kalimantan",
    )  # fmt: skip
    programme = Programme.objects.using(using).create(slug="gm100", name="GM100")
    cohort = Cohort.objects.using(using).create(
        programme=programme, year=2024, name="GM100 2024", target_size=25
    )
    return Participation.objects.using(using).create(cohort=cohort, region=region)


class Writer(threading.Thread):
    """Inserts related rows and uploads in a loop, one transaction per round, until stopped."""

    def __init__(self, using: str, participation: Participation) -> None:
        super().__init__(daemon=True)
        self.using, self.participation, self.rounds = using, participation, 0
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.wait(PAUSE):
                self._round(self.rounds)
                self.rounds += 1
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.error = exc
        finally:
            connections.close_all()

    def _round(self, i: int) -> None:
        with transaction.atomic(using=self.using):
            dataset = Dataset.objects.using(self.using).create(
                name=f"hot-{i}", version=1, source="test", year=2024, licence="CC-BY", file_name="hot.csv"
            )
            DatasetValue.objects.using(self.using).bulk_create(
                DatasetValue(
                    dataset=dataset, region=self.participation.region, indicator=f"x{k}", value=k + i / 7
                )
                for k in range(VALUES_PER_DATASET)
            )
            AuditEvent.objects.using(self.using).create(
                action="dataset.import", target_type="dataset", target_id=str(dataset.pk), summary=f"hot {i}"
            )
            if i % 5 == 0:
                content = f"%PDF-1.4\n% round {i}\n%%EOF\n".encode()
                Document(
                    participation=self.participation, book=1, version=i + 1, original_name="buku1.pdf",
                    size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                    file=ContentFile(content, name="buku1.pdf"),
                ).save(using=self.using)  # fmt: skip


def _consistent_with_source(source: str, target: str, source_media: Path, target_media: Path) -> None:
    for model in backed_up_models():
        pk = model._meta.pk.attname
        restored = set(model._base_manager.using(target).values_list(pk, flat=True))
        if not restored:
            continue
        top = max(restored)
        expected = set(
            model._base_manager.using(source).filter(**{f"{pk}__lte": top}).values_list(pk, flat=True)
        )
        assert restored == expected, model._meta.label
    for dataset in Dataset.objects.using(target).all():
        assert DatasetValue.objects.using(target).filter(dataset=dataset).count() == VALUES_PER_DATASET
    for doc in Document.objects.using(target).all():
        restored_sum = hashlib.sha256((target_media / doc.file.name).read_bytes()).hexdigest()
        assert (
            restored_sum
            == doc.sha256
            == hashlib.sha256((source_media / doc.file.name).read_bytes()).hexdigest()
        )


def test_ten_backups_taken_under_concurrent_writes_all_restore_exactly(databases_pair, settings, tmp_path):
    source, target = databases_pair
    settings.MEDIA_ROOT = source_media = tmp_path / "source-media"
    writer = Writer(source, _world(source))
    writer.start()
    archives = []
    try:
        for n in range(BACKUPS):
            before = writer.rounds
            archives.append(
                write_backup(tmp_path / f"hot-{n}.zip", using=source) and tmp_path / f"hot-{n}.zip"
            )
            while writer.rounds < before + 3 and writer.is_alive():  # writes went on during the backup
                writer.stop.wait(0.01)
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None, writer.error
    restored = 0
    datasets_seen = set()
    for n, archive in enumerate(archives):
        target_media = tmp_path / f"target-media-{n}"
        read_backup(archive, replace=True, using=target, media_root=target_media)
        _consistent_with_source(source, target, source_media, target_media)
        datasets_seen.add(Dataset.objects.using(target).count())
        restored += 1
    assert restored == BACKUPS
    print(
        f"hot backup ({connections[target].vendor}): {restored} of {BACKUPS} restored, "
        f"writer committed {writer.rounds} rounds ({writer.rounds * (VALUES_PER_DATASET + 2)} rows)"
    )
    assert len(datasets_seen) > 1  # the backups saw different moments: the writer really ran throughout
