# Kota Cerdas — set-up, demo and tests. Each target installs what it needs itself.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Property tests replay Hypothesis's derandomised "ci" profile (tests/conftest.py), so a fresh clone can
# never fail at random; `make test CI=` explores new examples instead.
export CI ?= 1
SHELL := bash
.SHELLFLAGS := -o pipefail -ec
QUIET_PIP := 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }

.PHONY: demo test lint typecheck contracts pytest pytest-postgres fuzz-api browser setup benchmarks clean serve messages screenshots

$(STAMP): pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -U pip $(QUIET_PIP)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]' $(QUIET_PIP)
	touch $@

setup: $(STAMP)

# The real boundaries beside the checkout (tests and CI demo) when present; override with BOUNDARIES=file.
BOUNDARIES ?= $(wildcard ../shared/data/boundaries/kabupaten_kota.geojson)

demo: setup
	$(BIN)/kotacerdas demo $(if $(BOUNDARIES),--boundaries $(BOUNDARIES))

serve: setup
	$(BIN)/kotacerdas serve

messages: setup
	$(BIN)/python scripts/compile-messages.py

lint: setup
	$(BIN)/ruff check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

contracts: setup
	$(BIN)/lint-imports

browser:
	bash scripts/install-browser.sh
	bash scripts/install-axe.sh

# Full-page PNGs of the demo's main pages per role, Indonesian and English, 390 and 1366 px (var/screenshots/).
screenshots: setup browser
	$(BIN)/python scripts/screenshots.py

pytest: setup browser
	$(BIN)/pytest $(PYTEST_ARGS)

pytest-postgres: setup
	bash scripts/test-postgres.sh $(PYTEST_ARGS)

# Schemathesis against a live demo server, anonymous and as the secretariat (FUZZ_EXAMPLES per operation, deterministic).
FUZZ_EXAMPLES ?= 25
fuzz-api: setup
	$(BIN)/python scripts/api-fuzz.py --examples $(FUZZ_EXAMPLES)

test: lint typecheck contracts pytest pytest-postgres fuzz-api

benchmarks: setup
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
