# The two set-up commands of the README are `make demo` and `make test`.
# Each creates .venv and installs namenorm into it on first use (PyICU builds from
# source: it needs libicu-dev, pkg-config and a C++ compiler).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

# The main job on the bundled gazetteers: rewrite an example news file, show the diff.
demo: $(VENV)/.installed
	$(BIN)/namenorm rewrite --diff examples/news.txt

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/namenorm gazetteer lint

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py --quick --out bench-out
