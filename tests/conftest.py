"""Test-wide fixtures: where the shared real data sets live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO_ROOT = Path(__file__).resolve().parent.parent

# CI must never fail at random: under CI every property test replays the same derandomised examples and
# keeps no example database, and nothing is timed (no per-example deadline, no too-slow health check: a
# loaded machine must not fail a correct example); in development the default profile keeps exploring.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    print_blob=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def shared_data_dir() -> Path:
    """``../shared/data`` beside the checkout, or ``$KOTACERDAS_SHARED_DATA``."""
    return Path(os.environ.get("KOTACERDAS_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared real data sets; skips (with the reason) where they are absent."""
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"real data sets not found at {path} (set KOTACERDAS_SHARED_DATA)")
    return path


@pytest.fixture(scope="session", autouse=True)
def _media_root_of_the_session(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Stored files go to a folder of this session, never to the checkout's var/media: files left there by an
    earlier run (or by the development server) no longer meet the tests, and the orphan-upload sweep a test
    runs (jobs.sweep) no longer deletes a developer's uploads. Tests that need a folder of their own still
    set ``settings.MEDIA_ROOT = tmp_path``."""
    from django.test import override_settings  # here: only once Django is set up for the session

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():  # type: ignore[no-untyped-def]
    """API throttle counters live in Django's cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _no_page_cache(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The public page cache is invalidated on commit, which test transactions never reach: it is off,
    except in tests marked ``page_cache`` (tests/platform/test_page_cache.py), which commit for real."""
    if "page_cache" in request.keywords:
        yield
        return
    from django.conf import settings as django_settings  # only once Django is set up

    before = getattr(django_settings, "KOTACERDAS_PAGE_CACHE", True)
    django_settings.KOTACERDAS_PAGE_CACHE = False
    yield
    django_settings.KOTACERDAS_PAGE_CACHE = before


@pytest.fixture(autouse=True)
def _empty_django_cache(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Each database test starts with an empty cache: ids repeat between test databases, cache keys would too."""
    yield
    if "django_db_setup" in request.fixturenames:
        from django.core.cache import caches  # only once Django is set up for this test

        for cache in caches.all(initialized_only=True):
            cache.clear()


@pytest.fixture(autouse=True)
def _default_language():  # type: ignore[no-untyped-def]
    """Each test starts in the default language (Indonesian): a request in English does not leak on."""
    from django.utils import translation  # local import: Django is set up only once the session runs

    translation.activate("id")
    yield
    translation.activate("id")
