# The two commands: `make site` and `make test`. Both create .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

.PHONY: site test check lint serve clean

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

site: $(STAMP)
	$(BIN)/ocopkit build
	$(BIN)/ocopkit bundle

serve: $(STAMP)
	$(BIN)/ocopkit handouts
	$(BIN)/ocopkit serve

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) node_modules site dist .pytest_cache
