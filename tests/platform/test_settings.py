from __future__ import annotations

from pathlib import Path

import pytest

from kotacerdas.config.environment import PLACEHOLDER_SECRET, is_production, load, parse_database_url
from kotacerdas.errors import ConfigError


def test_default_is_sqlite_in_data_dir():
    env = load({"KOTACERDAS_DATA_DIR": "/srv/kc"})
    assert env.mode == "development"
    assert env.database == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/srv/kc/kotacerdas.sqlite3",
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
    assert env.data_dir == Path("/srv/kc")
    assert env.https is False


def test_postgres_url_from_either_variable():
    expected = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "test",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "5432",
    }
    assert load({"KOTACERDAS_DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test"}).database == expected
    assert load({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}).database == expected


def test_kotacerdas_url_wins_over_generic_one():
    env = load({"KOTACERDAS_DATABASE_URL": "postgresql://a@h/one", "DATABASE_URL": "postgresql://b@h/two"})
    assert env.database["NAME"] == "one"


def test_placeholder_secret_refused_in_production():
    with pytest.raises(ConfigError, match="KOTACERDAS_SECRET_KEY"):
        load({"KOTACERDAS_MODE": "production"})
    with pytest.raises(ConfigError, match="has 5 characters; production needs at least 50"):
        load({"KOTACERDAS_MODE": "production", "KOTACERDAS_SECRET_KEY": "short"})


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("a" * 32, "has 32 characters"),
        ("a" * 80, "uses only 1 distinct characters"),
        ("abcabc123" * 8, "uses only 6 distinct characters"),
        ("django-insecure-" + "q8w7e6r5t4y3u2i1o0p9" * 3, "published placeholder"),
    ],
)
def test_low_entropy_secrets_refused_in_production(secret, reason):
    with pytest.raises(ConfigError, match=reason):
        load({"KOTACERDAS_MODE": "production", "KOTACERDAS_SECRET_KEY": secret})
    assert load({"KOTACERDAS_SECRET_KEY": secret}).secret_key == secret  # development accepts it


def test_debug_refused_in_production():
    secret = "k3Jd9-Qp_x7LmZt2VbNc8RwYe4HsAfGu1oIiKj5Ul6Tq0Pn_Dx"
    with pytest.raises(ConfigError, match="KOTACERDAS_DEBUG=1 is refused in production"):
        load({"KOTACERDAS_MODE": "production", "KOTACERDAS_SECRET_KEY": secret, "KOTACERDAS_DEBUG": "1"})
    assert load({"KOTACERDAS_MODE": "production", "KOTACERDAS_SECRET_KEY": secret}).debug is False
    assert load({"KOTACERDAS_DEBUG": "1"}).debug is True


def test_is_production_reads_the_mode():
    assert is_production({"KOTACERDAS_MODE": "production"}) is True
    assert is_production({}) is False


def test_production_with_real_secret_turns_https_settings_on():
    env = load(
        {
            "KOTACERDAS_MODE": "production",
            "KOTACERDAS_SECRET_KEY": "k3Jd9-Qp_x7LmZt2VbNc8RwYe4HsAfGu1oIiKj5Ul6Tq0Pn_Dx",
            "KOTACERDAS_ALLOWED_HOSTS": "kota.example.id, www.kota.example.id",
        }
    )
    assert env.https is True
    assert env.allowed_hosts == ("kota.example.id", "www.kota.example.id")
    assert env.secret_key != PLACEHOLDER_SECRET


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"KOTACERDAS_MODE": "staging"}, "KOTACERDAS_MODE='staging' is unknown"),
        ({"KOTACERDAS_DEBUG": "maybe"}, "KOTACERDAS_DEBUG='maybe' is not a yes/no value"),
    ],
)
def test_bad_values_are_named(env, message):
    with pytest.raises(ConfigError) as info:
        load(env)
    assert info.value.message == message


def test_unsupported_database_scheme():
    with pytest.raises(ConfigError, match="scheme 'mysql' is not supported"):
        parse_database_url("mysql://u@h/db")


def test_security_settings_are_on():
    from django.conf import settings

    assert settings.SECURE_CONTENT_TYPE_NOSNIFF is True
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert settings.LANGUAGE_CODE == "id"
