"""``kotacerdas backup`` / ``restore`` round trip, through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from click.testing import CliRunner

from kotacerdas.accounts.models import AuditEvent, User
from kotacerdas.cli import cli, main
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Document, Participation
from kotacerdas.regions.models import Region
from tests.platform import factories as f


@pytest.fixture(autouse=True)
def own_media(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Backups read and restores write the media folder: keep it inside the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_the_same_rows_and_files(users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    p = f.participation("63.71", state=State.BOOKS_SUBMITTED)
    before = {
        "participations": list(Participation.objects.values_list("region__code", "state")),
        "users": sorted(User.objects.values_list("username", "role")),
        "audit": AuditEvent.objects.count(),
        "documents": sorted(Document.objects.values_list("book", "version", "sha256")),
    }
    archive = tmp_path / "kc.zip"
    result = CliRunner().invoke(cli, ["backup", str(archive)])
    assert result.output.startswith(f"backup written to {archive} (") and result.output.endswith(
        " rows, 4 uploaded files)\n"
    )

    f.participation("32.73", state=State.SELECTED, the_cohort=p.cohort)
    assert main(["restore", str(archive)]) == 2  # refused: the database is not empty
    (tmp_path / "media").rename(tmp_path / "old-media")
    result = CliRunner().invoke(cli, ["restore", "--replace", str(archive)])
    assert result.exit_code == 0, result.output
    after = {
        "participations": list(Participation.objects.values_list("region__code", "state")),
        "users": sorted(User.objects.values_list("username", "role")),
        "audit": AuditEvent.objects.count(),
        "documents": sorted(Document.objects.values_list("book", "version", "sha256")),
    }
    assert after == before
    assert Region.objects.count() == 1
    restored = Document.objects.get(book=4)
    assert (tmp_path / "media" / restored.file.name).read_bytes() == f.PDF


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, capsys):
    bogus = tmp_path / "x.zip"
    bogus.write_text("not a zip")
    assert main(["restore", str(bogus)]) == 2
    assert capsys.readouterr().err == f"Error [input]: {bogus}: not a Kota Cerdas backup (zip)\n"


def _rewrite(archive, target, **replacements: bytes) -> None:
    """Copy the zip ``archive`` to ``target`` with some members' contents replaced."""
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, replacements.get(name, old.read(name)))


@pytest.mark.django_db(transaction=True)
def test_restore_keeps_every_timestamp_to_the_microsecond(users, tmp_path):
    from kotacerdas.regions.models import Dataset

    for us in (1, 123456, 999999, 500000):
        dataset = Dataset.objects.create(
            name=f"d{us}", version=1, source="s", year=2024, licence="l", file_name="d.csv"
        )
        Dataset.objects.filter(pk=dataset.pk).update(
            imported_at=dt.datetime(2026, 3, 1, 8, 0, 0, us, tzinfo=dt.UTC)
        )
    before = (
        dict(AuditEvent.objects.values_list("pk", "at")),
        dict(Dataset.objects.values_list("pk", "imported_at")),
    )
    assert {d.microsecond for d in before[1].values()} == {1, 123456, 999999, 500000}
    archive = tmp_path / "kc.zip"
    assert main(["backup", str(archive)]) == 0
    assert main(["restore", "--replace", str(archive)]) == 0
    after = (
        dict(AuditEvent.objects.values_list("pk", "at")),
        dict(Dataset.objects.values_list("pk", "imported_at")),
    )
    assert after == before and len(after[0]) >= 3


