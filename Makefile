# Decide IEEM — the commands a developer needs. `make help` lists them.
SHELL := /bin/bash
PYTHON_BIN := $(shell scripts/find-python)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run install setup test test-postgres test-replica test-e2e lint format bench bench-load clean

help:
	@echo "make run            create .venv, install, migrate, load data and serve on http://$(HOST):$(PORT)"
	@echo "make test           the whole test suite on SQLite"
	@echo "make test-postgres  the same suite on PostgreSQL (DATABASE_URL or the local server)"
	@echo "make test-replica   the read replica against a PostgreSQL streaming replica (scripts/pg-replica start)"
	@echo "make test-e2e       browser journeys in headless Chromium"
	@echo "make lint           ruff check, ruff format --check, djhtml --check, lint-imports (dependency rules)"
	@echo "make bench          benchmarks under bench/"
	@echo "make bench-load     election-night load: pages cached/uncached vs a static file (needs wrk)"

$(PY):
	@test -n "$(PYTHON_BIN)" || exit 1
	$(PYTHON_BIN) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_site

run: setup
	@echo ""
	@echo "  Decide IEEM: http://$(HOST):$(PORT)/"
	@echo "  Administración: http://$(HOST):$(PORT)/admin/  (usuario: admin · contraseña: decide-ieem-demo)"
	@echo "  Cambiar de fase del calendario: $(PY) manage.py election_phase campaign|silence|results|delivery"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# Tests run in parallel, one worker per core (pytest-xdist); PYTEST_WORKERS=0 runs them in one process.
# worksteal: each worker starts on its own half of the (shuffled) list, so the
# tests of a file mostly stay on one worker (one snapshot restore, not one per
# test), and an idle worker takes tests from the busy one's queue, so a long
# test (the end-to-end crawl, the permission walks) does not end the run alone.
PYTEST_WORKERS ?= auto
PYTEST_DIST ?= worksteal
# Plugins the unit suite does not use, not loaded in each of its processes
# (the browser journeys of make test-e2e need playwright's; the schemathesis
# test calls the library, not its pytest plugin).
PYTEST_UNUSED := -p no:playwright -p no:schemathesis -p no:anyio -p no:faker
# pytest rewrites the asserts of ~360 modules (the tests and its plugins'
# packages) in every process; it keeps them in __pycache__ unless
# PYTHONDONTWRITEBYTECODE is set (as in some containers), then redoes it each time.
PYTEST_ENV := env -u PYTHONDONTWRITEBYTECODE

test: install
	$(PYTEST_ENV) $(PY) -m pytest $(PYTEST_UNUSED) -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/decide_ieem} $(PYTEST_ENV) $(PY) -m pytest $(PYTEST_UNUSED) -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST) $(PYTEST_ARGS)

# The read replica (home/replica.py) against a real streaming replica of the
# primary: scripts/pg-replica start makes one on 127.0.0.1:$(REPLICA_PORT). In
# one process, in file order: the tests pause the standby's replay (cluster-wide).
# Without the replica this fails (it never skips).
REPLICA_PORT ?= 5433
REPLICA_DB_URL = $${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/decide_ieem}
test-replica: install
	@PG_REPLICA_PORT=$(REPLICA_PORT) scripts/pg-replica status >/dev/null || { echo "make test-replica: FAILED: no PostgreSQL streaming replica on 127.0.0.1:$(REPLICA_PORT); start one with scripts/pg-replica start" >&2; exit 1; }
	url=$(REPLICA_DB_URL); \
	DATABASE_URL=$$url DATABASE_REPLICA_URL=$${DATABASE_REPLICA_URL:-postgres://postgres@127.0.0.1:$(REPLICA_PORT)/$${url##*/}} \
	$(PYTEST_ENV) $(PY) -m pytest tests/replica $(PYTEST_UNUSED) -n 0 -p no:randomly $(PYTEST_ARGS)

# Browser journeys are stories in file order (journey 5 approves what journey 4 submitted),
# so they do not run shuffled; the unit suite does (pytest-randomly).
test-e2e: install
	scripts/e2e-prepare
	$(PY) -m pytest tests/e2e -p no:cacheprovider -p no:randomly $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $$(find templates -name '*.html')
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $$(find templates -name '*.html')

bench: install
	$(PY) bench/run.py

# Election-night load (issue 19): gunicorn + wrk, cached and uncached pages
# against the static-file floor; exits 1 when a budget is missed.
bench-load: install
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
