"""``kotacerdas manage load_demo``: the demo data of :func:`kotacerdas.web.demo.load_demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotacerdas.web.demo import load_demo


class Command(BaseCommand):
    help = "Load demo data: regions, users per role, synthetic index, 2017–2019 cohorts, masterplans."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument(
            "--boundaries", type=Path, help="GeoJSON of kab/kota keyed by the 'code' property"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "the demo is refused in production mode: its passwords are published (KOTACERDAS_MODE)"
            )
        summary = load_demo(seed=options["seed"], boundaries=options["boundaries"], echo=self.stdout.write)
        for role, username, password in summary.logins:
            self.stdout.write(f"login {role}: {username} / {password}")
