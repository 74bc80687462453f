# The two commands of the README:
#   make report   set up (idempotent), run every notebook for 宁波 and 余姚 → reports/index.html
#   make test     set up (idempotent), run the test suite
# Set-up (scripts/setup.py): .venv + pip install -e '.[dev]' + a CJK font; a stamp keyed on
# pyproject.toml makes repeated runs fast.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
REPORT_ARGS ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup report test lint format clean

help:
	@echo "make report   run all notebooks (宁波, 余姚) and write HTML reports to reports/"
	@echo "make test     run the test suite"
	@echo "make lint     ruff check + ruff format --check"
	@echo "(both set up .venv, the package and a CJK font first; PYTHON=$(PYTHON))"

setup:
	@$(PYTHON) scripts/setup.py --venv $(VENV)

report: setup
	$(BIN)/ningbo-analysis report $(REPORT_ARGS)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .

clean:
	rm -rf reports .pytest_cache
