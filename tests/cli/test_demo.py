"""``kotacerdas demo --no-serve`` end to end, as ``make demo`` runs it, on a fresh SQLite database."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path


def test_demo_loads_prints_ranking_selection_and_logins(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("KOTACERDAS_DATABASE_URL", "DATABASE_URL")}
    env["KOTACERDAS_DATA_DIR"] = str(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "kotacerdas.cli", "demo", "--no-serve", "--seed", "2017"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "regions: 514" in out
    top = re.findall(r"^\s+(\d+)\. (\d\d\.\d\d) .+: [\d.]+ \[(\d+)–(\d+)\]$", out, flags=re.M)
    assert [int(rank) for rank, *_ in top] == list(range(1, 11))
    assert all(int(lo) <= int(hi) for *_, lo, hi in top)
    assert re.search(r"^selection GM100 2026 \(demo\): 25 regions$", out, flags=re.M)
    assert "login secretariat: sekretariat / demo-sekretariat-2026" in out
    assert "Open http://127.0.0.1:8000/" in out
    assert (Path(tmp_path) / "kotacerdas.sqlite3").is_file()
