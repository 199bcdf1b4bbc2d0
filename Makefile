# conflictwire: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# CI=true (as CI services set it): a Chromium or npm that cannot be had stops `make test`, and the tests
# that need PostgreSQL, Chromium or ../shared/data fail instead of skipping (tests/availability.py).
# Locally they skip, each with its reason.
CI_STRICT := $(filter true True TRUE 1 yes,$(CI))

.PHONY: demo test install bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP) web

demo: install
	$(BIN)/conflictwire demo $(DEMO_ARGS)

test: install
	@$(MAKE) --no-print-directory browsers || { \
		if [ -n "$(CI_STRICT)" ]; then echo "make test: CI=true and Chromium could not be installed (above)" >&2; exit 1; fi; \
		echo "make test: no Chromium; the browser tests will be skipped" >&2; }
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The synthetic corpus end to end (bench/run.py), then every stage on real text from ../shared/data
# (bench/real_text.py: skipped, with the reason, when the shared data is absent).
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/real_text.py $(REAL_BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info conflictwire.db

# ---- web workbench: the front-end bundle (npm + esbuild) and the browser for its tests ----
WEB_DIR := web/frontend
WEB_BUNDLE := src/conflictwire/web/static/dist/app.js
.PHONY: web browsers screenshot

web: $(WEB_BUNDLE)

$(WEB_BUNDLE): $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json $(WEB_DIR)/build.mjs $(wildcard $(WEB_DIR)/src/*)
	@if command -v npm >/dev/null 2>&1; then \
		cd $(WEB_DIR) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build; \
	elif [ -n "$(CI_STRICT)" ]; then \
		echo "make web: CI=true and npm is not installed: the workbench bundle (needed by the browser tests) cannot be built" >&2; \
		exit 1; \
	else \
		echo "make web: npm not found, the workbench bundle is not built (the JSON API still works)" >&2; \
	fi

browsers:
	bash scripts/ensure-chromium.sh

screenshot: install web browsers
	$(BIN)/python scripts/screenshot.py

# Fuzzing (docs/reliability.md): every target under hypothesis, FUZZ_EXAMPLES inputs each, then
# schemathesis over the API's OpenAPI spec.  Coverage-guided: `$(BIN)/python fuzz/run.py reader --atheris`.
FUZZ_EXAMPLES ?= 2000
fuzz: install
	$(BIN)/pip install --quiet -e ".[test,fuzz]"
	$(BIN)/python fuzz/run.py --examples $(FUZZ_EXAMPLES)
	CONFLICTWIRE_FUZZ_API_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider fuzz/test_api_schema.py
