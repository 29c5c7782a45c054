#!/usr/bin/env bash
# The same plans solved by this checkout and by a previous one, side by side in one run (issue 25: never a
# regression at any size). Every solve has the same settings.seed and settings.workBudget, so its plan does
# not depend on the machine's load; settings.terminationSeconds is only the safety cap (a solve that reaches
# it is flagged "CAP": then the load had a say). The two builds alternate which goes first.
#
#   benchmarks/side-by-side.sh [--old DIR] [--budget MOVES] [--cap SECONDS] [--seeds "0 1"] [--no-build] PLAN...
#
# PLAN is  gen:KAMSxACCOUNTS[:MARGIN[:SEED]]  (the command line's generate, margin 1.2 and seed 1 by default),
# or any benchmark dataset name (family/NAME/SEED/KAMSxACCOUNTS, gap/…, a bundled dataset, a file);
# append @MOVES to a plan for a budget of its own, e.g. gen:1500x14000:1.02@12000000. --budget 0: no work
# budget, both builds solve for --cap seconds (equal time limits: then the load decides, so say it).
# DIR (default /work/wt/prev) is a checkout of the previous version; both are built with the benchmark
# profile into their own target/benchmark. Logs and solved plans: benchmarks/local/side-by-side/<timestamp>/.
# The table: both scores, the relative difference of the medium and soft penalties ((new − old) / old,
# negative = the new code is better), the moves evaluated (Timefold's speed × time over the solve; with
# the CP-SAT phases counted into the budget it is the budget), the solve's seconds and the JVM's.
# After the table, per solve, how long each phase took (the log's "phase ended" lines).
set -euo pipefail
cd "$(dirname "$0")/.."
new_dir=$(pwd)
old_dir=/work/wt/prev
budget=8000000
cap=600
seeds="0 1"
build=1
plans=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --old) old_dir="$2"; shift 2 ;;
        --budget) budget="$2"; shift 2 ;;
        --cap) cap="$2"; shift 2 ;;
        --seeds) seeds="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) plans+=("$1"); shift ;;
    esac
