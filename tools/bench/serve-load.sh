#!/usr/bin/env bash
# Load benchmark of the JSON API on loopback (issue #5): GET .../score for 60 s with wrk.
#
#   tools/bench/serve-load.sh [ACCOUNT|random] [SECONDS] [CONNECTIONS]
#
# ACCOUNT is network/id (default snap/88, the top account); "random" asks, per request, for one
# of the top 1,000 accounts picked at random.
# Needs a built checkout (mvn -q -DskipTests package) and wrk (Debian package wrk). Loads the
# demo data into a scratch database under target/ once, serves it with rate limiting off, runs
# wrk, and fails unless there were 0 errors. Run it on an otherwise idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ACCOUNT="${1:-snap/88}"
SECONDS_RUN="${2:-60}"
CONNECTIONS="${3:-4}"
DB_DIR="$ROOT/target/bench"
DB="jdbc:duckdb:$DB_DIR/demo.duckdb"
PORT="${RENOWN_BENCH_PORT:-7171}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
mkdir -p "$DB_DIR"
if [ ! -f "$DB_DIR/demo.duckdb" ]; then
  "$ROOT/renown" demo --no-serve --top 1 --db "$DB" >/dev/null
fi
RENOWN_JAVA_OPTS="${RENOWN_JAVA_OPTS:--XX:+UseParallelGC}" "$ROOT/renown" serve --db "$DB" --port "$PORT" \
  --rate-limit 0 >"$DB_DIR/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  sleep 0.5
done
BASE="http://127.0.0.1:$PORT"
SCRIPT=()
if [ "$ACCOUNT" = random ]; then
  export PATHS="$DB_DIR/paths.txt"
  : >"$PATHS"
  CURSOR=""
  for _ in $(seq 1 10); do
    PAGE="$(curl -sf "$BASE/api/v1/leaderboard?limit=100${CURSOR:+&cursor=$CURSOR}")"
    echo "$PAGE" | jq -r '.items[].account | "/api/v1/accounts/\(.network)/\(.id)/score"' >>"$PATHS"
    CURSOR="$(echo "$PAGE" | jq -r '.next_cursor // empty')"
  done
  SCRIPT=(-s "$ROOT/tools/bench/random-path.lua")
  URL="$BASE/"
  echo "random accounts: $(wc -l <"$PATHS") paths"
else
  URL="$BASE/api/v1/accounts/$ACCOUNT/score"
  curl -sf "$URL" >/dev/null || { echo "server not answering $URL; see $DB_DIR/serve.log" >&2; exit 1; }
fi
wrk -t1 -c"$CONNECTIONS" -d15s "${SCRIPT[@]}" "$URL" >/dev/null   # warm-up: JIT, caches
OUT="$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency "${SCRIPT[@]}" "$URL")"
echo "$OUT"
if echo "$OUT" | grep -qE "Non-2xx|Socket errors"; then
  echo "FAIL: errors during the run" >&2
  exit 1
fi
