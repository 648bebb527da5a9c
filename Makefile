# Two commands on a fresh machine: `make run` (the nightly flow on the demo boards) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# the default install alone, as a deployment has it: what bench/e2e.py measures `jobradar run` in
RUN_VENV := .venv-run
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: run test lint bench bench-classifiers clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/jobradar run

# The tests also need the `distributed` extra (prefect-dask) for the Dask backfill; `make run` does not.
$(VENV)/.installed-distributed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,dev,distributed]'
	touch $@

test: $(VENV)/.installed-distributed
	$(BIN)/python -m pytest

$(RUN_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(RUN_VENV)
	$(RUN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(RUN_VENV)/bin/python -m pip install --quiet -e .
	touch $@

# the bench extra pulls torch: install the CPU build by its exact version first
bench: $(VENV)/.installed $(RUN_VENV)/.installed
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py

# accuracy on the gold dev set beside the keyword and embedding baselines (README, "Classifier quality")
bench-classifiers: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/compare_classifiers.py --json data/bench/compare_classifiers.json

lint: $(VENV)/.installed
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(RUN_VENV) data .pytest_cache
