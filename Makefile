# Liaison: `make run` to try it, `make test` to check it. Both set everything up on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
PYTHON ?= python3
# uv from PATH, else the copy pip installs (run as a module, so no PATH or shim changes are needed).
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
export UV_PYTHON_DOWNLOADS := never
VENV := .venv
BIN := $(VENV)/bin
ASSETS := liaison/static/nhsuk/liaison.css

.PHONY: help run test lint check-pg install assets demo clean

help:
	@echo "make run   - set up, load demo data into the embedded database, serve http://127.0.0.1:$(PORT)"
	@echo "make test  - set up and run the whole suite (SQLite, and PostgreSQL when DATABASE_URL names one)"

$(BIN)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(BIN)/.synced

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(ASSETS): frontend/node_modules/.installed frontend/build.mjs frontend/liaison.scss
	cd frontend && npm run --silent build

assets: $(ASSETS)

# The local demo is served over plain http://127.0.0.1: no HSTS and no Secure cookies (ADR 0021).
run: export LIAISON_HTTPS ?= 0
run: install assets
	$(BIN)/liaison migrate --no-input -v 0
	@# Hashed names with far-future caching (liaison/core/staticfiles.py); unchanged files are skipped.
	$(BIN)/liaison collectstatic --no-input -v 0
	$(BIN)/liaison demo --seed 1 --if-empty
	$(BIN)/liaison reporting refresh
	@echo "Serving Liaison on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	@# The store is refreshed again every LIAISON_REPORTING_REFRESH_SECONDS (default 300) while the server runs.
	@# The audit log and event tables are sealed into their hash chain every LIAISON_AUDIT_SEAL_SECONDS (ADR 0017).
	@# Workers, their class and limits: gunicorn.conf.py (a measured choice; README "Sizing the server").
	$(BIN)/liaison reporting refresh --every $${LIAISON_REPORTING_REFRESH_SECONDS:-300} >/dev/null & refresh=$$!; \
	$(BIN)/liaison audit seal --every $${LIAISON_AUDIT_SEAL_SECONDS:-300} >/dev/null & seal=$$!; \
	trap 'kill $$refresh $$seal 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn liaison.wsgi --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) --access-logfile -

lint: install
	$(BIN)/ruff check liaison tests
	$(BIN)/ruff format --check liaison tests
	$(BIN)/mypy liaison tests
	$(BIN)/lint-imports
	env -u DATABASE_URL $(BIN)/liaison makemigrations --check --dry-run -v 0

# The whole suite on the embedded SQLite database, then again on PostgreSQL when DATABASE_URL
# names one. In CI (LIAISON_CI=1) PostgreSQL is required, as are the browser tests. The tests run
# on one worker per core (pytest-xdist; each worker has its own test database).
TEST_WORKERS ?= auto
test: install assets lint
	env -u DATABASE_URL $(BIN)/pytest -n $(TEST_WORKERS)
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
		echo "== again on PostgreSQL ($${DATABASE_URL%%@*}@...)"; \
		$(BIN)/pytest -n $(TEST_WORKERS) --create-db -p no:cacheprovider; \
	elif [[ -n "$${LIAISON_CI:-}" ]]; then \
		echo "CI needs DATABASE_URL to name a PostgreSQL database"; exit 1; \
	else \
		echo "(PostgreSQL run skipped: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison to include it)"; \
	fi

clean:
	rm -rf $(VENV) frontend/node_modules liaison/static/nhsuk var
