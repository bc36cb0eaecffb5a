#!/usr/bin/env bash
# One machine, measured (issue 11, item 2): time and memory from 1M to 10M to 100M interactions.
#
#   tools/bench/scale.sh [SIZE ...]        # default: 1M 10M; e.g. tools/bench/scale.sh 1M 10M 100M
#
# For each SIZE (1M, 10M, 100M or a plain count) it generates SIZE synthetic interactions among
# SIZE/5 accounts over 60 days with `renown generate --seed 1`, as NDJSON and, the same rows, as
# Parquet (kept under target/bench/scale, or SCALE_DIR, and reused), then runs, each as a new JVM
# through the launcher (its default options unless RENOWN_JAVA_OPTS says otherwise, e.g.
# RENOWN_JAVA_OPTS="-XX:+UseSerialGC -Xmn48m -Xmx1g" to check a heap bound):
#   ingest (Parquet)   into a new DuckDB file, inside the database
#   ingest (NDJSON)    into another new DuckDB file, record by record (skipped when SKIP_NDJSON_INGEST=1)
#   score --input      from the generated NDJSON
#   score --db         from that database
#   backfill           of the last day (one snapshot)
# Both scores use --priors, so no calibration is fitted or cached: they time the reading and the
# scoring alone, and the two read the same interactions. Each line reports the wall time, the
# process's peak resident memory (heap, DuckDB's native memory and the JVM), the peak heap in use
# where renown prints it, the database's size, and the load average before the step: on a shared
# 2-core machine, compare runs made side by side.
# Needs a built checkout (mvn -q -DskipTests package) and GNU time (/usr/bin/time, Debian package time).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${SCALE_DIR:-$ROOT/target/bench/scale}"
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
mkdir -p "$DIR"
[ $# -gt 0 ] || set -- 1M 10M

count() {
  case "$1" in
    *M|*m) echo $(( ${1%?} * 1000000 )) ;;
    *K|*k) echo $(( ${1%?} * 1000 )) ;;
    *) echo "$1" ;;
  esac
}

# step NAME LOG COMMAND...: runs COMMAND, prints one row of the table.
step() {
  local name="$1" log="$2"; shift 2
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "TIME %e %M" "$@" >"$log" 2>&1 || { echo "$name failed; see $log" >&2; tail -5 "$log" >&2; exit 1; }
  local wall rss heap
  wall="$(grep '^TIME ' "$log" | tail -1 | cut -d' ' -f2)"
  rss="$(grep '^TIME ' "$log" | tail -1 | cut -d' ' -f3)"
  heap="$(grep -o 'peak heap [0-9,]* MB' "$log" | tail -1 | sed 's/peak heap //; s/ MB//' || true)"
  printf '| %s | %s | %s s | %s MB | %s | %s | %s |\n' "$SIZE" "$name" "$wall" "$(( rss / 1024 ))" \
    "${heap:+$heap MB}" "$(du -m "$DB_FILE" 2>/dev/null | cut -f1 | sed 's/$/ MB/')" "$load"
}

echo "| interactions | step | wall | peak RSS | peak heap | database | load before |"
echo "|---|---|---|---|---|---|---|"
for SIZE in "$@"; do
  N="$(count "$SIZE")"
  M=$(( N / 5 ))
  DATA="$DIR/gen-$SIZE.ndjson.gz"
  PARQUET="$DIR/gen-$SIZE.parquet"
  for f in "$DATA" "$PARQUET"; do
    if [ ! -f "$f" ]; then
      "$ROOT/renown" generate --interactions "$N" --accounts "$M" --seed 1 --days 60 --out "$f" --quiet
    fi
  done
  DB_FILE="$DIR/scale-$SIZE-ndjson.duckdb"
  if [ "${SKIP_NDJSON_INGEST:-0}" != 1 ]; then
    rm -f "$DB_FILE" "$DB_FILE.wal"
    step "ingest (NDJSON)" "$DIR/ingest-ndjson-$SIZE.log" "$ROOT/renown" ingest --input "$DATA" --db "jdbc:duckdb:$DB_FILE"
    rm -f "$DB_FILE" "$DB_FILE.wal"
  fi
  DB_FILE="$DIR/scale-$SIZE.duckdb"
  DB="jdbc:duckdb:$DB_FILE"
  rm -f "$DB_FILE" "$DB_FILE.wal"
  step "ingest (Parquet)" "$DIR/ingest-$SIZE.log" "$ROOT/renown" ingest --input "$PARQUET" --db "$DB"
  step "score --input" "$DIR/score-input-$SIZE.log" "$ROOT/renown" score --input "$DATA" --priors --top 20 \
    --rejects "$DIR/rejects-$SIZE.ndjson"
  step "score --db" "$DIR/score-db-$SIZE.log" "$ROOT/renown" score --db "$DB" --priors --top 20
  step "backfill of one day" "$DIR/backfill-$SIZE.log" "$ROOT/renown" backfill --db "$DB" --priors \
    --from 2023-12-31 --to 2023-12-31
done
