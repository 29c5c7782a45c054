#!/usr/bin/env bash
# Heap of a service solving plans at the body cap (issue 30: "no request may run the heap out";
# plan.FullBodiesRestartTest's load). A fresh service on its own H2 file with the test's settings (2 MB
# body cap, 1 s bounds), eight plans just under the cap (200 KAMs, ~7,200 accounts, 200-character names)
# submitted one after another; every second a class histogram (which forces a full collection: the live
# heap) until all are COMPLETED. Prints the live peak, the live heap once idle and whether the service ran
# out of memory (-XX:+ExitOnOutOfMemoryError). With SAMPLE=0 nothing forces a collection: run it at a
# small heap to see whether the service survives.
# The service runs from a copy of CLASSES (default target/classes: run `mvn -o -q compile` first), so it
# can compare two builds: benchmarks/solve-heap.sh 300m ../old-checkout/target/classes
# Usage: benchmarks/solve-heap.sh [heap, default 300m] [classes dir] [plans, default 8]
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${1:-300m}
CLASSES=$(realpath "${2:-target/classes}")
PLANS=${3:-8}
OUT=$PWD/benchmarks/local/solve-heap-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$OUT/data"
nice -n 10 mvn -o -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
cp -r "$CLASSES" "$OUT/classes"
TOKEN=solve-heap-benchmark-admin-token-0123456789abcdef
PORT=${PORT:-18094}
URL=http://localhost:$PORT
api() { curl -s -H "Authorization: Bearer $TOKEN" "$@"; }

python3 - "$OUT" "$PLANS" <<'PY'
import json, sys
out, plans, cap = sys.argv[1], int(sys.argv[2]), 2 * 1024 * 1024
def name(s): return (s + " " + "n" * 200)[:200]
for p in range(plans):
    d = {"name": "full body %d" % p, "settings": {"terminationSeconds": 1}}
    d["sectors"] = [{"id": "S%d" % s, "maxAccountsPerKam": 1000} for s in range(5)]
    d["regions"] = [{"id": "R%d" % r, "latitude": 47 + r * 0.3, "longitude": 8 + r * 0.5} for r in range(10)]
    d["kams"] = [{"id": "K%d" % k, "name": name("KAM %d/%d" % (p, k)), "homeRegionId": "R%d" % (k % 10),
                  "experienceYears": 10, "capacityMinutes": 200000, "sectorIds": ["S%d" % (k % 5)]} for k in range(200)]
    d["accounts"] = []
    size, a = len(json.dumps(d, separators=(',', ':'))), 0
    while size < cap * 95 // 100:
        x = {"id": "A%d" % a, "name": name("Account %d/%d" % (p, a)), "sectorId": "S%d" % (a % 5),
             "regionId": "R%d" % (a % 10), "tier": "ABC"[a % 3]}
        d["accounts"].append(x); size += len(json.dumps(x, separators=(',', ':'))) + 1; a += 1
    open("%s/plan%d.json" % (out, p), "w").write(json.dumps(d, separators=(',', ':')))
PY

KAM_PLANNER_ADMIN_TOKEN=$TOKEN nice -n 10 java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError -Xlog:gc:file="$OUT/gc.log" \
  -cp "$OUT/classes:$(cat "$OUT/classpath.txt")" org.kamplanner.KamPlannerApplication \
  --spring.datasource.url="jdbc:h2:file:$OUT/data/kam-planner;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE" \
  --kam-planner.data-dir="$OUT/data" --kam-planner.limits.max-body-bytes=2097152 --kam-planner.bound.time-limit=1s \
  --kam-planner.solver.max-unfinished-plans-per-client="$PLANS" --logging.level.org.kamplanner=WARN \
  --server.port=$PORT > "$OUT/service.log" 2>&1 &
PID=$!
until api -f "$URL/plans" >/dev/null; do sleep 1; kill -0 $PID 2>/dev/null || { echo "the service did not start"; exit 1; }; done
if [ "${SAMPLE:-1}" = 1 ]; then
  ( while kill -0 $PID 2>/dev/null; do
      jcmd $PID GC.class_histogram 2>/dev/null | tail -1 | awk '{print $3}'; sleep 1
    done ) > "$OUT/live.txt" &
fi
printf 'heap %s, %s plans at the 2 MB cap, load %s; answers:' "$HEAP" "$PLANS" "$(cut -d' ' -f1-3 /proc/loadavg)"
for ((p = 0; p < PLANS; p++)); do
  printf ' %s' "$(api -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$OUT/plan$p.json" "$URL/plans")"
done
echo
outcome="all $PLANS plans COMPLETED"
for ((t = 0; ; t++)); do
  kill -0 $PID 2>/dev/null || { outcome="the service DIED ($(grep -c OutOfMemoryError "$OUT/service.log" || true) OutOfMemoryError)"; break; }
  [ "$(api "$URL/plans?limit=1000" | grep -o '"status" *: *"COMPLETED"' | wc -l)" -ge "$PLANS" ] && break
  [ $t -ge 600 ] && { outcome="not all COMPLETED within 10 minutes"; break; }
  sleep 1
done
sleep 5 # idle: the certificates saved
kill $PID 2>/dev/null && wait $PID 2>/dev/null || true
echo "$outcome"
if [ -s "$OUT/live.txt" ]; then
  awk '$1 > 0 { if ($1 > max) max = $1; last = $1 } END { printf "live heap: peak %.1f MB, idle %.1f MB\n", max / 1048576, last / 1048576 }' "$OUT/live.txt"
fi
