"""All-or-nothing output folders: write everything beside the target, then move it into place.

Every command that writes several files (index build, uncertainty, selection, assignment) uses
:func:`staged_output`, so an error halfway leaves the output folder as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_output(out_dir: str | Path) -> Iterator[Path]:
    """Yield a fresh staging folder; when the block succeeds, move each file in it into ``out_dir``.

    The staging folder sits beside ``out_dir`` (same file system, so each move is an atomic rename)
    and is removed in every case. Files already in ``out_dir`` under other names are left alone.
    """
    target = Path(out_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        yield staging
        target.mkdir(exist_ok=True)
        for item in sorted(staging.iterdir()):
            os.replace(item, target / item.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
