# parkstar — every target creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  ?= .parkstar/store

.PHONY: demo test lint typecheck unit bench clean sysdeps java cjk-font chromium

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## load the bundled sample into the on-disk store, rate it, answer measures, analyse chains
	$(BIN)/parkstar demo --store $(STORE)

lint: $(STAMP)
	$(BIN)/ruff check reasoner api tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# System dependencies: everything `make test` needs beyond Python's packages. Each is checked first; when it is
# missing and this runs as root with apt-get, it is installed from Debian's packages, otherwise make stops with one
# line saying what to install (scripts/require.sh). The README's "Setting up" section mirrors this list.
REQUIRE := sh scripts/require.sh

sysdeps: java cjk-font chromium  ## every system dependency of the tests

java:  ## owlready2's HermiT reasoner checks the ontology in the tests (tests/test_ontology.py)
	@$(REQUIRE) Java "java -version" default-jre-headless \
	  "owlready2's HermiT reasoner (the ontology tests)"

cjk-font:  ## PNG pictures of chains need Chinese glyphs (tests/chains/test_render.py)
	@$(REQUIRE) "a font with Chinese glyphs" "fc-list :lang=zh | grep -q ." "fontconfig fonts-wqy-zenhei" \
	  "PNG chain pictures with Chinese labels (tests/chains/test_render.py)"

chromium:  ## the dashboard's browser tests drive the system's Chromium (tests/dashboard)
	@$(REQUIRE) Chromium "command -v chromium || command -v chromium-browser" chromium \
	  "the dashboard's browser tests (tests/dashboard)"

unit: $(STAMP) sysdeps
	$(BIN)/pytest

test: sysdeps lint typecheck unit  ## ruff, mypy and the whole test suite

bench: $(STAMP)  ## benchmarks: print figures and ratios (never asserted)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .parkstar .pytest_cache .mypy_cache .ruff_cache
