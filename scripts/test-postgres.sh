#!/usr/bin/env bash
# Runs the database tests against PostgreSQL (127.0.0.1:5432, database `test`, trust auth).
# Skips with a message when no server answers, unless KOTACERDAS_REQUIRE_POSTGRES=1 (CI sets it).
set -uo pipefail
URL=${KOTACERDAS_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}
if ! .venv/bin/python - "$URL" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as exc:  # noqa: BLE001
    print(f"PostgreSQL not reachable at {sys.argv[1]}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
then
  if [ "${KOTACERDAS_REQUIRE_POSTGRES:-0}" = 1 ]; then
    echo "test-postgres: PostgreSQL is required (KOTACERDAS_REQUIRE_POSTGRES=1) but not reachable" >&2
    exit 1
  fi
  echo "test-postgres: SKIPPED the PostgreSQL pass (no server at $URL); the SQLite pass ran" >&2
  exit 0
fi
if ! .venv/bin/python -c "import kotacerdas.config.settings" 2>/dev/null; then
  echo "test-postgres: no Django project yet; nothing to run against PostgreSQL"
  exit 0
fi
# The database tests (tests/platform, tests/assessment, tests/notifications; KOTACERDAS_TEST_PATHS overrides).
# Browser tests are left to the SQLite pass, except the two end-to-end walks (the programme cycle and the
# guidance walk), which run here too so that each is proven on both databases.
export KOTACERDAS_DATABASE_URL="$URL"
if [ -n "${KOTACERDAS_TEST_PATHS:-}" ]; then
  # shellcheck disable=SC2086
  exec .venv/bin/pytest -p no:cacheprovider $KOTACERDAS_TEST_PATHS -m "not browser" "$@"
fi
.venv/bin/pytest -p no:cacheprovider tests/platform tests/assessment tests/notifications -m "not browser" "$@" || exit $?
exec .venv/bin/pytest -p no:cacheprovider tests/browser/test_cycle_chain.py tests/browser/test_guidance_walk.py "$@"
