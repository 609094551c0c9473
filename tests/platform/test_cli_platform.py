"""The platform's CLI commands and the migrations check."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from django.core.management import call_command

from kotacerdas.cli import cli, main


@pytest.mark.django_db
def test_no_missing_migrations():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert out.getvalue() == "No changes detected\n"


def test_manage_passes_through_to_django(capsys):
    assert main(["manage", "check"]) == 0
    assert capsys.readouterr().out == "System check identified no issues (0 silenced).\n"


@pytest.mark.parametrize("command", ["serve", "backup", "restore", "manage"])
def test_platform_commands_are_listed(command):
    assert f"  {command} " in CliRunner().invoke(cli, ["--help"]).output
