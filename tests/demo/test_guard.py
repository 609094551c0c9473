"""The demo refuses production mode (KOTACERDAS_MODE=production): its users have published passwords.

Checked at every entry: the loader, the ``load_demo`` management command and ``kotacerdas demo``, which
must refuse before it migrates anything.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kotacerdas.accounts.models import User
from kotacerdas.demo.assessment import load_assessment_demo
from kotacerdas.demo.loader import load_demo
from kotacerdas.errors import ConfigError
from kotacerdas.regions.models import Region

REFUSAL = "the demo refuses to run in production mode (KOTACERDAS_MODE=production)"


@pytest.mark.django_db
def test_loader_refuses_production_and_creates_nothing(settings):
    settings.KOTACERDAS_MODE = "production"
    with pytest.raises(ConfigError, match=r"refuses to run in production mode"):
        load_demo(seed=1)
    with pytest.raises(ConfigError, match=r"refuses to run in production mode"):
        load_assessment_demo(seed=1)
    assert (Region.objects.count(), User.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_management_command_refuses_production_in_one_sentence(settings):
    settings.KOTACERDAS_MODE = "production"
    with pytest.raises(CommandError, match=r"^the demo refuses to run in production mode"):
        call_command("load_demo", "--seed", "1")
    assert Region.objects.count() == 0


def test_demo_command_refuses_production_before_touching_the_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("KOTACERDAS_DATABASE_URL", "DATABASE_URL")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        KOTACERDAS_DATA_DIR=str(tmp_path),
        KOTACERDAS_MODE="production",
        KOTACERDAS_SECRET_KEY="a-production-secret-that-is-long-enough-0123456789",
    )
    done = subprocess.run(
        [sys.executable, "-m", "kotacerdas.cli", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert f"Error [config]: {REFUSAL}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "kotacerdas.sqlite3").exists()  # refused before migrating
