"""The backup zip: ``manifest.json``, ``data.json`` (every row, exact to the microsecond) and ``media/``.

``manifest.json`` records the format, the database it came from, the row count of every model and the
SHA-256 of every uploaded file, so a restore can prove it loaded everything and nothing was damaged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

from kotacerdas.errors import InputError, Location

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
MEDIA = "media/"
#: rebuilt by ``migrate`` on the target, or worthless in a restored database
EXCLUDED_MODELS = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder keeps only milliseconds of a time (ECMA-262); a backup keeps all six digits."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupSerializer(JSONSerializer):
    """Django's JSON serializer with exact times; natural keys only towards the tables ``migrate`` rebuilds.

    Content types and permissions get new ids in the restored database, so rows point at them by
    natural key; every other relation keeps its primary key (no query per row, no ambiguity).
    """

    def handle_fk_field(self, obj: Any, field: Any) -> None:
        self.use_natural_foreign_keys = label(field.remote_field.model) in EXCLUDED_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        self.use_natural_foreign_keys = label(field.remote_field.model) in EXCLUDED_MODELS
        super().handle_m2m_field(obj, field)


def backed_up_models() -> list[Any]:
    """Every concrete model with rows worth keeping, parents before the rows that refer to them."""
    from django.apps import apps  # local import: after django.setup()
    from django.core.serializers import sort_dependencies

    app_list = {config: None for config in apps.get_app_configs()}
    return [
        model
        for model in sort_dependencies(app_list.items(), allow_cycles=True)
        if model._meta.label_lower not in EXCLUDED_MODELS and not model._meta.proxy and model._meta.managed
    ]


def label(model: Any) -> str:
    """``app_label.modelname``, the key of a model in the manifest."""
    return str(model._meta.label_lower)


def write_backup(target: Path, *, using: str = "default", media_root: Path | None = None) -> dict[str, Any]:
    """Write one consistent snapshot of database ``using`` and the uploads to ``target``; returns the manifest."""
    from django.conf import settings  # local import: Django is set up by the command first
    from django.db import connections

    from kotacerdas.cli.backup_snapshot import consistent_snapshot

    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="kotacerdas-backup-") as tmp:
        data_path = Path(tmp) / DATA
        with consistent_snapshot(using) as alias, data_path.open("w", encoding="utf-8") as stream:
            stream.write("[")
            first = True
            for model in backed_up_models():
                rows = model._base_manager.using(alias).order_by(model._meta.pk.name)
                count = 0
                for chunk in _chunks(rows.iterator(chunk_size=2000), 2000):
                    text = BackupSerializer().serialize(chunk, cls=ExactJSONEncoder)[1:-1]
                    if text:
                        stream.write(("" if first else ",") + text)
                        first = False
                    count += len(chunk)
                counts[label(model)] = count
            stream.write("]")
            vendor = connections[alias].vendor
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(),
            "database": vendor,
            "counts": counts,
            "media": {},
        }
        # files after the snapshot: every file a snapshot row names was written before that row committed
        partial = Path(tmp) / "backup.zip"  # moved into place only when complete
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(data_path, DATA)
            for path in sorted(media.rglob("*")) if media.is_dir() else []:
                try:
                    content = path.read_bytes() if path.is_file() else None
                except FileNotFoundError:  # deleted while we were copying: no snapshot row needs it
                    content = None
                if content is None:
                    continue
                name = path.relative_to(media).as_posix()
                archive.writestr(MEDIA + name, content)
                manifest["media"][name] = hashlib.sha256(content).hexdigest()
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
        try:
            shutil.move(partial, target)
        except OSError as exc:
            raise InputError(
                f"the backup could not be written ({exc.strerror or exc})",
                location=Location(file=str(target)),
            ) from exc
    return manifest


def _chunks(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
