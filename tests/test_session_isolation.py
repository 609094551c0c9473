"""What a test session shares with the checkout: no stored files."""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import default_storage

from tests.conftest import REPO_ROOT


def test_stored_files_stay_out_of_the_checkout() -> None:
    """The session's media folder, not var/media (left-overs of earlier runs, the developer's own uploads)."""
    assert not Path(default_storage.path("uploads/x.csv")).is_relative_to(REPO_ROOT)
