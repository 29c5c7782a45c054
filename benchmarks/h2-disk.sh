#!/usr/bin/env bash
# Disk an H2 plan database takes (issue 30: a 4.5 MB plan made a 352 MB file). For each JDBC URL setting
# below: a fresh service on its own data directory, one plan solved with a save of its best solution every
# second, and the size of kam-planner.mv.db sampled while it solves, once it is done, after a minute idle, and
# after a graceful shutdown (H2 closes the store then). The service runs from a copy of target/classes
# (run `mvn -o -q compile` first); it is this checkout's application.properties with only the URL replaced.
# Usage: benchmarks/h2-disk.sh [dataset, default dach-xl] [solve seconds, default 60] [setting names…]
#   settings: default compress retention compress-retention compress-compact (all when none named)
# SAVE_INTERVAL (default 1s: five times the service's pace, so a minute's solve shows the effect of five).
set -euo pipefail
cd "$(dirname "$0")/.."
DATASET=${1:-dach-xl}
SECONDS_TO_SOLVE=${2:-60}
shift $(( $# > 2 ? 2 : $# ))
declare -A URLS=(
  [default]=""
  [compress]=";COMPRESS=TRUE"
  [retention]=";RETENTION_TIME=5000"
  [compress-retention]=";COMPRESS=TRUE;RETENTION_TIME=5000"
  [compress-compact]=";COMPRESS=TRUE;MAX_COMPACT_TIME=10000"
)
NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=(default compress retention compress-retention compress-compact)
SAVE_INTERVAL=${SAVE_INTERVAL:-1s}
OUT=$PWD/benchmarks/local/h2-disk-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$OUT"
CP_FILE=$OUT/classpath.txt
nice -n 10 mvn -o -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" >/dev/null
# A copy, so that a build in the same checkout meanwhile does not change the service under measurement.
cp -r target/classes "$OUT/classes"
TOKEN=h2-disk-benchmark-admin-token-0123456789abcdef
PORT=${PORT:-18093}
URL=http://localhost:$PORT
doc=$OUT/plan.json
python3 -c "import json,sys; d=json.load(open('datasets/$DATASET.json')); d.setdefault('settings',{})['terminationSeconds']=$SECONDS_TO_SOLVE; print(json.dumps(d))" > "$doc"
mb() { python3 -c "import os,sys; print(round(os.path.getsize(sys.argv[1]) / 1e6, 1) if os.path.exists(sys.argv[1]) else 0)" "$1"; }
api() { curl -sf -H "Authorization: Bearer $TOKEN" "$@"; }

printf 'plan %s: %s MB document, %s s solve, a save every %s; load %s\n' "$DATASET" "$(mb "$doc")" \
  "$SECONDS_TO_SOLVE" "$SAVE_INTERVAL" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-18s %10s %8s %10s %12s %7s\n' setting "peak MB" "done MB" "idle MB" "closed MB" "stop s"
for name in "${NAMES[@]}"; do
  dir=$OUT/$name
  mkdir -p "$dir"
  db=$dir/kam-planner.mv.db
  KAM_PLANNER_ADMIN_TOKEN=$TOKEN nice -n 10 java -Xmx3g -XX:+UseParallelGC -cp "$OUT/classes:$(cat "$CP_FILE")" \
    org.kamplanner.KamPlannerApplication --server.port="$PORT" --kam-planner.data-dir="$dir" \
    --kam-planner.store.save-interval="$SAVE_INTERVAL" --logging.level.org.kamplanner=WARN \
    "--spring.datasource.url=jdbc:h2:file:$dir/kam-planner;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE${URLS[$name]}" \
    > "$dir/service.log" 2>&1 &
  pid=$!
  until curl -sf "$URL/actuator/health" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "$name: the service did not start (see $dir/service.log)"; continue 2; }
    sleep 1
  done
  id=$(api -X POST "$URL/plans" -H 'Content-Type: application/json' --data @"$doc" \
    | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
  peak=0
  while :; do
    status=$(api "$URL/plans/$id/status" | python3 -c "import json,sys; print(json.load(sys.stdin)['status'])")
    peak=$(python3 -c "print(max($peak, $(mb "$db")))")
    case $status in COMPLETED|TERMINATED|FAILED) break ;; esac
    sleep 2
  done
  done_mb=$(mb "$db")
  sleep 60
  idle_mb=$(mb "$db")
  stop_start=$(date +%s.%N)
  kill -TERM $pid
  wait $pid || true
  stop_s=$(python3 -c "print(round($(date +%s.%N) - $stop_start, 1))")
  printf '%-18s %10s %8s %10s %12s %7s\n' "$name" "$peak" "$done_mb" "$idle_mb" "$(mb "$db")" "$stop_s"
done
echo "logs and databases: $OUT (load now $(cut -d' ' -f1-3 /proc/loadavg))"
