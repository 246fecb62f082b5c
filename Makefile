# Two commands on a fresh machine with python3 and make:
#   make run    install, migrate, seed demo data, start web + worker + beat
#   make test   install the test tools and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers for `make test`: auto is one per CPU (tests/conftest.py caps it);
# PYTEST_WORKERS=0 runs the suite in this one process. worksteal: an idle worker takes tests
# queued on a busy one, so a long browser walk near the end does not leave the other idle.
PYTEST_WORKERS ?= auto

.PHONY: run test lint typecheck audit install install-dev messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# supervisord (config/supervisord.conf) starts the embedded Redis, seeds the demo data, then
# runs web, worker and beat, restarting whichever dies; Ctrl-C stops them all.
# The .mo catalogues are build output: compiled from locale/*/django.po before Django starts.
run: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py supervise --seed-demo --port $(PORT)

# The browser tests need a Chromium: found on the machine, or installed (apt as root on Debian,
# else Playwright's download). Without one the rest still runs and those tests fail with advice.
test: $(VENV)/.installed-dev
	-@$(BIN)/python scripts/provision_browser.py >/dev/null
	$(BIN)/python scripts/compile_messages.py
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

audit: $(VENV)/.installed-dev
	bash .ci/supply-chain

# After marking new strings: merge them into locale/*/django.po, translate, commit the .po.
messages: $(VENV)/.installed
	$(BIN)/python scripts/extract_messages.py
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var
	rm -f locale/*/LC_MESSAGES/*.mo
