# The two commands of the README:
#   make report   set up (idempotent), run every notebook for 宁波 and 余姚 → reports/index.html
#                 (one worker per core; outputs replaced only by notebooks that succeed)
#   make test     set up (idempotent), run the test suite
# Set-up (scripts/setup.py): .venv + pip install -e '.[all,dev]' + a CJK font; a stamp keyed on
# pyproject.toml makes repeated runs fast.

# Python writes the .pyc files of the modules it imports (once, into .venv and the package):
# where PYTHONDONTWRITEBYTECODE is set (CI, this machine) every import in every test, kernel
# and report compiled from source again, and set-up no longer compiles all of .venv ahead
unexport PYTHONDONTWRITEBYTECODE

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
REPORT_ARGS ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
LAB_PORT ?= 8888
.PHONY: help setup report test lint format clean lab screenshots browser-check docs

help:
	@echo "make report   run all notebooks (宁波, 余姚, in parallel) and write HTML reports to reports/"
	@echo "make test     run the test suite"
	@echo "make lint     ruff check + ruff format --check + layout rules + mypy --strict on the public API"
	@echo "make docs     the documentation site (mkdocs-material + mkdocstrings) → site/ (offline)"
	@echo "make lab      JupyterLab on the project's kernel (prints the URL; works as root)"
	@echo "make screenshots  every report in reports/ → reports/screenshots/*.png (headless chromium)"
	@echo "make browser-check  each report loads offline in chromium, no e-notation on the page"
	@echo "(both set up .venv, the package and a CJK font first; PYTHON=$(PYTHON))"

setup:
	@$(PYTHON) scripts/setup.py --venv $(VENV)

report: setup
	$(BIN)/ningbo-analysis report $(REPORT_ARGS)

# in parallel, one worker per core; the slow tests (wheel install, notebooks, browser) are
# marked `slow` and run too (-m "not slow" to skip them); one wheel venv per worker group
test: setup
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/check_layout.py
	$(BIN)/python -m mypy

docs: setup
	$(BIN)/mkdocs build --site-dir site

format: setup
	$(BIN)/ruff format .

lab: setup
	@KERNEL=$$($(BIN)/python -c "from ningbo_analysis.run.report import ensure_kernel; print(ensure_kernel())") && \
	ROOT_FLAG=$$( [ "$$(id -u)" = 0 ] && echo --allow-root ) && \
	echo "JupyterLab on kernel $$KERNEL; open the URL printed below (notebooks/ …)" && \
	$(BIN)/jupyter lab $$ROOT_FLAG --no-browser --ip=127.0.0.1 --port=$(LAB_PORT) \
		--ServerApp.root_dir="$(CURDIR)" --MappingKernelManager.default_kernel_name=$$KERNEL

screenshots: setup
	$(BIN)/python scripts/browser.py screenshots reports

browser-check: setup
	$(BIN)/python scripts/browser.py check reports

clean:
	rm -rf reports site .pytest_cache
