# Two commands set everything up on a fresh clone and are safe to repeat:
#   make serve   venv + Python deps + npm ci + runtime build, then serve the demo on 127.0.0.1:8000
#   make test    the same set-up + test deps + a Chromium, then the whole test suite
# Other targets: make lint, make format, make build, make bench, make export DEST=dir, make clean.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve test lint format build bench export setup browser clean

serve: build
	$(PY) serve.py serve --host $(HOST) --port $(PORT)

# The end-to-end tests run twice: pages starting Python as on a first visit, then as on a return visit
# (restoring the memory snapshot). The second pass leaves out the pages that never restore a snapshot, where
# the two are the same: the SDK contract (plain JavaScript), the Kakao fakes' own tests, the stats page
# (JavaScript) and the widget (its host pages run MicroPython and a Pyodide worker, never the snapshot;
# test_widget.py stores one for the site and checks that no widget page fetches it). The second pass also
# runs the restore stress test (tests/e2e/test_restore_stress.py: 20 return visits, 4 at once, beside two
# CPU-bound processes and a disk writer it starts and stops itself). It writes under
# test-results/snapshot-pass/, so the first pass's screenshots in test-results/<page>/ stay.
test: lint build browser
	$(PY) -m pytest
	$(PY) -m pytest tests/e2e --boot=snapshot --output=test-results/snapshot-pass \
		--ignore=tests/e2e/contract --ignore=tests/e2e/test_fakes.py \
		--ignore=tests/e2e/test_widget.py --ignore=tests/e2e/test_stats_page.py

# ruff (lint + format check) over everything; mypy --strict over the library, site tooling, benchmarks and the
# widget's and the playground's Python.
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

build: setup
	$(PY) serve.py build

bench: build browser
	$(PY) bench/boot.py
	$(PY) bench/models.py
	$(PY) bench/webhook.py
	$(PY) bench/widget.py

export: build
	@test -n "$(DEST)" || (echo "usage: make export DEST=folder" >&2; exit 2)
	$(PY) serve.py export $(DEST)

setup: $(VENV)/.installed node_modules/.installed

browser: setup
	@$(PY) -m tests.support.chromium >/dev/null

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test,build,webhook,inspect]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm is missing: install Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf web/runtime node_modules .cache $(VENV) build *.egg-info pysrc/*.egg-info
