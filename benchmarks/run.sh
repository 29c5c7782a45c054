#!/usr/bin/env bash
# Runs the benchmark suite: ./benchmarks/run.sh [--seconds N] [--moves N] [--only NAME]... [dataset...]
# Builds the project with the `benchmark` Maven profile (into target/benchmark, apart from the service
# build), then runs Timefold's benchmarker on a JVM set up like the service's (ParallelGC, 2 GB heap).
# The HTML report and summary.txt land in benchmarks/local/<timestamp>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbenchmark -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark/classpath.txt -Dmdep.includeScope=runtime
exec java ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmx2g} \
    -cp "target/benchmark/classes:$(cat target/benchmark/classpath.txt)" \
    org.kamplanner.bench.BenchmarkRunner "$@"
