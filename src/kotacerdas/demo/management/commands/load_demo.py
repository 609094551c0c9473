"""``kotacerdas manage load_demo``: the demo data of :func:`kotacerdas.demo.loader.load_demo`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotacerdas.demo.loader import load_demo
from kotacerdas.errors import ConfigError


class Command(BaseCommand):
    help = "Load demo data: regions, users per role, synthetic index, 2017–2019 cohorts, masterplans."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2017)
        parser.add_argument(
            "--boundaries", type=Path, help="GeoJSON of kab/kota keyed by the 'code' property"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = load_demo(
                seed=options["seed"], boundaries=options["boundaries"], echo=self.stdout.write
            )
        except ConfigError as exc:  # production mode: one sentence, exit code 1, no traceback
            raise CommandError(str(exc)) from exc
        for line in summary.login_lines():
            self.stdout.write(line)
