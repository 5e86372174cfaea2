# Glasnost -- static-site generator for municipal transparency sites.
#
#   make build   build the site into output/ (creates .venv on first run)
#   make test    install dev tools (venv, npm, chromium, java) and run the test suite
#
# SITE=DIR builds, serves or checks another site folder: make build SITE=../my-site
# (its output goes to DIR/output). A new site: make init SITE=../my-site
#
# Other targets: dev-env browser lint serve check bench bench-quick screenshots golden clean

SHELL := /bin/bash
.DEFAULT_GOAL := build

VENV    ?= .venv
PY      := $(VENV)/bin/python
PYTHON3 ?= python3
CHROMIUM ?= /usr/bin/chromium
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check
SITE    ?= .

.PHONY: build dev-env browser test soak mutation lint serve check init bench bench-quick screenshots docs golden clean

# --- environments -----------------------------------------------------------------------

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON3) -m venv $(VENV) || { \
	  echo "error: '$(PYTHON3) -m venv' failed; on Debian: apt-get install python3-venv" >&2; \
	  exit 1; }
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PIP_INSTALL) -r requirements-dev.txt
	@touch $@

# --ignore-scripts: vnu-jar's postinstall would try to download a JDK from outside the
# registries; we use the system java (see `browser`).
node_modules/.installed: package-lock.json package.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

dev-env: $(VENV)/.dev-installed node_modules/.installed

# Debian's chromium (launched by Playwright via executable_path; Playwright's own browser
# downloads are never used), a Java runtime for vnu.jar, OpenSSH's sshd for the deploy
# tests' SFTP server (started by the tests themselves, never as a service), and faketime
# (the reproducibility tests build under two faked wall clocks).
browser:
	@pkgs=""; \
	[ -x "$(CHROMIUM)" ] || pkgs=" chromium fonts-dejavu-core"; \
	command -v java >/dev/null 2>&1 || pkgs="$$pkgs default-jre-headless"; \
	[ -x /usr/sbin/sshd ] || pkgs="$$pkgs openssh-server"; \
	command -v faketime >/dev/null 2>&1 || pkgs="$$pkgs faketime"; \
	if [ -z "$$pkgs" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "make browser: missing Debian packages:$$pkgs" >&2; \
	  echo "  install them as root: sudo apt-get update && sudo apt-get install -y --no-install-recommends$$pkgs" >&2; \
	  exit 1; \
	fi; \
	echo "make browser: apt-get install$$pkgs"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update && apt-get install -y --no-install-recommends $$pkgs

# --- everyday targets -------------------------------------------------------------------

build: $(VENV)/.installed
	$(PY) build.py build --site "$(SITE)"

# The whole suite on two workers; the quick loop is `pytest -m "not browser and not vnu"`.
test: dev-env browser
	$(PY) -m pytest -n 2 -q -m "not soak"

# The long randomised edit sequences of the live preview (tests/test_incremental.py):
# minutes of builds, so not in every `make test`.
soak: dev-env
	$(PY) -m pytest -n 2 -q -m soak

# Mutation testing of the rule modules listed in pyproject.toml ([tool.mutmut]) against
# the quick in-process tests; prints the share of mutants caught. By default the modules
# that fit in about a quarter of an hour on 2 cores; every listed module (over an hour):
#   make mutation MUTANTS=
# or one:  make mutation MUTANTS='glasnost.types.report.*'
MUTANTS ?= glasnost.deadlines.* glasnost.links.*
mutation: $(VENV)/.dev-installed
	rm -rf mutants
	@echo "make mutation: mutmut over $(or $(MUTANTS),every module of [tool.mutmut]) (quiet; minutes)"
	$(PY) -m mutmut run --max-children 2 $(foreach m,$(MUTANTS),'$(m)') >/dev/null || true
	$(PY) tools/mutation_score.py

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check glasnost build.py
	$(PY) -m mypy --strict glasnost build.py

serve: $(VENV)/.installed
	$(PY) build.py serve --site "$(SITE)"

check: dev-env
	$(PY) build.py check --site "$(SITE)"

init: $(VENV)/.installed
	@test "$(SITE)" != "." || { echo "make init: name the new site's folder: make init SITE=../my-site" >&2; exit 1; }
	$(PY) build.py init "$(SITE)"

# Speed against Hugo and Hugo + Pagefind at 1,000 and 10,000 items, and the live preview
# (about 20 min on 2 cores); writes bench/results.json, bench/preview-results.json and
# prints README's speed table. One size or scenario: make bench BENCH_ARGS="--sizes 1000
# --scenarios hugo,one-change" PREVIEW_ARGS="--sizes 1000" (see bench/run.py --help).
BENCH_ARGS ?=
PREVIEW_ARGS ?=
bench: $(VENV)/.dev-installed
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/preview.py $(PREVIEW_ARGS)
	$(PY) bench/table.py

# A first look in about 2 minutes: 1,000 items, one round (three edits), the preview.
bench-quick: $(VENV)/.dev-installed
	$(PY) bench/run.py --sizes 1000 --runs 1 --edits 3 --quiet-wait 2
	$(PY) bench/preview.py --sizes 1000
	$(PY) bench/table.py

docs: $(VENV)/.installed
	$(PY) tools/fieldref.py

# Regenerate tests/golden/*.sha256 after a deliberate change of the built output.
golden: $(VENV)/.installed
	$(PY) tools/golden.py

screenshots: dev-env browser
	$(PY) tools/screenshots.py

clean:
	-$(PY) -c 'import shutil; from pathlib import Path; from glasnost.cache import site_cache_dir; shutil.rmtree(site_cache_dir(Path(".")), ignore_errors=True)'
	rm -rf output output-* .glasnost-cache $(VENV) node_modules \
	  .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -not -path './.git/*' -exec rm -rf {} +
