import pytest
from django.utils import translation

from tests.assessment.conftest import aworld  # noqa: F401 - shared fixtures
from tests.platform.conftest import client_for, fast_passwords, users, world  # noqa: F401


@pytest.fixture(autouse=True)
def _indonesian():  # type: ignore[no-untyped-def]
    """Texts are rendered in the active language; an earlier test's request may have left English on."""
    with translation.override("id"):
        yield
