# The two commands: `make run` and `make test`. Everything else is a step they use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
SEED ?= ../shared/seeds/000_fc3dcdb732654b5c.txt
export FACTCHECK_ENV ?= development

.PHONY: run test install install-dev assets translations messages migrate demo lint screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed assets translations
install-dev: $(VENV)/.installed-dev assets translations

# Front-end libraries come from the npm registry through package.json and its lock file.
VENDOR := factcheck/static/vendor
assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js node_modules/chart.js/dist/chart.umd.min.js $(VENDOR)/
	touch $@

# Interface translations: the .po catalogues are committed, the build compiles them to .mo (ignored by git).
# `make messages` merges newly marked strings into the catalogues and lists what French still lacks.
CATALOGUES := $(wildcard factcheck/translations/*/LC_MESSAGES/messages.po)
translations: $(CATALOGUES:.po=.mo)

factcheck/translations/%.mo: factcheck/translations/%.po $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@

messages: $(VENV)/.installed
	$(BIN)/python -m factcheck.catalogues

migrate: install
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) seed-demo
	@if [ -f "$(SEED)" ]; then $(FLASK) load-demo "$(SEED)"; else echo "no seed article at $(SEED); skipping"; fi

run: demo
	$(BIN)/honcho start -f Procfile

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff on everything; mypy on the app (files and per-module strictness in pyproject.toml: strict for the pure core)
lint: install-dev
	$(BIN)/ruff check factcheck tests bench app.py migrations
	$(BIN)/mypy

# The README's screenshots (docs/screenshots/, English and French) from a demo database built in a temporary folder.
screenshots: install-dev
	$(BIN)/python bench/screenshots.py --seed $(SEED)
