"""Browser tests: Playwright driving Debian's chromium (/usr/bin/chromium) against Django's live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.platform.conftest import fast_passwords, index_run, users, world  # noqa: F401 - shared fixtures

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Playwright's sync API runs an asyncio loop in the main thread; without this Django refuses DB access
# from the test thread. Tests only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
expect.set_options(timeout=15_000)  # the shared CI machine can be slow; failures still fail, later


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):  # type: ignore[no-untyped-def]
    """An Indonesian browser (the UI follows Accept-Language until the user picks a language)."""
    return {**browser_context_args, "locale": "id-ID", "viewport": {"width": 1366, "height": 900}}
