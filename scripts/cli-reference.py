"""Write docs/cli.md, the command-line reference, from the click commands (``--check``: only compare).

Run after changing any command or its help: ``.venv/bin/python scripts/cli-reference.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kotacerdas.cli import cli
from kotacerdas.cli.reference import render_reference

TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def main() -> int:
    """Regenerate the reference, or with ``--check`` exit 1 when the file on disk differs from it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/cli.md is out of date")
    args = parser.parse_args()
    text = render_reference(cli)
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current != text:
            print(f"{TARGET} is out of date: run python scripts/cli-reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
