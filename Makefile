# steerco: `make demo` serves the demo council; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CSS := steerco/static/steerco/app.css
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-sqlite test-postgresql lint bench assets install install-dev clean system

# The Debian packages (browser, PDF tools, PostgreSQL): installed as root, or the command printed.
system:
	scripts/system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.development: requirements/base.txt requirements/dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): node_modules/.installed $(wildcard steerco/scss/*.scss)
	npx sass --pkg-importer=node --style=compressed --no-source-map steerco/scss/app.scss $(CSS)

install: $(VENV)/.runtime assets
install-dev: $(VENV)/.development assets
assets: $(CSS)

# Served as production serves it: DEBUG off (Django's debug pages would list every address of
# the site), static files from WhiteNoise (WHITENOISE_USE_FINDERS, so no collectstatic).
demo: install
	$(BIN)/python manage.py migrate --no-input
	TASKS_BACKEND=django_tasks.backends.dummy.DummyBackend $(BIN)/python manage.py load_demo
	@echo ""
	@echo "steerco is serving the demo council at http://$(HOST):$(PORT)/"
	@$(BIN)/python manage.py demo_sign_ins
	DEBUG=0 ALLOWED_HOSTS=$(HOST),localhost,127.0.0.1 \
		TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend \
		$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The rules and pages on both cores (pytest-xdist); the browser tests after them, two at a
# time: each worker drives its own Chromium against its own live server, and a test spends
# most of its time waiting on the page (one at a time took 5 minutes, two 3).
test-sqlite: install-dev system
	$(BIN)/pytest -n 2 -m "not browser"
	$(BIN)/pytest -n 2 -m browser

test-postgresql: install-dev system
	$(BIN)/pytest --postgresql -n 2 -m "not browser"

test: system lint test-sqlite test-postgresql

bench: install-dev
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) node_modules $(CSS) staticfiles .pytest_cache
