# The two commands: `make site` and `make test`. Both create .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

.PHONY: site test check lint serve clean system-deps test-deps

# Debian packages (WeasyPrint's libraries; Chromium for the tests), installed when
# missing by the same script .ci/run uses.
system-deps:
	bash scripts/system-deps.sh

test-deps:
	bash scripts/system-deps.sh --test

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NODE_STAMP)

check: $(STAMP)
	$(BIN)/ocopkit check

site: system-deps $(STAMP)
	$(BIN)/ocopkit build
	$(BIN)/ocopkit bundle
	$(BIN)/ocopkit bundle --format zim

serve: system-deps $(STAMP)
	$(BIN)/ocopkit handouts
	$(BIN)/ocopkit serve

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

test: test-deps $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) node_modules site dist .pytest_cache
