# Two commands for a newcomer: `make demo` (set up, run parley on the example)
# and `make test` (set up, run the test suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup setup-test eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install -q -e .

setup-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[all,test]'

demo: setup
	$(BIN)/parley analyze examples/ceasefire_talks.txt --date 2025-03-14

test: setup-test
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/python -m pytest tests/gold -q

clean:
	rm -rf $(VENV) build dist src/*.egg-info
