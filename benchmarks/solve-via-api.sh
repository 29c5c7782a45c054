#!/usr/bin/env bash
# Solves a bundled dataset through a running service and checks the answer against docs/model.md.
# Usage: benchmarks/solve-via-api.sh DATASET [SECONDS]   (service at $URL, default http://localhost:8080)
# The token ($TOKEN, a PLANNER or ADMIN one) defaults to the one the service's first start wrote to
# data/admin-token.
set -euo pipefail
url=${URL:-http://localhost:8080}
token=${TOKEN:-$(cat data/admin-token 2>/dev/null || true)}
[ -n "$token" ] || { echo "set TOKEN (a PLANNER or ADMIN token) or run from the directory whose data/admin-token the service wrote" >&2; exit 2; }
api() { curl -sf -H "Authorization: Bearer $token" "$@"; }
dataset=$1
seconds=${2:-30}
out=${OUT:-/tmp/$dataset-api-solved.json}
doc=$(mktemp)
api "$url/demo-data/$dataset" \
  | python3 -c "import json,sys; d=json.load(sys.stdin); d.setdefault('settings',{})['terminationSeconds']=$seconds; print(json.dumps(d))" > "$doc"
start=$(date +%s.%N)
id=$(api -X POST "$url/plans" -H 'Content-Type: application/json' --data @"$doc" \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
while :; do
  status=$(api "$url/plans/$id/status" | python3 -c "import json,sys; print(json.load(sys.stdin)['status'])")
  case $status in COMPLETED|TERMINATED|FAILED) break ;; esac
  sleep 1
done
end=$(date +%s.%N)
api "$url/plans/$id" > "$out"
echo "$dataset: $status after $(python3 -c "print(round($end - $start, 1))") s; document in $out"
python3 "$(dirname "$0")/check_plan.py" "$out"
