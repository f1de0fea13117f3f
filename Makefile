# Two entry points: `make demo` and `make test`. Both create the virtual environment
# and install everything newscheck needs from PyPI; nothing else has to be started.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test kb bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

# the tests also exercise the plug-in entailment model, so they need torch (CPU) and transformers,
# and --engine ray on a local Ray (the ray extra)
$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,nli,ray,parquet]'
	touch $(TEST_STAMP)

# exit status 1 means "errors found", which is what the examples are for
demo: $(STAMP)
	$(BIN)/newscheck kb build
	$(BIN)/newscheck check examples/ || [ $$? -eq 1 ]

test: $(TEST_STAMP)
	$(BIN)/pytest -q

kb: $(STAMP)
	$(BIN)/newscheck kb build

bench: $(TEST_STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/kb_open.py
	$(BIN)/python bench/coverage.py
	$(BIN)/python bench/realnews.py
	$(BIN)/python bench/blind.py
	$(BIN)/python bench/scale.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
