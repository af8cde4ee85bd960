# SoftComInVET portal. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
EXTRAS ?= dev,postgres,elasticsearch,opensearch,browser
STAMP := $(VENV)/.installed-$(shell echo "$(EXTRAS)" | tr ',' '-')
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist for the whole suite: a module's tests stay on one worker (tests/conftest.py)
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS) --dist loadscope

.DEFAULT_GOAL := help
.PHONY: help install messages migrate demo admin run serve load test test-postgres test-elasticsearch test-opensearch test-browser ci lint format check clean npm chromium audit

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed; installing Debian's python3-venv"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }

$(STAMP): $(PY) pyproject.toml requirements/constraints.txt
	@# The mentor pack's PDF (WeasyPrint): Debian's pango and fonts covering Cyrillic and Greek
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's pango and DejaVu fonts for the mentor pack's PDF"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else \
	    echo "The mentor pack's PDF needs pango and fonts: run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core'" >&2; \
	  fi; \
	fi
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements/constraints.txt -e ".[$(EXTRAS)]"
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP) messages ## Create .venv, install the portal with its test tools, compile the catalogues

messages: $(STAMP) ## Compile the interface translations (.po -> .mo)
	@$(PY) scripts/compile_messages.py
	@$(PY) scripts/check_translations.py
	@$(PY) scripts/check_translations.py --domain djangojs

migrate: messages ## Apply database migrations
	$(PY) manage.py migrate --no-input -v0

demo: migrate ## Load the demo content in every language (quick when already loaded)
	$(PY) manage.py load_demo_content

admin: migrate ## Make sure an admin account exists (ADMIN_USERNAME/ADMIN_PASSWORD or printed once)
	$(PY) manage.py ensure_admin

# `make run`: the Site (canonical, hreflang and sitemap links) gets this host and port (set by
# load_demo_content); DEBUG off shows the portal's own 404/500 pages (DEBUG=true: Django's).
run: export PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
run: demo admin ## Set everything up and serve the portal at http://127.0.0.1:8000 (HOST=..., PORT=...)
	@echo "Serving the portal at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DEBUG=$(or $(DEBUG),false) $(PY) manage.py runserver --insecure $(HOST):$(PORT)

serve: messages ## Serve under gunicorn with production settings (scripts/serve; docs/deploy.md)
	HOST=$(HOST) PORT=$(PORT) scripts/serve

# `make load` and `make audit` each serve a copy of the demo database scripts/demo_db.py builds
# once into .cache/demo/ (for the current migrations and demo sources; built first if missing),
# so `make ci` builds it once, for the screenshot test, the audit and the load.
load: messages ## 60 s of bounded load on `make serve` (2 workers) while an editor publishes
	$(PY) benchmarks/load.py

test: messages ## Run the whole test suite on SQLite and the database search backend
	$(PY) manage.py check -v0 --settings=portal.settings.test
	$(PY) manage.py makemigrations --check --dry-run -v0 --settings=portal.settings.test
	$(BIN)/pytest -q -m "not browser" $(XDIST) $(PYTEST_ARGS)

test-postgres: messages ## Run the suite against a real PostgreSQL (started by scripts/postgres)
	url=$$(scripts/postgres start) && DATABASE_URL=$$url $(BIN)/pytest -q --create-db -m "not browser" $(XDIST) $(PYTEST_ARGS)

test-elasticsearch: messages ## Run the search suite against a real Elasticsearch 8 node
	SEARCH_URL=$$(scripts/search-engine start elasticsearch | tail -n1)/ci $(BIN)/pytest -q --create-db -m "not browser" $(XDIST) tests/search $(PYTEST_ARGS)

test-opensearch: messages ## Run the search suite against a real OpenSearch 2 node
	SEARCH_URL=$$(scripts/search-engine start opensearch | tail -n1)/ci $(BIN)/pytest -q --create-db -m "not browser" $(XDIST) tests/search $(PYTEST_ARGS)

test-browser: messages ## Translate, review and publish a page in a real Chromium (tests/browser)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make test-browser needs /usr/bin/chromium: run 'sudo apt-get install chromium' (Debian's package; Playwright's own browser downloads are not used)" >&2; \
	    exit 1; \
	  fi; \
	fi
	BIN=$(BIN) scripts/test-browser $(PYTEST_ARGS)

# Lighthouse and axe-core from npm (package.json, package-lock.json); Debian's node and chromium,
# no browser download (PUPPETEER_SKIP_DOWNLOAD).
node_modules/.package-lock.json: package.json package-lock.json
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "Installing Debian's nodejs and npm for make audit"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; fi
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

npm: node_modules/.package-lock.json ## Install Lighthouse and axe-core from npm (npm ci)

chromium: ## Install Debian's chromium when missing (the browser tests and the audit use it)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "Installing Debian's chromium"; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

audit: messages npm chromium ## Lighthouse (100 x 4) and axe-core (no violation) on the demo, six languages
	$(PY) scripts/audit.py --jobs 3 $(AUDIT_ARGS)

CI_STEPS := lint test test-postgres test-elasticsearch test-opensearch test-browser audit load

ci: ## What .ci/run runs: lint, the suite on SQLite and PostgreSQL, search on both engines, the browser test, Lighthouse and axe-core, the load (each step timed)
	@for step in $(CI_STEPS); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$step || exit 1; \
	  echo "== make $$step: $$(( $$(date +%s) - start )) s"; \
	done

lint: $(STAMP) ## Ruff (lint and format check) and the app layers (import-linter, contracts in pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP) ## Ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Backups (docs/operations.md): one archive holds the database, the media and a manifest.
BACKUP_DIR ?= backups
.PHONY: backup restore clean-data

backup: $(STAMP) ## Back up the database and media into one archive in backups/ (BACKUP_DIR=...)
	$(PY) manage.py backup --output $(BACKUP_DIR)

restore: $(STAMP) ## Restore ARCHIVE=backups/portal-....tar.gz (asks before replacing data; FORCE=yes)
	@if [ -z "$(ARCHIVE)" ]; then \
	  echo "Usage: make restore ARCHIVE=$(BACKUP_DIR)/portal-YYYYmmdd-HHMMSS.tar.gz [FORCE=yes]" >&2; \
	  ls -1t $(BACKUP_DIR)/*.tar.gz 2>/dev/null | head -n 5 | sed 's/^/  /' >&2; exit 2; fi
	$(PY) manage.py restore "$(ARCHIVE)" $(if $(filter yes,$(FORCE)),--force)

clean: ## Remove the virtual environment, caches and collected static files (keeps the data)
	rm -rf $(VENV) .cache staticfiles
	@echo "Kept db.sqlite3, media/ and $(BACKUP_DIR)/ ('make clean-data' deletes the database and media)."

clean-data: ## Delete the local database db.sqlite3 and the uploaded media/ (backups/ is kept)
	@echo "Deleting the local database db.sqlite3 (with its -wal/-shm files) and the uploaded files in media/; $(BACKUP_DIR)/ is kept."
	rm -rf db.sqlite3 db.sqlite3-wal db.sqlite3-shm db.sqlite3-journal media
