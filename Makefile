# Cuisines de Quartier — member space. `make run` to try it, `make test` to check it.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# Two cores here; xdist spreads the suite over them.
PYTEST_WORKERS ?= auto

.PHONY: help run test venv check-python chromium lint messages lock clean

help:
	@echo "make run    install, migrate, load the demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   install and run the whole suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint   ruff, the import layers, the types (mypy) and the missing-migrations check"
	@echo "make messages  extract and compile the fr/nl/en catalogs"
	@echo "make lock   re-pin requirements.lock and requirements-test.lock from pyproject.toml"

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
	  echo "Python 3.12 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install it (e.g. 'pyenv install 3.12', or your system's python3.12 package),"; \
	  echo "then run again, or point to it: make PYTHON=python3.12 run"; \
	  exit 1; }

# The virtualenv is rebuilt when it was made by a wrong Python, and updated when the lock moves.
$(BIN)/.installed: requirements.lock requirements-test.lock | check-python
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  echo "Rebuilding $(VENV): it was made by an older Python."; rm -rf $(VENV); fi
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	@touch $@

venv: $(BIN)/.installed

run: venv
	@mkdir -p var/static var/media
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests are never skipped: Debian's Chromium (and pdftotext, which reads the PDF
# sheets back) are installed when we can, else we stop.
chromium:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing=" chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing$$missing for the browser and PDF tests..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null \
	      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; }; \
	  else \
	    echo "The tests need Debian's packages:$$missing."; \
	    echo "Install them as root: apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

test: venv chromium
	@mkdir -p var
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_DEBUG=1 $(BIN)/mypy
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

messages: venv
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l fr -l nl -l en --no-obsolete --no-location \
	  --ignore=.venv --ignore=var --ignore=tests --ignore=scripts
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

# requirements.lock: what production runs. requirements-test.lock: that, plus the test tools.
lock: check-python
	rm -rf var/lockvenv && $(PYTHON) -m venv var/lockvenv
	var/lockvenv/bin/pip install --quiet --upgrade pip
	var/lockvenv/bin/python -c 'import tomllib; d = tomllib.load(open("pyproject.toml", "rb")); print("\n".join(d["project"]["dependencies"]))' > var/requirements.in
	var/lockvenv/bin/python -c 'import tomllib; d = tomllib.load(open("pyproject.toml", "rb")); print("\n".join(d["dependency-groups"]["test"]))' > var/requirements-test.in
	var/lockvenv/bin/pip install --quiet -r var/requirements.in
	{ echo "# Pinned by 'make lock' from pyproject.toml: what production installs."; \
	  var/lockvenv/bin/pip freeze --exclude pip; } > requirements.lock
	var/lockvenv/bin/pip install --quiet -r var/requirements.in -r var/requirements-test.in
	{ echo "# Pinned by 'make lock' from pyproject.toml: the test tools, on top of production's."; \
	  echo "-r requirements.lock"; \
	  var/lockvenv/bin/pip freeze --exclude pip | grep -vxF -f requirements.lock; } > requirements-test.lock
	rm -rf var/lockvenv

clean:
	rm -rf $(VENV) var/static