@pytest.mark.django_db(transaction=True)
def test_an_inconsistent_backup_is_refused_in_a_sentence_and_nothing_changes(
    users, settings, tmp_path, capsys
):
    settings.MEDIA_ROOT = tmp_path / "media"
    f.participation("63.71", state=State.BOOKS_SUBMITTED)
    archive = tmp_path / "kc.zip"
    assert main(["backup", str(archive)]) == 0
    rows = json.loads(zipfile.ZipFile(archive).read("data.json"))
    dangling = [
        row for row in rows if row["model"] != "programme.participation"
    ]  # documents lose their parent
    broken = tmp_path / "broken.zip"
    _rewrite(archive, broken, **{"data.json": json.dumps(dangling).encode()})
    (tmp_path / "media").rename(tmp_path / "old-media")
    users_before = sorted(User.objects.values_list("username", flat=True))
    capsys.readouterr()

    assert main(["restore", "--replace", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error [input]: {broken}: the backup's rows are inconsistent (")
    assert err.endswith("; nothing was restored\n") and "Traceback" not in err
    assert sorted(User.objects.values_list("username", flat=True)) == users_before  # not flushed
    assert Participation.objects.count() == 1
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.pdf"))


@pytest.mark.django_db(transaction=True)
def test_a_damaged_upload_in_the_backup_is_refused_before_anything_is_loaded(
    users, settings, tmp_path, capsys
):
    settings.MEDIA_ROOT = tmp_path / "media"
    f.participation("63.71", state=State.BOOKS_SUBMITTED)
    archive = tmp_path / "kc.zip"
    assert main(["backup", str(archive)]) == 0
    book = next(n for n in zipfile.ZipFile(archive).namelist() if n.endswith(".pdf"))
    damaged = tmp_path / "damaged.zip"
    _rewrite(archive, damaged, **{book: b"%PDF-1.4 changed"})
    capsys.readouterr()
    assert main(["restore", "--replace", str(damaged)]) == 2
    assert capsys.readouterr().err == (
        f"Error [input]: {damaged}: the uploaded file {book!r} does not match the checksum the backup "
        "recorded; the backup is damaged and nothing was restored\n"
    )
    assert Participation.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_restoring_into_a_database_with_data_is_refused_without_replace(users, tmp_path, capsys):
    archive = tmp_path / "kc.zip"
    assert main(["backup", str(archive)]) == 0
    capsys.readouterr()
    assert main(["restore", str(archive)]) == 2
    assert capsys.readouterr().err == (
        "Error [state]: the database is not empty, so the backup was not restored "
        "(pass --replace to wipe it and restore the backup)\n"
    )


@pytest.mark.parametrize(
    ("member", "content", "message"),
    [
        ("data.json", b'[{"model": "regions.region", "pk": 1, "fie', "the backup's rows could not be read ("),
        (
            "data.json",
            b'[{"model": "nowhere.thing", "pk": 1, "fields": {}}]',
            "the backup's rows could not be read (",
        ),
        ("manifest.json", b"{not json", "the backup's manifest.json is damaged ("),
        (
            "manifest.json",
            b'{"format": 99}',
            "the backup has format 99, this version of Kota Cerdas reads format 1",
        ),
        ("media/../../evil.pdf", b"%PDF-", "the backup holds an unsafe file name 'media/../../evil.pdf'"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_a_bad_backup_is_refused_in_one_sentence_and_changes_nothing(
    users, tmp_path, capsys, member, content, message
):
    archive = tmp_path / "kc.zip"
    assert main(["backup", str(archive)]) == 0
    bad = tmp_path / "bad.zip"
    _rewrite(archive, bad, **{member: content})
    if member not in zipfile.ZipFile(archive).namelist():
        with zipfile.ZipFile(bad, "a") as extra:
            extra.writestr(member, content)
    capsys.readouterr()
    assert main(["restore", "--replace", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error [input]: {bad}: {message}") and err.count("\n") == 1, err
    assert sorted(User.objects.values_list("username", flat=True)) == [
        "asesor",
        "sekretariat",
        "tim-banjarmasin",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_backup_that_cannot_be_written_is_a_sentence(tmp_path, capsys):
    target = tmp_path / "missing-folder" / "kc.zip"
    assert main(["backup", str(target)]) == 2
    assert capsys.readouterr().err.startswith(f"Error [input]: {target}: the backup could not be written (")


def test_a_backup_inside_a_transaction_is_refused(db, tmp_path):
    from kotacerdas.cli.backup_archive import write_backup
    from kotacerdas.errors import StateError

    with pytest.raises(StateError, match="a backup cannot be taken inside a database transaction"):
        write_backup(tmp_path / "kc.zip")
