"""Browser fixtures of the platform's browser suite (Debian chromium, Indonesian locale, screenshots)."""

from tests.browser.conftest import (  # noqa: F401 - re-used fixtures
    browser_context_args,
    browser_type_launch_args,
    screenshot_dir,
)
