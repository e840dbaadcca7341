# CareerPath: `make run` to serve the site, `make test` to test it. See README.md.
PORT ?= 8000
UV_VERSION := 0.13.8

# The newest Python 3.12+ on the machine; uv never downloads one.
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
UV := $(shell command -v uv 2>/dev/null || echo .uv/bin/uv)
export UV_PYTHON ?= $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
# Local targets run with development settings unless told otherwise (production: DJANGO_DEBUG=0).
export DJANGO_DEBUG ?= 1

VENV := .venv
MANAGE := $(VENV)/bin/python manage.py
# One OEWS release in BLS's three files: the nation and states, every metropolitan and
# nonmetropolitan area, the nation by industry (scripts/extract_oews.py writes them).
OEWS_FILES := data/oews/oews_M2025_nat_st.csv.gz data/oews/oews_M2025_msa.csv.gz data/oews/oews_M2025_nat_ind.csv.gz
# The Spanish interface: the committed catalogue, compiled whenever it changes (never committed).
CATALOGUE := locale/es/LC_MESSAGES/django.mo

.PHONY: messages run test test-fast lint format migrate seed superuser clean browser html-validator screenshots bench audit observatory backup-drill drill bench-scale scan upgrade-check

run: $(VENV)/.synced $(CATALOGUE) migrate seed
	@echo ""
	@echo "CareerPath is starting on http://127.0.0.1:$(PORT)/"
	@echo "To edit content, create your own admin account in another terminal: make superuser"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Tests run in parallel, one worker per CPU (pytest-xdist), a test file to a worker so that a
# module's expensive fixture is built once; TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile

test: $(VENV)/.synced $(CATALOGUE) browser html-validator
	$(PYTEST)

# The loop while working: everything but the browser tests (docs/testing.md).
test-fast: $(VENV)/.synced $(CATALOGUE) html-validator
	$(PYTEST) --ignore=tests/browser -q

# Debian's Chromium for the browser tests (skipped, loudly, where it cannot be installed).
browser:
	@ops/ensure-chromium.sh

# The Nu Html Checker (vnu.jar via npm, run by Java) for the HTML validity test (same rule).
html-validator:
	@ops/ensure-html-validator.sh

screenshots: $(VENV)/.synced $(CATALOGUE) browser
	$(VENV)/bin/pytest tests/browser -m screenshots -q
	@echo "Screenshots are in $${SCREENSHOT_DIR:-screenshots}/"

# Load test of the production server (gunicorn, debug off) with wrk: about 4 minutes.
# Not part of `make test` or CI: it is a benchmark. BENCH_SECONDS=N sets the time per URL.
bench: $(VENV)/.synced $(CATALOGUE)
	$(VENV)/bin/python ops/bench.py

# Cost as content grows: 1× and 10× today's content (synthetic copies, ops/scale_content.py)
# on the local PostgreSQL: import times, queries per page, p50/p99. About 8 minutes.
bench-scale: $(VENV)/.synced $(CATALOGUE)
	$(VENV)/bin/python ops/bench_scale.py

# A site built and edited on an older commit (--from, default: before pay moved to one table)
# migrates to this checkout with every edit, question, plan and figure kept; about a minute.
upgrade-check: $(VENV)/.synced $(CATALOGUE)
	$(VENV)/bin/python ops/upgrade_check.py

# Back up, restore into a fresh database and compare (SQLite and the local PostgreSQL): about
# a minute. Not part of `make test`; docs/operations.md#backups-and-restore.
backup-drill: $(VENV)/.synced $(CATALOGUE)
	$(VENV)/bin/python ops/backup_drill.py

# Two gunicorns behind Debian's nginx on a PostgreSQL and a Redis of its own; publishes, stops
# Redis and PostgreSQL, kills an instance under load, soaks for 60 s: about 3 minutes.
# Not part of `make test`; docs/operations.md#the-failure-drill.
drill: $(VENV)/.synced $(CATALOGUE)
	$(VENV)/bin/python ops/drill.py

# Lighthouse (pinned by ops/lighthouse/package-lock.json) against the production server:
# about 2 minutes. Needs Node.js/npm and Chromium. Not part of `make test` or CI.
audit: $(VENV)/.synced $(CATALOGUE) browser
	$(VENV)/bin/python ops/audit.py

# MDN HTTP Observatory grade of the production server over local HTTPS, offline (Node.js, openssl).
observatory: $(VENV)/.synced $(CATALOGUE)
	$(VENV)/bin/python ops/observatory.py

# wapiti and sqlmap (pinned, in .scanners/, never the site's .venv) against the production server
# on loopback only: about 10 minutes; writes scan-results.md, fails on any finding or any 5xx.
# Not part of `make test` or CI; docs/security.md#make-scan.
scan: $(VENV)/.synced $(CATALOGUE)
	@PYTHON=$(PYTHON) ops/ensure-scanners.sh
	$(VENV)/bin/python ops/scan.py

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.synced
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrate: $(VENV)/.synced
	$(MANAGE) migrate --noinput

# The handbook's profiles and the site's duties for them (and their Spanish), then the content packs (the flagship names its profile), then the
# current OEWS release (bulk inserts; a second run finds nothing to change).
seed: $(VENV)/.synced
	$(MANAGE) import_ooh
	$(MANAGE) import_duties
	$(MANAGE) import_spanish
	$(MANAGE) seed_content
	$(MANAGE) import_oews $(OEWS_FILES)
	$(MANAGE) import_onet
	$(MANAGE) build_next_steps

%.mo: %.po $(VENV)/.synced
	$(MANAGE) compile_catalogue

# After marking new interface text: the catalogue gains its msgids (GNU gettext's xgettext,
# a developer's tool only); write their Spanish in the .po, then make compiles it.
messages: $(VENV)/.synced
	$(MANAGE) makemessages --locale es --no-location --no-obsolete --ignore ".venv/*" --ignore ".uv/*" --ignore "tests/*" --ignore "ops/*" --ignore "scripts/*"

superuser: $(VENV)/.synced
	$(MANAGE) createsuperuser

clean:
	rm -rf $(VENV) .uv .scanners .pytest_cache .ruff_cache staticfiles

# The environment: pinned dependencies from uv.lock, rebuilt when the lock changes.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "CareerPath needs Python 3.12 or newer; found $$($(PYTHON) --version)."; exit 1; }
	$(UV) sync --locked
	@touch $@

# uv itself, when the machine does not have it: installed into .uv with the machine's Python.
.uv/bin/uv:
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
