# parkstar — every target creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  ?= .parkstar/store

.PHONY: demo test lint typecheck unit bench clean cjk-font chromium

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

# PNG pictures of chains need a font with Chinese glyphs (tests/chains/test_render.py fails without one)
cjk-font:
	@fc-list :lang=zh 2>/dev/null | grep -q . \
	  || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && apt-get update -qq \
	       && apt-get install -y -qq fonts-wqy-zenhei >/dev/null; } \
	  || echo "warning: no CJK font; install fonts-wqy-zenhei or fonts-noto-cjk for PNG chain pictures" >&2

# the dashboard's browser tests drive the system's Chromium (tests/dashboard skip, saying why, without one)
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && apt-get update -qq \
	       && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "warning: no Chromium; install Debian's chromium for the dashboard's browser tests" >&2

unit: $(STAMP) cjk-font chromium
	$(BIN)/pytest

test: lint typecheck unit  ## ruff, mypy and the whole test suite

bench: $(STAMP)  ## benchmarks: print figures and ratios (never asserted)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .parkstar .pytest_cache .mypy_cache .ruff_cache
