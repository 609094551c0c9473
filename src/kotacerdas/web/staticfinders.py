"""Serves vendored front-end files from installed wheels (no CDN, no npm step): plotly.js from the plotly
wheel as ``vendor/plotly.min.js`` and Bootstrap's CSS from the bootstrap-wrapper wheel as
``vendor/bootstrap/bootstrap.min.css``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import bootstrap_wrapper
import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage


class _PackageFileFinder(BaseFinder):
    """A static-files finder for a few named files of an installed package (``files``: URL path → file)."""

    root: Path
    prefix: str
    files: ClassVar[dict[str, str]] = {}

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        hit = str(self.root / self.files[path]) if path in self.files else None
        if find_all:
            return [hit] if hit else []
        return hit

    def list(self, ignore_patterns: Any) -> Iterator[tuple[str, FileSystemStorage]]:
        storage = FileSystemStorage(location=self.root)
        storage.prefix = self.prefix  # type: ignore[attr-defined]
        for name in self.files.values():
            yield name, storage


class PlotlyJsFinder(_PackageFileFinder):
    """plotly.min.js of the plotly package."""

    root = Path(plotly.__file__).parent / "package_data"
    prefix = "vendor"
    files: ClassVar[dict[str, str]] = {"vendor/plotly.min.js": "plotly.min.js"}


class BootstrapCssFinder(_PackageFileFinder):
    """Bootstrap 5.3's compiled CSS (only the CSS: the UI needs none of Bootstrap's JavaScript)."""

    root = bootstrap_wrapper.get_bootstrap_css_dir()
    prefix = "vendor/bootstrap"
    files: ClassVar[dict[str, str]] = {"vendor/bootstrap/bootstrap.min.css": "bootstrap.min.css"}
