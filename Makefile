# War figures: traceable numbers from war reporting.
# `make` (or `make help`) lists the targets. `make report` builds everything;
# `make test` runs lint + the full test suite (installs Debian's chromium if missing).

PY ?= $(shell command -v python3.11 || command -v python3)
VENV = .venv
BIN = $(VENV)/bin
PYTEST_ARGS ?=
REPORT_ARGS ?=
LAB_ARGS ?=
BROWSE_ARGS ?=
BENCH_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv browser validate audit build report test notebooks bench lint format \
	clean distclean draft lab browse hooks baselines chart-baselines

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

build: venv ## Build the processed data sets (and datapackage.json from the dictionary)
	$(BIN)/python -m analysis build
	$(BIN)/python -m analysis export datapackage

draft: venv ## Draft an article into data/drafts/ (ARTICLE=path/to/text.txt)
	@test -n "$(ARTICLE)" || { echo "usage: make draft ARTICLE=path/to/article.txt" >&2; exit 3; }
	$(BIN)/python -m analysis draft "$(ARTICLE)"

report: venv ## Validate, build, run every notebook, publish reports/latest (REPORT_ARGS=...)
	$(BIN)/python -m analysis audit --summary
	$(BIN)/python -m analysis report $(REPORT_ARGS)

test: venv browser ## Lint, format check and run the test suite (PYTEST_ARGS=...)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/python -m pytest -n auto --dist loadscope $(PYTEST_ARGS)

lab: venv ## Start JupyterLab on notebooks/ with the project's kernel (LAB_ARGS=--port 8890)
	$(BIN)/python -m analysis lab $(LAB_ARGS)

browse: venv ## Export data/war-figures.sqlite and open it in Datasette on 127.0.0.1:8001
	$(BIN)/python -m analysis browse $(BROWSE_ARGS)

hooks: venv ## `pre-commit install`: ruff and nbstripout run on every git commit
	$(BIN)/pre-commit install

notebooks: venv ## Re-execute the notebooks in place
	$(BIN)/python -m analysis notebooks

baselines: venv ## Refresh every live baseline (processed data, notebooks, README figures); lists what changed
	$(BIN)/python -m analysis baselines

chart-baselines: venv ## Regenerate the chart images of tests/baseline (fixture corpora) after an intended chart change
	$(BIN)/python -m pytest tests/test_plots.py -o addopts="" -p no:cacheprovider --mpl \
		--mpl-generate-path=tests/baseline -q

bench: venv ## Run the benchmarks (validate, build, report, draft; BENCH_ARGS=--huge adds 20,000 claims)
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_report.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_draft.py

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
