# Sunshine (阳光政务). `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
HOST   ?= 127.0.0.1
PORT   ?= 8000
DEMO_ENV := DEBUG=1

.PHONY: demo serve test test-fast contract lint bench messages install install-dev clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Sunshine needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements/base.txt requirements/constraints.txt pyproject.toml
	$(PIP) install -r requirements/base.txt -c requirements/constraints.txt
	$(PIP) install --no-deps --no-build-isolation -e . 2>/dev/null || $(PIP) install --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.txt
	$(PIP) install -r requirements/dev.txt -c requirements/constraints.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## The demo: embedded SQLite under var/, demo data, server on http://127.0.0.1:8000
demo: install
	mkdir -p var
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py demo_data
	$(DEMO_ENV) $(BIN)/python manage.py demo_records
	$(DEMO_ENV) $(BIN)/python manage.py demo_requests
	$(DEMO_ENV) $(BIN)/python manage.py demo_interaction
	$(DEMO_ENV) $(BIN)/python manage.py demo_eservices
	$(DEMO_ENV) $(BIN)/python manage.py demo_oversight
	$(DEMO_ENV) $(BIN)/python manage.py demo_bulletins
	$(DEMO_ENV) $(BIN)/python manage.py demo_newmedia
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: install
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## The whole suite (SQLite by default; set DATABASE_URL for PostgreSQL)
test: install-dev
	$(BIN)/python -m tests.check_browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The API contract run: schemathesis over the whole OpenAPI document (docs/api.md#contract-run)
contract: install-dev
	SUNSHINE_API_CONTRACT=1 $(BIN)/python -m pytest tests/api/test_contract_run.py -p no:cacheprovider $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check sunshine tests bench
	$(BIN)/mypy sunshine tests bench

bench: install-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## Extract new strings into the catalogues and compile them (needs GNU gettext)
messages: install-dev
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore=tools --ignore=test-artifacts
	$(BIN)/python tools/fill_english_catalogue.py
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
