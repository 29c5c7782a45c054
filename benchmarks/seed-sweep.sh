#!/usr/bin/env bash
# The fixed-move seed sweep (issue 26): the same plans solved with the same settings.seed and
# settings.workBudget once by the command line (the solver alone) and once through the REST service (the
# plan's whole life: admission, queue, solve session, saves, read back), and the two plans compared account
# by account. With a seed and a budget a plan does not depend on the machine's load (docs/model.md), so
# any difference is the service's plumbing changing what the solver sees or returns. Run it before and
# after a change to plan/ and compare the two score columns too.
#
#   benchmarks/seed-sweep.sh [--seeds "0 1 2"] [--budget MOVES] [--jar JAR] DATASET...
#
# DATASET: a bundled dataset name (dach-small, dach-medium, dach-overfull, …). The jar defaults to
# target/kam-planner-*.jar (build it with `mvn -o -q package -DskipTests`). Output: one line per dataset and
# seed with both scores and "same" or the number of accounts whose KAM differs; exit 1 if any differs.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="0 1 2"
budget=300000
jar=$(ls target/kam-planner-*.jar 2>/dev/null | head -1 || true)
datasets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seeds) seeds="$2"; shift 2 ;;
        --budget) budget="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        *) datasets+=("$1"); shift ;;
    esac
done
[[ ${#datasets[@]} -gt 0 && -n $jar ]] || { sed -n 2,13p "$0"; exit 2; }
out=$(mktemp -d /tmp/seed-sweep.XXXXXX)
port=$((18200 + RANDOM % 500))
token=seed-sweep-admin-token-$RANDOM$RANDOM-0123456789abcdef
jar=$(realpath "$jar")
(cd "$out" && exec env KAM_PLANNER_ADMIN_TOKEN=$token nice -n 10 java -Xmx1g -jar "$jar" --server.port=$port \
    > service.log 2>&1) &
service=$!
trap 'kill $service 2>/dev/null || true' EXIT
api() { curl -sf -H "Authorization: Bearer $token" "$@"; }
for _ in $(seq 120); do api "http://localhost:$port/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
echo "jar $jar; budget $budget moves; seeds $seeds; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); files in $out"
printf '%-16s %4s  %-28s %-28s %s\n' dataset seed "command line" "REST service" plans
differ=0
for dataset in "${datasets[@]}"; do
    [[ -f datasets/$dataset.json ]] || { echo "no dataset datasets/$dataset.json" >&2; exit 2; }
    for seed in $seeds; do
        base=$out/$dataset-$seed
        python3 - "$dataset" "$seed" "$budget" > "$base.json" <<'EOF'
import json, sys
dataset, seed, budget = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
doc = json.load(open(f"datasets/{dataset}.json"))
settings = doc.setdefault("settings", {})
settings.update(seed=seed, workBudget=budget, terminationSeconds=600)
settings.pop("unimprovedSeconds", None)
print(json.dumps(doc))
EOF
        nice -n 10 java -Xmx1g -jar "$jar" solve "$base.json" --bound-seconds 0 --output "$base-cli.json" \
            > "$base-cli.log" 2>&1
        id=$(api -X POST "http://localhost:$port/plans" -H 'Content-Type: application/json' \
            --data @"$base.json" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
        while :; do
            status=$(api "http://localhost:$port/plans/$id/status" \
                | python3 -c "import json,sys; print(json.load(sys.stdin)['status'])")
            case $status in COMPLETED|TERMINATED|FAILED) break ;; esac
            sleep 1
        done
        api "http://localhost:$port/plans/$id" > "$base-rest.json"
        line=$(python3 - "$base-cli.json" "$base-rest.json" <<'EOF'
import json, sys
cli, rest = (json.load(open(f)) for f in sys.argv[1:3])
def kams(doc): return {a["id"]: a.get("assignedKamId") for a in doc["accounts"]}
diff = sum(1 for a, k in kams(cli).items() if kams(rest).get(a) != k)
score = lambda d: (d.get("summary") or {}).get("score") or d.get("score")
print(f"{score(cli)!s:28} {score(rest)!s:28} {'same' if diff == 0 else f'{diff} accounts differ'}")
EOF
)
        printf '%-16s %4s  %s\n' "$dataset" "$seed" "$line"
        [[ $line == *same ]] || differ=1
    done
done
exit $differ