done
[[ ${#plans[@]} -gt 0 ]] || { sed -n 2,20p "$0"; exit 2; }
for dir in "$new_dir" "$old_dir"; do
    if [[ $build == 1 ]]; then
        (cd "$dir" && nice -n 10 mvn -o -B -q -Pbenchmark -DskipTests compile dependency:build-classpath \
            -Dmdep.outputFile=target/benchmark/classpath.txt -Dmdep.includeScope=runtime)
    fi
done
classpath() { echo "$1/target/benchmark/classes:$(cat "$1/target/benchmark/classpath.txt")"; }
java_opts=${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmx2g}
out=benchmarks/local/side-by-side/$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
echo "new: $new_dir ($(git -C "$new_dir" rev-parse --short HEAD))  old: $old_dir ($(git -C "$old_dir" rev-parse --short HEAD))"
echo "budget $budget moves unless a plan names its own, cap ${cap} s, seeds $seeds; $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs: $out"

runs=0
for spec in "${plans[@]}"; do
    plan=${spec%@*}
    moves=$budget
    [[ $spec == *@* ]] && moves=${spec##*@}
    if [[ $plan == gen:* ]]; then
        IFS=: read -r _ size margin genseed <<< "$plan"
        margin=${margin:-1.2}
        genseed=${genseed:-1}
        file="$out/gen-${size}-m${margin}-s${genseed}.json"
        java $java_opts -cp "$(classpath "$new_dir")" org.kamplanner.KamPlannerApplication generate \
            --kams "${size%x*}" --accounts "${size#*x}" --margin "$margin" --seed "$genseed" --output "$file" 2>/dev/null
    else
        file=$(java $java_opts -cp "$(classpath "$new_dir")" org.kamplanner.bench.PlanFile "$plan")
    fi
    for seed in $seeds; do
        name="$(basename "${file%.json}")-seed$seed"
        python3 - "$file" "$out/$name.json" "$seed" "$moves" "$cap" <<'PY'
import json, sys
source, target, seed, moves, cap = sys.argv[1:]
document = json.load(open(source))
settings = document.get("settings") or {}
settings.update(seed=int(seed), terminationSeconds=int(cap))
if int(moves) > 0:
    settings["workBudget"] = int(moves)
document["settings"] = settings
json.dump(document, open(target, "w"))
PY
        order="old new"
        (( runs % 2 == 1 )) && order="new old"
        runs=$((runs + 1))
        for which in $order; do
            dir=$new_dir
            [[ $which == old ]] && dir=$old_dir
            start=$(date +%s.%N)
            nice -n 10 java $java_opts -cp "$(classpath "$dir")" org.kamplanner.KamPlannerApplication solve \
                "$out/$name.json" --verbose --bound-seconds 0 --output "$out/$name-$which-solved.json" \
                > "$out/$name-$which.log" 2>&1 || echo "$name $which: the solve failed (see $out/$name-$which.log)"
            echo "wall $(echo "$(date +%s.%N) - $start" | bc) load $(cut -d' ' -f1 /proc/loadavg)" >> "$out/$name-$which.log"
            echo "$(date -u +%H:%M:%S) $name $which done"
        done
    done
done

python3 - "$out" "$cap" "$budget" <<'PY'
import glob, json, os, re, sys
out, cap, budget = sys.argv[1], int(sys.argv[2]), sys.argv[3]
score_re = re.compile(r"(-?\d+)hard/(-?\d+)medium/(-?\d+)soft")

def run(log):
    text = open(log).read()
    r = {"score": None, "moves": None, "solve": None, "wall": None, "load": None, "phases": []}
    m = re.search(r"Solving ended: time spent \((\d+)\), best score \(([^)]*)\), move evaluation speed \((\d+)/sec\)", text)
    if m:
        r["solve"] = int(m.group(1)) / 1000
        r["score"] = tuple(int(x) for x in score_re.search(m.group(2)).groups())
        r["moves"] = int(m.group(1)) * int(m.group(3)) // 1000
    m = re.search(r"^wall ([\d.]+) load ([\d.]+)", text, re.M)
    if m:
        r["wall"], r["load"] = float(m.group(1)), m.group(2)
    before = 0
    for m in re.finditer(r"(Custom|Construction Heuristic|Local Search) phase \((\d+)\) ended: time spent \((\d+)\), best score \(([^)]*)\)", text):
        at = int(m.group(3))
        kind = {"Custom": "custom", "Construction Heuristic": "CH", "Local Search": "LS"}[m.group(1)]
        r["phases"].append(f"{kind}{m.group(2)} {(at - before) / 1000:.1f}s {m.group(4)}")
        before = at
    return r

def rel(old, new):
    if old == new:
        return "0"
    if old == 0:
        return "+inf" if new > old else "-inf"
    return f"{(new - old) / old * 100:+.2f} %"

def fmt(score):
    return "-" if score is None else f"{score[0]}/{score[1]}/{score[2]}"

rows, phases = [], []
for new_log in sorted(glob.glob(os.path.join(out, "*-new.log"))):
    name = os.path.basename(new_log)[:-len("-new.log")]
    new, old = run(new_log), run(new_log[:-len("new.log")] + "old.log")
    document = json.load(open(os.path.join(out, name + ".json")))
    size = f"{len(document['kams'])}x{len(document['accounts'])}"
    same = "-"
    try:
        plans = [json.load(open(os.path.join(out, f"{name}-{w}-solved.json"))) for w in ("old", "new")]
        same = "same" if [a.get("assignedKamId") for a in plans[0]["accounts"]] == \
            [a.get("assignedKamId") for a in plans[1]["accounts"]] else "differ"
    except (OSError, KeyError, ValueError):
        pass
    d_med = d_soft = "-"
    if old["score"] and new["score"]:
        d_med = rel(-old["score"][1], -new["score"][1])
        d_soft = rel(-old["score"][2], -new["score"][2])
    # Only under a budget is reaching the cap worth a flag: without one every solve ends there.
    flag = lambda r: (" CAP" if budget != "0" and r["solve"] and r["solve"] >= cap - 1 else "")
    rows.append([name, size, fmt(old["score"]), fmt(new["score"]), d_med, d_soft,
                 f"{old['moves'] or 0:,}", f"{new['moves'] or 0:,}",
                 f"{old['solve'] or 0:.1f}{flag(old)} / {old['wall'] or 0:.0f}",
                 f"{new['solve'] or 0:.1f}{flag(new)} / {new['wall'] or 0:.0f}", same, f"{old['load']}/{new['load']}"])
    phases.append(f"{name}\n  old: " + "; ".join(old["phases"]) + "\n  new: " + "; ".join(new["phases"]))
head = ["plan", "KAMs x accounts", "old score", "new score", "medium", "soft", "old Timefold moves", "new",
        "old s (solve / JVM)", "new s", "plans", "load old/new"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for row in rows:
    print("| " + " | ".join(row) + " |")
print()
print("\n".join(phases))
PY
