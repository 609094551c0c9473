"""Typed, validated settings read once from the environment (the only place that reads it)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from kotacerdas.errors import ConfigError

PLACEHOLDER_SECRET = "kotacerdas-development-only-change-me"  # refused outside development
# Production secrets: at least 50 characters and 10 distinct ones (Django's own deploy check asks for
# 50 and 5; a random key of 50 characters from ``secrets.token_urlsafe`` has about 35 distinct).
MIN_SECRET_LENGTH = 50
MIN_SECRET_DISTINCT = 10
Mode = Literal["development", "production"]
REPO_VAR = Path(__file__).resolve().parents[3] / "var"


@dataclass(frozen=True, slots=True)
class Environment:
    """Everything Kota Cerdas takes from the environment, validated."""

    mode: Mode
    debug: bool
    secret_key: str
    database_url: str | None
    data_dir: Path
    allowed_hosts: tuple[str, ...]
    https: bool
    api_rate_anon: str = "300/min"
    api_rate_user: str = "3000/min"
    bad_token_rate: str = "10/min"
    email_url: str = "console:"
    email_from: str = "Kota Cerdas <noreply@localhost>"
    base_url: str = "http://127.0.0.1:8000"

    @property
    def email(self) -> dict[str, Any]:
        """Django's e-mail settings: the console backend by default, SMTP from ``KOTACERDAS_EMAIL_URL``."""
        return parse_email_url(self.email_url) | {"DEFAULT_FROM_EMAIL": self.email_from}
    job_lease: float = 40.0
    page_cache: bool = True

    @property
    def database(self) -> dict[str, Any]:
        """Django's ``DATABASES['default']``: SQLite at ``data_dir`` unless a URL is given."""
        if not self.database_url:
            return {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(self.data_dir / "kotacerdas.sqlite3"),
                # several server processes share the file: wait for locks, write-ahead log for readers
                "OPTIONS": SQLITE_OPTIONS,
            }
        return parse_database_url(self.database_url)


SQLITE_OPTIONS: dict[str, Any] = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value", hint="use 1 or 0")


_RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")


def _rate(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name) or default
    if not _RATE.match(raw):
        raise ConfigError(
            f"{name}={raw!r} is not a rate", hint="use <count>/<second|minute|hour|day>, e.g. 60/min"
        )
    return raw
def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number of seconds", hint="e.g. 40") from None
    if not 0 < value <= 3600:
        raise ConfigError(f"{name}={raw!r} must be more than 0 and at most 3600 seconds", hint="e.g. 40")
    return value


def parse_database_url(url: str) -> dict[str, Any]:
    """``postgresql://user:pass@host:port/name`` or ``sqlite:///path`` as a Django database dict."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parts.path) or ":memory:"}
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ConfigError(
            f"database URL scheme {parts.scheme!r} is not supported",
            hint="use postgresql://user@host:5432/name or sqlite:///path",
        )
    name = parts.path.lstrip("/")
    if not name:
        raise ConfigError(f"database URL {url!r} names no database", hint="end it with /<database>")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(name),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }


def is_production(env: Mapping[str, str] | None = None) -> bool:
    """True when ``KOTACERDAS_MODE`` is ``production``: the one test every production-only check uses."""
    env = os.environ if env is None else env
    return env.get("KOTACERDAS_MODE", "development") == "production"


def check_secret(secret: str) -> None:
    """Refuse a production secret that is the placeholder, short, or made of few distinct characters."""
    if secret == PLACEHOLDER_SECRET or secret.startswith("django-insecure-"):
        problem = "is missing or a published placeholder"
    elif len(secret) < MIN_SECRET_LENGTH:
        problem = f"has {len(secret)} characters; production needs at least {MIN_SECRET_LENGTH}"
    elif len(set(secret)) < MIN_SECRET_DISTINCT:
        problem = (
            f"uses only {len(set(secret))} distinct characters; production needs at least "
            f"{MIN_SECRET_DISTINCT}"
        )
    else:
        return
    raise ConfigError(
        f"KOTACERDAS_SECRET_KEY {problem}",
        hint="set a long random secret, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'",
    )
def parse_email_url(url: str) -> dict[str, Any]:
    """``console:`` or ``smtp://user:pass@host:587?tls=1`` (``ssl=1`` for port 465) as Django settings."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme != "smtp" or not parts.hostname:
        raise ConfigError(
            f"e-mail URL {url!r} is not supported", hint="use console: or smtp://user:password@host:587?tls=1"
        )
    options = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or 25,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": options.get("tls") == "1",
        "EMAIL_USE_SSL": options.get("ssl") == "1",
        "EMAIL_TIMEOUT": 20,
    }


def load(env: Mapping[str, str] | None = None) -> Environment:
    """Read and validate the environment; production refuses weak secrets and debug mode."""
    env = os.environ if env is None else env
    mode = env.get("KOTACERDAS_MODE", "development")
    if mode not in ("development", "production"):
        raise ConfigError(f"KOTACERDAS_MODE={mode!r} is unknown", hint="use development or production")
    secret = env.get("KOTACERDAS_SECRET_KEY", PLACEHOLDER_SECRET)
    debug = _flag(env, "KOTACERDAS_DEBUG", False)
    if is_production(env):
        check_secret(secret)
        if debug:
            raise ConfigError(
                "KOTACERDAS_DEBUG=1 is refused in production: debug pages show settings and code",
                hint="unset KOTACERDAS_DEBUG, or use KOTACERDAS_MODE=development on your own machine",
            )
    hosts = tuple(h.strip() for h in env.get("KOTACERDAS_ALLOWED_HOSTS", "").split(",") if h.strip())
    return Environment(
        mode=mode,  # type: ignore[arg-type]  # checked above
        debug=debug,
        secret_key=secret,
        database_url=env.get("KOTACERDAS_DATABASE_URL") or env.get("DATABASE_URL") or None,
        data_dir=Path(env.get("KOTACERDAS_DATA_DIR", str(REPO_VAR))),
        allowed_hosts=hosts or ("127.0.0.1", "localhost", "testserver"),
        https=_flag(env, "KOTACERDAS_HTTPS", mode == "production"),
        api_rate_anon=_rate(env, "KOTACERDAS_API_RATE_ANON", "300/min"),
        api_rate_user=_rate(env, "KOTACERDAS_API_RATE_USER", "3000/min"),
        bad_token_rate=_rate(env, "KOTACERDAS_BAD_TOKEN_RATE", "10/min"),
        email_url=env.get("KOTACERDAS_EMAIL_URL", "console:"),
        email_from=env.get("KOTACERDAS_EMAIL_FROM", "Kota Cerdas <noreply@localhost>"),
        base_url=env.get("KOTACERDAS_BASE_URL", "http://127.0.0.1:8000"),
        job_lease=_seconds(env, "KOTACERDAS_JOB_LEASE", 40.0),
        page_cache=_flag(env, "KOTACERDAS_PAGE_CACHE", True),
    )
