#!/usr/bin/env bash
# The benchmark suite. See benchmarks/README.md.
#   ./benchmarks/run.sh [--seconds N] [--moves N] [--only NAME]... [--search SEARCH]... [--config FILE] [--bound-seconds N] [dataset...]
#       Timefold's benchmarker over the configurations in benchmarks/benchmarkConfig.xml (or FILE) and
#       the service's own searches (SEARCH: annual, large or rebalance; default annual and large); the
#       table ends with each dataset's plan bound and each configuration's gap to it (N s, 60; 0: none).
#   ./benchmarks/run.sh --exact [--timefold-seconds N] [--cpsat-seconds N] [--workers N] [--diff] [dataset...]
#       The service's solver against the OR-Tools CP-SAT optimum (or proven bound).
#   ./benchmarks/run.sh --seeds N [--seconds N | --moves N] [--search SEARCH | --config FILE] [dataset...]
#       One solver configuration (default: the service's annual search) with N random seeds.
#   Any of these takes GAP instances (gap/c05100, benchmarks/data/gap/) and generated families
#   (--family NAME [--size KxA] --seed N; NAME one of org.kamplanner.data.PlanFamilies.NAMES) as datasets.
#   ./benchmarks/run.sh --bound [--solve-seconds N] [--bound-seconds N] [--lp GLOP|PDLP] [--cpsat-seconds N]
#                       [--cpsat-max-pairs N] [--knapsack-seconds N] [--all-pairs] [--lp-max-pairs N] [dataset...]
#       The quality certificate (LP lower bound, org.kamplanner.bound) of a plan the service solved, and its gap.
#   ./benchmarks/run.sh --trajectory [--seconds N] [--seeds N] [--first-seed N] [--search SEARCH] [--events] [dataset...]
#       Every best-solution event of a solve (default: the large search): the best at 3 s, 10 s and the end,
#       when the final coverage was first reached, and the longest time without a new best.
#   ./benchmarks/run.sh --greedy-profile [--runs N] [dataset...]
#       Where the time to a first plan goes: reading, building, the large search's greedy phase (with its repair).
#   ./benchmarks/run.sh --memory [KAMSxACCOUNTS] [REGIONS]
#       The heap a built plan holds (default 1500x15000 over 5,000 regions; docs/deployment.md).
# Builds with the `benchmark` Maven profile (into target/benchmark, apart from the service build) and
# runs on a JVM set up like the service's (ParallelGC; 2 GB heap, the issue's limit for dach-xl).
# Reports land in benchmarks/local/<timestamp>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
main=org.kamplanner.bench.BenchmarkRunner
if [[ "${1:-}" == "--score-speed" ]]; then
    main=org.kamplanner.bench.ScoreSpeed
    shift
elif [[ "${1:-}" == "--seeds" ]]; then
    main=org.kamplanner.bench.SeedSweep
elif [[ "${1:-}" == "--bound" ]]; then
    main=org.kamplanner.bench.BoundReport
    shift
elif [[ "${1:-}" == "--memory" ]]; then
    main=org.kamplanner.bench.PlanMemory
    shift
elif [[ "${1:-}" == "--greedy-profile" ]]; then
    main=org.kamplanner.bench.GreedyProfile
    shift
elif [[ "${1:-}" == "--exact" ]]; then
    main=org.kamplanner.bench.CpSatReference
    shift
elif [[ "${1:-}" == "--trajectory" ]]; then
    main=org.kamplanner.bench.Trajectory
    shift
fi
# --family NAME [--size KAMSxACCOUNTS] --seed N (repeatable): a generated plan of that family
# (org.kamplanner.data.PlanFamilies), passed on as the dataset family/NAME/N[/KxA].
args=()
family=""
size=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --family) family="$2"; size=""; shift 2 ;;
        --size) size="/$2"; shift 2 ;;
        --seed) args+=("family/${family:?--family NAME must come before --seed}/$2$size"); shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
set -- "${args[@]}"
mvn -B -q -Pbenchmark -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark/classpath.txt -Dmdep.includeScope=runtime
exec java ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmx2g} \
    -cp "target/benchmark/classes:$(cat target/benchmark/classpath.txt)" "$main" "$@"
