#!/usr/bin/env bash
# Times full and summary analysis, a recommendation and an account explanation on solved dach-large
# and dach-xl (ExplainBenchmark, a test-scope main). Usage: benchmarks/explain/run.sh [runs] [solveSeconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/explain-bench.cp -Dmdep.includeScope=test
java -XX:+UseParallelGC -Xmx4g -cp "target/test-classes:target/classes:$(cat target/explain-bench.cp)" \
    org.kamplanner.explain.ExplainBenchmark "${1:-7}" "${2:-10}"
