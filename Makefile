# Two commands do everything on a fresh machine: `make workbook` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PROFILE ?= cpu-tiny
SHARED_ARTIFACTS ?= ../shared/paper-artifacts
# pytest-xdist: two workers, each test file whole on one, the slow tiers first (tests/scheduling.py).
# XDIST="-n 0" (or plain `python -m pytest`) runs the tests in one process, for debugging.
XDIST ?= -n 2 --dist loadfile

.PHONY: setup toolchains workbook test test-fast lint bench clean

setup: $(VENV)/.installed toolchains

# The pinned stack in a local virtual environment; reinstalled when the pins change.
$(VENV)/.installed: requirements.txt requirements-colab.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# node, a JDK and g++ run the generated programs; installed with apt when missing.
toolchains:
	@bash scripts/install_toolchains.sh

# The main job: every notebook on the cpu-tiny profile (PROFILE=... to change).
workbook: setup
	$(BIN)/python -m helpers.pipeline --profile $(PROFILE) $(if $(wildcard $(SHARED_ARTIFACTS)),--param ARTIFACTS=$(abspath $(SHARED_ARTIFACTS)))

# The whole test suite, including every notebook executed on cpu-tiny.
test: setup
	$(BIN)/python -m pytest $(XDIST)

test-fast: setup
	$(BIN)/python -m pytest $(XDIST) -m "not slow"

# ruff's lint and format checks, and the pre-commit hooks' configuration (the hooks run the same).
lint: setup
	$(BIN)/ruff check helpers tests benchmarks notebooks
	$(BIN)/ruff format --check helpers tests benchmarks notebooks
	$(BIN)/pre-commit validate-config .pre-commit-config.yaml

bench: setup
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf runs .pytest_cache .ruff_cache
