"""The demo never runs against a production platform: its users have published passwords."""

from __future__ import annotations

from django.conf import settings

from kotacerdas.errors import ConfigError


def refuse_production() -> None:
    """Raise :class:`~kotacerdas.errors.ConfigError` when the platform runs in production mode.

    Production mode is ``KOTACERDAS_MODE=production`` (read once by :mod:`kotacerdas.config.environment`,
    exposed as the ``KOTACERDAS_MODE`` setting). ``DEBUG`` is not the test: production may be debugged.
    """
    if getattr(settings, "KOTACERDAS_MODE", "development") == "production":
        raise ConfigError(
            "the demo refuses to run in production mode (KOTACERDAS_MODE=production): "
            "it creates users whose passwords are published",
            hint="load the demo into a development database (unset KOTACERDAS_MODE)",
        )
