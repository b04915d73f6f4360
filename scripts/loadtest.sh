#!/usr/bin/env bash
# Load test: gunicorn on loopback against national-scale demo data, then locust for 2 minutes
# with 50 users. Needs LOADTEST_DATABASE_URL (a scratch PostgreSQL database) and REDIS_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${LOADTEST_DATABASE_URL:?set LOADTEST_DATABASE_URL to a scratch PostgreSQL database}"
export DATABASE_URL="$LOADTEST_DATABASE_URL" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/2}"
export SECRET_KEY="${SECRET_KEY:-$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))')}"
export DJANGO_SETTINGS_MODULE=config.settings.loadtest
PY=.venv/bin/python
.venv/bin/pip install --quiet locust==2.47.0
$PY manage.py migrate --no-input
if [ "${LOADTEST_RESEED:-1}" = 1 ]; then
  $PY manage.py seed_demo --trainees 60000 --seed 1 --reset
  $PY manage.py rematch --all
  $PY manage.py sweep_stewardship
fi
$PY manage.py collectstatic --no-input --verbosity 0
# Keep-alive longer than a simulated user's longest pause (2 s): otherwise a client can
# reuse a connection at the moment the server closes it, and sees a reset.
.venv/bin/gunicorn config.wsgi:application --bind 127.0.0.1:8001 --workers 4 --threads 2 --keep-alive 5 \
  --env DJANGO_SETTINGS_MODULE=config.settings.loadtest --log-level warning &
GUNICORN=$!
trap 'kill $GUNICORN' EXIT
sleep 5
.venv/bin/locust -f loadtest/locustfile.py --headless --host http://127.0.0.1:8001 \
  --users 50 --spawn-rate 10 --run-time 2m --only-summary --csv loadtest/results
