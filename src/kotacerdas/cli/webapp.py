"""Starting Django for the platform commands (settings come from ``kotacerdas.config.settings``)."""

from __future__ import annotations

import os

SETTINGS_MODULE = "kotacerdas.config.settings"


def setup() -> None:
    """Configure Django once; the settings module validates the environment and may raise ConfigError."""
    import django  # here: slow to import, and only the platform commands need it

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()
