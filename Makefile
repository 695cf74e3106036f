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

# The example is coded twice over: the readable report of one article, then the
# same article stored in the default embedded store (./parley.db, SQLite) and the
# negotiation state computed from it. Re-running is safe (the article is a duplicate).
demo: setup
	$(BIN)/parley analyze examples/ceasefire_talks.txt --date 2025-03-14
	$(BIN)/parley ingest examples/ceasefire_talks.txt --date 2025-03-14 --report
	$(BIN)/parley state

test: setup-test
	$(BIN)/python -m pytest

# The quality gates alone (gold sets in tests/gold, floors pinned in their baselines).
eval: setup-test
	$(BIN)/parley eval --gold tests/gold/events/events_gold.jsonl
	$(BIN)/python -m pytest -q tests/events/test_event_gate.py tests/actors/test_gold.py tests/quotes -k "gold or gate"

bench: setup-test
	$(BIN)/python benchmarks/pipeline_bench.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
