# War figures: traceable numbers from war reporting.
# `make` (or `make help`) lists the targets. `make report` builds everything;
# `make test` runs lint + the full test suite (installs Debian's chromium if missing).

PY ?= $(shell command -v python3.11 || command -v python3)
VENV = .venv
BIN = $(VENV)/bin
PYTEST_ARGS ?=
REPORT_ARGS ?=
BENCH_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv browser validate audit build report test notebooks bench lint format \
	clean distclean

help: ## Show this help (default goal)
	@echo "Usage: make <target>"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  %-11s %s\n", $$1, $$2}'

venv: $(VENV)/.installed ## Create .venv from requirements.lock (re-runs when pins change)

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -n "$(PY)" || { echo "error: python3.11 (or python3) not found on PATH" >&2; exit 1; }
	@$(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
		|| { echo "error: $(PY) is not Python 3.11; set PY=/path/to/python3.11" >&2; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install -r requirements.lock
	$(BIN)/pip install --no-deps -e .
	touch $@

browser: ## Ensure headless Chromium is installed (Debian package, via apt)
	bash scripts/install-browser.sh

validate: venv ## Validate the raw data against the schemas
	$(BIN)/python -m analysis validate

audit: venv ## Audit figures back to their sources
	$(BIN)/python -m analysis audit

build: venv ## Build the processed data sets
	$(BIN)/python -m analysis build

report: venv ## Validate, build, run every notebook, publish reports/latest (REPORT_ARGS=...)
	$(BIN)/python -m analysis audit --summary
	$(BIN)/python -m analysis report $(REPORT_ARGS)

test: venv browser ## Lint, format check and run the test suite (PYTEST_ARGS=...)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/python -m pytest $(PYTEST_ARGS)

notebooks: venv ## Re-execute the notebooks in place
	$(BIN)/python -m analysis notebooks

bench: venv ## Run the benchmarks (validate, build, report; BENCH_ARGS=--huge adds 20,000 claims)
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_report.py $(BENCH_ARGS)

lint: venv ## ruff check + ruff format --check
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: venv ## ruff format + ruff check --fix
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

clean: ## Remove reports/ and caches (keeps .venv)
	rm -rf reports/ test-artifacts/ .pytest_cache/ .ruff_cache/ .hypothesis/ *.egg-info/
	find . -path ./$(VENV) -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) \
		-exec rm -rf {} +

distclean: clean ## clean, and also remove .venv
	rm -rf $(VENV)
