# One-command workflows. `make run` needs only Python 3.11 and npm.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DEMO_TRAINEES ?= 2000
# Test processes (pytest-xdist); each has its own test database and Redis databases.
TEST_WORKERS ?= 2

.PHONY: install assets migrate seed run test lint worker beat bench bench-allocation loadtest browser-under-load clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(PY)
	$(BIN)/pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund --silent

assets: install
	$(PY) scripts/build_assets.py

migrate: install
	DJANGO_SETTINGS_MODULE=config.settings.development $(PY) manage.py migrate --no-input

seed: migrate
	DJANGO_SETTINGS_MODULE=config.settings.development $(PY) manage.py seed_demo --if-empty --trainees $(DEMO_TRAINEES)
	DJANGO_SETTINGS_MODULE=config.settings.development $(PY) manage.py rematch --all
	DJANGO_SETTINGS_MODULE=config.settings.development $(PY) manage.py sweep_stewardship

# The embedded default: SQLite, tasks run eagerly, console email. Nothing else to install.
run: assets seed
	DJANGO_SETTINGS_MODULE=config.settings.development $(PY) manage.py runserver 127.0.0.1:8000

# ruff (imports at the top: PLC0415), the app layers (docs/architecture.md), and types.
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy .

# The linters, then the whole suite. With DATABASE_URL / REDIS_URL set it runs on
# PostgreSQL and Redis (and starts a real Celery worker); otherwise embedded.
test: assets lint
	env -u PYTHONDONTWRITEBYTECODE $(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	env -u PYTHONDONTWRITEBYTECODE $(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# The browser suite three times with every core kept busy (docs/testing.md).
browser-under-load: assets
	bash scripts/browser_under_load.sh 3

worker:
	$(BIN)/celery -A config worker -l info -Q default,matching,imports

beat:
	$(BIN)/celery -A config beat -l info

# Load test (docs/performance.md): gunicorn + locust, 50 users for 2 minutes on loopback.
loadtest:
	LOADTEST_DATABASE_URL=$(LOADTEST_DATABASE_URL) bash scripts/loadtest.sh

# National-scale matching benchmark (docs/performance.md). Needs a scratch PostgreSQL
# database, e.g. BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pipeline_bench
bench: export DJANGO_SETTINGS_MODULE = config.settings.base
bench:
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --no-input
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_matching --trainees 60000 --vacancies 2000 --seed 1

# Allocation round benchmark (docs/performance.md): the solve alone, then a whole round_run
# on the database inside a transaction that is rolled back.
bench-allocation: export DJANGO_SETTINGS_MODULE = config.settings.base
bench-allocation:
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --no-input
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench_allocation --trainees 10000 --posts 1000 --places 5 --choices 10 --seed 1 --database

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles db.sqlite3
