#!/usr/bin/env bash
# The browser suite three times in a row while every core is kept busy by other work:
# browser tests wait on what the page shows, never on time, so they must pass on a busy
# machine. Writes a summary line per run; exits non-zero if any run failed.
# Usage: scripts/browser_under_load.sh [RUNS]   (make browser-under-load)
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
PY=".venv/bin/python"
CORES="$(nproc)"

# One busy loop per core, each stopping by itself after 30 minutes at the latest.
burners=()
for _ in $(seq 1 "$CORES"); do
  timeout 1800 "$PY" -c "while True: pass" &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null' EXIT

status=0
for run in $(seq 1 "$RUNS"); do
  started=$(date +%s)
  log="$(mktemp)"
  env -u PYTHONDONTWRITEBYTECODE "$PY" -m pytest -q -p no:warnings -m browser >"$log" 2>&1
  code=$?
  result="$(tail -1 "$log")"
  grep -E "^(FAILED|ERROR) " "$log" || true
  [ "$code" -eq 0 ] || cp "$log" "browser-under-load-run-$run.log"  # for a person to read
  rm -f "$log"
  echo "run $run of $RUNS, $CORES busy loops beside it: $result ($(( $(date +%s) - started )) s)"
  [ "$code" -eq 0 ] || status=1
done
exit $status
