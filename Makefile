# parkstar — every target creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  ?= .parkstar/store

.PHONY: demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## load the bundled synthetic sample into the on-disk store and show what it holds
	$(BIN)/parkstar demo --store $(STORE)

lint: $(STAMP)
	$(BIN)/ruff check reasoner api tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

test: lint typecheck unit  ## ruff, mypy and the whole test suite

bench: $(STAMP)  ## benchmarks: print figures and ratios (never asserted)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .parkstar .pytest_cache .mypy_cache .ruff_cache
