"""Serves plotly.js from the installed plotly wheel as ``vendor/plotly.min.js`` (no CDN)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


class PlotlyJsFinder(BaseFinder):
    """A static-files finder for exactly one file of the plotly package."""

    root = Path(plotly.__file__).parent / "package_data"
    files: ClassVar[dict[str, str]] = {"vendor/plotly.min.js": "plotly.min.js"}

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        hit = str(self.root / self.files[path]) if path in self.files else None
        if find_all:
            return [hit] if hit else []
        return hit

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        storage = FileSystemStorage(location=self.root)
        storage.prefix = "vendor"  # type: ignore[attr-defined]
        for name in self.files.values():
            yield name, storage
