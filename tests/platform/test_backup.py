"""``kotacerdas backup`` / ``restore`` round trip, through the CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kotacerdas.accounts.models import AuditEvent, User
from kotacerdas.cli import cli, main
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Document, Participation
from kotacerdas.regions.models import Region
from tests.platform import factories as f


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
    assert result.output == f"backup written to {archive} (4 uploaded files)\n"

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
