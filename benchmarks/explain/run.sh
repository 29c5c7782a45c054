#!/usr/bin/env bash
# Times full and summary analysis, a recommendation and an account explanation on solved dach-large
# and dach-xl (org.kamplanner.bench.ExplainBenchmark). Usage: benchmarks/explain/run.sh [runs] [solveSeconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Pbenchmark -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark/classpath.txt -Dmdep.includeScope=runtime
java -XX:+UseParallelGC -Xmx4g -cp "target/benchmark/classes:$(cat target/benchmark/classpath.txt)" \
    org.kamplanner.bench.ExplainBenchmark "${1:-7}" "${2:-10}"
