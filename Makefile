# casegraph: `make run` serves the API on the embedded default, `make test` runs the tests.
# Both create .venv and install the project on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run key browser audit test fuzz check lint typecheck imports schema schema-check migrations migrations-check events events-check

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/casegraph serve

# a new API key: make key [ORG=Demo] [EMAIL=admin@demo.example] [ROLE=admin|reviewer|viewer]
ORG   := Demo
EMAIL := admin@demo.example
key: $(STAMP)
	$(VENV)/bin/casegraph create-api-key --org '$(ORG)' --email '$(EMAIL)' $(if $(ROLE),--role $(ROLE))

NODE_DEPS := tests/browser/node_modules/.package-lock.json
$(NODE_DEPS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_DEPS)

# headless Chromium (Debian's `chromium`) + node: GraphiQL offline, cross-origin CORS + WebSocket
browser: $(STAMP) $(NODE_DEPS)
	$(PY) -m pytest -m browser tests/browser

# the graphql-http GraphQL-over-HTTP server audit: every MUST and SHOULD
audit: $(STAMP) $(NODE_DEPS)
	$(PY) -m pytest -m browser tests/browser/test_http_audit.py

test: $(STAMP)
	$(PY) -m pytest -m "not browser"

FUZZ_SECONDS ?= 90
# schemathesis against a real server on a fresh SQLite database (tests/fuzz/run.py)
fuzz: $(STAMP)
	$(PY) -m tests.fuzz.run --seconds $(FUZZ_SECONDS)

lint: $(STAMP)
	$(VENV)/bin/ruff format --check app tests bench
	$(VENV)/bin/ruff check app tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

imports: $(STAMP)
	$(VENV)/bin/lint-imports

schema: $(STAMP)
	$(PY) -m app export-schema --output schema.graphql

schema-check: $(STAMP)
	$(PY) -m app export-schema | diff -u schema.graphql - && echo "schema.graphql matches the code"

events: $(STAMP)
	$(PY) -m app.events.catalogue

events-check: $(STAMP)
	$(PY) -m app.events.catalogue --check

migrations: $(STAMP)
	$(PY) -m app makemigrations $(NAME)

migrations-check: $(STAMP)
	$(PY) -m app makemigrations --check

check: lint typecheck imports schema-check migrations-check events-check test

