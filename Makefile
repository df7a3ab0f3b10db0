# cpw: the two commands a newcomer needs are `make demo` and `make test`.
# Each installs what it needs first: the Python virtualenv from requirements.lock, the Evidence
# site's node_modules from reports/package-lock.json (npm ci), and Debian's chromium for the
# browser tests when it is missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_PY := $(VENV)/.installed
STAMP_NODE := reports/node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help demo test test-fast lint seeds serve clean chromium lock

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(STAMP_PY): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# npm ci refuses the lock when the registry lacks a platform's optional binary (this mirror has
# no darwin-x64, linux-arm64 or win32-x64 build of @duckdb/node-bindings 1.4.2-r.1), so it falls
# back to npm install --no-save, which installs the same locked versions and leaves the lock as is.
$(STAMP_NODE): reports/package-lock.json reports/package.json
	cd reports && { npm ci --no-audit --no-fund 2>/dev/null \
		|| { echo "npm ci refused the lock (see Makefile); installing the locked versions"; \
		     npm install --no-save --no-audit --no-fund; }; }
	test -d reports/node_modules/@evidence-dev/evidence
	touch $@

chromium: ## Install Debian's chromium for the browser tests if it is missing
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

demo: $(STAMP_PY) $(STAMP_NODE) ## Run the whole pipeline on the synthetic demo council
	$(BIN)/cpw demo

test: $(STAMP_PY) $(STAMP_NODE) chromium ## Run every test (unit, integration, dbt, browser)
	$(BIN)/pytest

test-fast: $(STAMP_PY) ## Unit tests only
	$(BIN)/pytest tests/unit

lint: $(STAMP_PY) ## ruff (check and format) and mypy --strict
	$(BIN)/ruff check scripts tests bench
	$(BIN)/ruff format --check scripts tests bench
	$(BIN)/mypy

seeds: $(STAMP_PY) ## Regenerate seeds that come from maintained libraries
	$(BIN)/python -m cpw.seedgen.bank_holidays

serve: $(STAMP_PY) ## Serve the built site on http://127.0.0.1:4173/
	$(BIN)/cpw serve

lock: ## Re-resolve requirements.lock from pyproject.toml in a scratch virtualenv
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet . pytest pytest-timeout hypothesis playwright ruff mypy
	{ echo "# Exact pins for cpw's virtualenv. Regenerate with: make lock"; \
	  .lock-venv/bin/pip freeze --exclude cpw; } > requirements.lock
	rm -rf .lock-venv

clean: ## Remove the warehouse, dbt output and the built site (not the installs)
	rm -rf warehouse target logs reports/build reports/.evidence/template tests/artifacts
