#!/usr/bin/env bash
# Load benchmark of the JSON API on loopback with wrk (issues 5 and 14).
#
#   tools/bench/serve-load.sh [WHAT] [SECONDS] [CONNECTIONS]
#
# WHAT is one of
#   network/id   GET .../accounts/network/id/score of one account (default snap/88, the top account)
#   random       GET .../score of one of the top 1,000 accounts, picked at random per request
#   leaderboard  GET /api/v1/leaderboard?limit=100 (the first page, 100 rows)
#   search       GET /api/v1/search?q=PREFIX&limit=10, PREFIX one of 1,110 id prefixes (0-9, 00-99,
#                000-999) picked at random per request: every request ranks all the accounts that match
# Needs a built checkout (mvn -q -DskipTests package) and wrk (Debian package wrk). Loads the demo
# data into a scratch database under target/ once, serves it with `./renown serve` as a user would —
# the launcher's server defaults (G1, a fixed heap; see ./renown) unless RENOWN_JAVA_OPTS says
# otherwise — with --rate-limit 0 (one client at thousands of requests per second would otherwise
# get 429 after its burst of 100), warms up for 15 s, runs wrk, and fails unless every answer was
# a 2xx. The server's settings and its GC pauses during the run are printed after wrk's report.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WHAT="${1:-snap/88}"
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
GC_LOG="$DB_DIR/gc.log"
rm -f "$GC_LOG"
# The launcher's options for serve, plus a GC log to report the pauses.
RENOWN_EXTRA_JAVA_OPTS="-Xlog:gc:file=$GC_LOG" "$ROOT/renown" serve --db "$DB" --port "$PORT" \
  --rate-limit 0 >"$DB_DIR/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  sleep 0.5
done
BASE="http://127.0.0.1:$PORT"
SCRIPT=()
export PATHS="$DB_DIR/paths.txt"
case "$WHAT" in
  random)
    : >"$PATHS"
    CURSOR=""
    for _ in $(seq 1 10); do
      PAGE="$(curl -sf "$BASE/api/v1/leaderboard?limit=100${CURSOR:+&cursor=$CURSOR}")"
      echo "$PAGE" | jq -r '.items[].account | "/api/v1/accounts/\(.network)/\(.id)/score"' >>"$PATHS"
      CURSOR="$(echo "$PAGE" | jq -r '.next_cursor // empty')"
    done
    SCRIPT=(-s "$ROOT/tools/bench/random-path.lua")
    URL="$BASE/"
    ;;
  search)
    : >"$PATHS"
    for p in $(seq 0 9) $(seq -w 0 99) $(seq -w 0 999); do
      echo "/api/v1/search?q=$p&limit=10" >>"$PATHS"
    done
    SCRIPT=(-s "$ROOT/tools/bench/random-path.lua")
    URL="$BASE/"
    ;;
  leaderboard)
    URL="$BASE/api/v1/leaderboard?limit=100"
    ;;
  *)
    URL="$BASE/api/v1/accounts/$WHAT/score"
    ;;
esac
[ "${#SCRIPT[@]}" -eq 0 ] || echo "$WHAT: $(wc -l <"$PATHS") paths, one picked at random per request"
curl -sf "${URL%/}$( [ "${#SCRIPT[@]}" -eq 0 ] || head -1 "$PATHS")" >/dev/null \
  || { echo "server not answering $URL; see $DB_DIR/serve.log" >&2; exit 1; }
wrk -t1 -c"$CONNECTIONS" -d15s "${SCRIPT[@]}" "$URL" >/dev/null   # warm-up: JIT, caches
MARK="$(wc -l <"$GC_LOG")"
OUT="$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency "${SCRIPT[@]}" "$URL")"
echo "$OUT"
echo "server: $(ps -o args= -p "$(pgrep -P $SERVER java || echo $SERVER)" | grep -o -- '-X[^ ]*' | tr '\n' ' ')--rate-limit 0"
tail -n +"$((MARK + 1))" "$GC_LOG" | awk '/Pause/ { n++; ms = $NF + 0; sum += ms; if (ms > max) max = ms }
  END { printf "GC during the run: %d pauses, %.1f ms in all, longest %.1f ms\n", n, sum, max }'
if echo "$OUT" | grep -qE "Non-2xx|Socket errors"; then
  echo "FAIL: errors during the run" >&2
  exit 1
fi
