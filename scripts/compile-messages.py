"""Compile every django.po under src/kotacerdas/*/locale into django.mo with polib (no msgfmt needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "src" / "kotacerdas"


def main() -> int:
    count = 0
    for po_path in sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(po_path))
        # fuzzy entries count as untranslated: polib leaves them out of the .mo (and of untranslated_entries)
        untranslated = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
        if untranslated:
            print(f"{po_path}: untranslated: {untranslated}", file=sys.stderr)
            return 1
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    print(f"compiled {count} catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
