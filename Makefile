# Samtrygg — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMTRYGG := $(BIN)/samtrygg
STAMP := $(VENV)/.installed-stamp
PO_FILES := $(wildcard src/samtrygg/*/locale/*/LC_MESSAGES/django.po src/samtrygg/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
APPS_WITH_LOCALE := $(patsubst %/locale,%,$(wildcard src/samtrygg/*/locale))
ADDR ?= 127.0.0.1:8000

.PHONY: run test lint bench demo setup messages check-deploy clean help

help:
	@echo "make run     set up, migrate, build the demo and serve it on http://$(ADDR)/"
	@echo "             another address or port: make run ADDR=0.0.0.0:8080"
	@echo "make test    set up and run lint, type checks, the import-purity check and all tests"
	@echo "make lint    ruff, mypy and import-linter only"
	@echo "make bench   run the benchmarks; figures go to benchmarks/results/*.json"
	@echo "make demo    build (or complete) the demo workspace"
	@echo "make messages  extract translatable strings into each app's locale/sv"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

%.mo: %.po
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install gettext (apt install gettext)"; exit 1; }
	msgfmt --check-format -o $@ $<

setup: $(STAMP) $(MO_FILES)

# The demo runs in development mode (DEBUG=1) unless you say otherwise.
run: export DEBUG ?= 1
run: setup
	$(SAMTRYGG) serve --setup $(ADDR)

demo: export DEBUG ?= 1
demo: setup
	$(SAMTRYGG) migrate --noinput
	$(SAMTRYGG) demo

lint: setup
	$(BIN)/ruff check src benchmarks tools
	$(BIN)/ruff format --check src benchmarks tools
	$(BIN)/python tools/lint_budget.py
	DEBUG=1 SAMTRYGG_IGNORE_DOTENV=1 $(BIN)/mypy src/samtrygg
	$(BIN)/lint-imports

# SKIP_LINT=1 runs only the test suite (CI's second database).
test: setup
	@if [ "$(SKIP_LINT)" != "1" ]; then $(MAKE) --no-print-directory lint; fi
	$(BIN)/pytest $(PYTEST_ARGS)

bench: export DEBUG ?= 1
bench: setup
	@mkdir -p benchmarks/results
	@set -e; for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

messages: export DEBUG ?= 1
messages: setup
	@set -e; for app in $(APPS_WITH_LOCALE); do \
	  (cd $$app && ../../../$(SAMTRYGG) makemessages --locale sv --no-obsolete --no-wrap --add-location file --ignore 'tests/*'); \
	done

check-deploy: setup
	$(SAMTRYGG) check --deploy

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
