"""Every import inside a function says why it is not at the top of its module (docs/developer/architecture.md).

The reason is a comment on the import's line or on the line just above it (an import cycle, a slow
optional dependency, Django not set up yet). ``cli/`` is left out while its imports are being made lazy
per command on another branch; that work adds the comments, and the exclusion goes with it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "kotacerdas"
NOT_YET = {"cli", "migrations"}


def _unexplained() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if NOT_YET & set(path.relative_to(SRC).parts):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    line, above = lines[inner.lineno - 1], lines[inner.lineno - 2].strip()
                    if "#" not in line and not above.startswith("#"):
                        found.append(f"{path.relative_to(SRC)}:{inner.lineno}: {line.strip()}")
    return found


def test_every_inline_import_states_its_reason():
    assert _unexplained() == []
