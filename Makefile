# The two set-up commands of the README: `make demo` and `make test`.
# Each creates .venv and installs namenorm into it on first use (PyICU builds from
# source: it needs libicu-dev, pkg-config and a C++ compiler).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/namenorm match "Vkadimir Pitin" "Ким Чен Ына" "Pchjongjang" "Jasán" "Kazan" "Vladimir Soldatkin"

test: $(VENV)/.installed
	$(BIN)/python -m pytest
