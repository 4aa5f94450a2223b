# borderlink: `make demo` starts a node with synthetic data; `make test` runs the whole suite.
# Both create the virtual environment first; only Python 3.11+ and make are needed.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	command -v $$p; break; fi; done)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install demo test check lint bench clean

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "borderlink needs Python 3.11 or newer on PATH" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/borderlink demo --port $(PORT)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src

check: lint test

bench: install
	$(BIN)/borderlink bench ingest --records 200000

clean:
	rm -rf $(VENV) var build *.egg-info
