# fai — make with no target prints this help.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
OUT    ?= reports
LAB_ARGS ?=

# Where Python may not write bytecode (PYTHONDONTWRITEBYTECODE), every fai process (the command,
# each worker and kernel) would compile fai's sources again: ~0.35 s each. Compile them once
# (a no-op when they are up to date).
BYTECODE = $(BIN)/python -m compileall -q src/fai >/dev/null

.DEFAULT_GOAL := help
.PHONY: help report test test-fast lab bench data clean

help: ## show the documented targets
	@echo "fai — China fixed-asset-investment analytics"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip setuptools wheel

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test,dask,lab]'
	@touch $@ $(VENV)/.installed-run

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name fai --display-name "Python (fai)"
	@touch $@

data: $(VENV)/.installed-run ## build data/processed/ from every file of data/raw/ (`fai build`)
	@$(BYTECODE)
	$(BIN)/fai build

report: data ## build every report from the bundled data into reports/
	$(BIN)/fai run --out $(OUT)

test: $(VENV)/.installed-test ## install the test extras and run the whole test suite
	@$(BYTECODE)
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed-test ## the suite without the slow tier (notebooks, browser)
	@$(BYTECODE)
	$(BIN)/python -m pytest -m "not slow"

lab: $(VENV)/.installed-lab data ## JupyterLab on the "Python (fai)" kernel; options: LAB_ARGS="--port 8899 --no-browser"
	$(BIN)/jupyter lab notebooks/ $(LAB_ARGS)

bench: $(VENV)/.installed-test data ## benchmarks: one JSON line each (FAI_BENCH_FULL=1: the naive loop on every notebook)
	$(BIN)/python benchmarks/run.py

clean: ## remove generated files (data/processed, reports, caches)
	rm -rf data/processed $(OUT) .pytest_cache .hypothesis build *.egg-info src/*.egg-info
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
