"""Bounded Schemathesis run against a live server with the demo data (part of ``make test``).

Loads the demo into a throw-away data folder (SQLite), issues an API token for the secretariat, serves
the platform with gunicorn on a free local port, and runs Schemathesis against ``/api/schema/`` twice:
anonymous and as the secretariat. Prints the number of server errors (5xx) and of schema violations and
exits 1 when either is not zero.

    python scripts/api-fuzz.py [--examples N] [--keep DIR]

Operations that queue heavy background work (uncertainty analyses, selections) are left out so the
run stays within a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from local_server import listening_socket, wait_for  # scripts/ is on the path of a script run from it

BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"
SERVER_ERRORS = ("ST101", "ST102")  # 5xx; every other code is a schema violation
# operations that queue heavy background work (uncertainty analyses, selections): their own tests cover them
EXCLUDE = r"^(index_runs_uncertainty_create|cohorts_select_create)$"
TOKEN_SCRIPT = """
from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import issue_token
from kotacerdas.accounts.models import User
print(issue_token(actor=SYSTEM, user=User.objects.get(username="sekretariat")))
"""


def run_schemathesis(
    url: str, label: str, reports: Path, examples: int, headers: list[str]
) -> dict[str, int]:
    """One Schemathesis run; returns the failures counted by check name (from its JUnit report)."""
    out = reports / label
    command = [
        # a fixed number of examples per operation, generated deterministically from one seed (no time
        # budget, which would test more or fewer cases with the machine's speed): the same run every time
        str(BIN / "schemathesis"), "run", f"{url}/api/schema/", "--max-examples", str(examples),
        "--generation-deterministic",
        "--workers", "1", "--checks", CHECKS, "--exclude-operation-id-regex", EXCLUDE,
        "--report", "junit", "--report-dir", str(out), "--seed", "2017", "--no-color",
    ]  # fmt: skip
    for header in headers:
        command += ["-H", header]
    print(f"== schemathesis ({label}) ==", flush=True)
    proc = subprocess.run(command, capture_output=True, text=True, check=False, cwd=reports)  # its cache too
    (reports / f"{label}.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    print("\n".join(proc.stdout.splitlines()[-25:]), flush=True)
    return count_failures(out, proc.stdout)


def count_failures(report_dir: Path, log: str) -> dict[str, int]:
    """Failures by Schemathesis code: ST101/ST102 are server errors, the others schema violations."""
    counts = {code: int(n) for code, n in re.findall(r"(ST\d{3}) [^:\n]*: (\d+)", log)}
    if not counts:  # an older summary format: count the JUnit failures instead
        for report in report_dir.glob("*.xml"):
            for failure in ET.parse(report).iter("failure"):
                for code in re.findall(r"^- (ST\d{3}) ", failure.text or "", flags=re.M):
                    counts[code] = counts.get(code, 0) + 1
    if re.search(r"\b[1-9]\d* errors?\b", log.splitlines()[-1] if log.strip() else ""):
        counts["errors"] = 1  # Schemathesis could not test some operations at all
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25, help="test cases per API operation (two runs)")
    parser.add_argument(
        "--keep", type=Path, help="use (and keep) this data folder instead of a temporary one"
    )
    args = parser.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="kotacerdas-fuzz-"))
    env = {k: v for k, v in os.environ.items() if not k.endswith("DATABASE_URL")}
    env.update(KOTACERDAS_DATA_DIR=str(data_dir), KOTACERDAS_MODE="development", KOTACERDAS_DEBUG="0")
    # the throttles are tested on their own (tests/platform/test_throttling.py); here they would only
    # turn most generated requests into 429s
    env.update(KOTACERDAS_API_RATE_ANON="100000/min", KOTACERDAS_API_RATE_USER="100000/min")
    kotacerdas = str(BIN / "kotacerdas")
    if not (data_dir / "kotacerdas.sqlite3").exists():
        print(f"loading the demo into {data_dir} …", flush=True)
        subprocess.run([kotacerdas, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
    token = (
        subprocess.run(
            [kotacerdas, "manage", "shell", "-c", TOKEN_SCRIPT],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    reports = data_dir / "schemathesis"
    reports.mkdir(exist_ok=True)
    server_log = (reports / "server.log").open("w", encoding="utf-8")
    listening = listening_socket()
    url = f"http://127.0.0.1:{listening.getsockname()[1]}"
    server = subprocess.Popen(
        [kotacerdas, "serve", "--addr", f"fd://{listening.fileno()}", "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=server_log,
        pass_fds=(listening.fileno(),),
    )
    listening.close()  # the server holds it now
    try:
        wait_for(f"{url}/api/schema/", seconds=60)
        found = {
            "anonymous": run_schemathesis(url, "anonymous", reports, args.examples, []),
            "secretariat": run_schemathesis(
                url, "secretariat", reports, args.examples, [f"Authorization: Token {token}"]
            ),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    bad = 0
    for label, counts in found.items():
        errors = sum(v for k, v in counts.items() if k in SERVER_ERRORS)
        violations = sum(v for k, v in counts.items() if k not in SERVER_ERRORS)
        bad += errors + violations
        print(f"{label}: {errors} server errors, {violations} schema violations {counts or ''}")
    print(f"reports in {reports}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
