# Two entry points: `make demo` and `make test`. Both create the virtual environment
# and install everything newscheck needs from PyPI; nothing else has to be started.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test kb bench clean browser serve

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

# the tests also exercise the plug-in entailment model, so they need torch (CPU) and transformers,
# and --engine ray on a local Ray (the ray extra)
$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,nli,ray,parquet,web,postgres]'
	touch $(TEST_STAMP)

# exit status 1 means "errors found", which is what the examples are for; then the examples go into
# the corpus (corpus.sqlite in the user data dir, or DB=sqlite:///path) and the story with a conflict
# between two of them is shown
demo: $(STAMP)
	$(BIN)/newscheck kb build
	$(BIN)/newscheck check examples/ || [ $$? -eq 1 ]
	$(BIN)/newscheck corpus add examples/ $(if $(DB),--db $(DB))
	$(BIN)/newscheck corpus stories --with-conflicts $(if $(DB),--db $(DB))

# the web app's tests drive Debian's chromium through Playwright (whose own browser download
# cannot be fetched here); installed once, as root, like CI
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# the corpus tests run on SQLite and on the PostgreSQL server at 127.0.0.1:5432 (CI has one):
# NEWSCHECK_REQUIRE_PG=1 makes a missing server a failure, not a skip
test: $(TEST_STAMP) browser
	NEWSCHECK_REQUIRE_PG=1 $(BIN)/pytest -q

kb: $(STAMP)
	$(BIN)/newscheck kb build

# the web app on http://127.0.0.1:8000 over the default SQLite corpus (the one `make demo` fills)
serve: $(STAMP)
	$(BIN)/pip install --quiet -e '.[web]'
	$(BIN)/newscheck serve

bench: $(TEST_STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/kb_open.py
	$(BIN)/python bench/coverage.py
	$(BIN)/python bench/realnews.py
	$(BIN)/python bench/blind.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/conflicts.py
	$(BIN)/python bench/corpus.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
