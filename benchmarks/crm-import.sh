#!/usr/bin/env bash
# How fast a CRM export imports (issue 27; RESULTS.md, "Session 8: CRM import"):
#   benchmarks/crm-import.sh [ACCOUNTS] [KAMS] [RUNS]
# Writes a Salesforce-style German Excel export of ACCOUNTS rows (15000) and an HR list of KAMS (1500) with
# the test sources' generator (crm.CrmFixtures), then times CrmImport on them RUNS times (5), as
# POST /plans/import/crm?solve=false does without HTTP. Files land in benchmarks/local/crm-<ACCOUNTS>/.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts="${1:-15000}"
kams="${2:-1500}"
runs="${3:-5}"
folder="benchmarks/local/crm-$accounts"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.kamplanner.crm.CrmFixtures \
    "$folder" "$accounts" "$kams" 27
mvn -B -q -o -Pbenchmark -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/benchmark/classpath.txt -Dmdep.includeScope=runtime
ls -l "$folder"
exec java ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmx2g} -cp "target/benchmark/classes:$(cat target/benchmark/classpath.txt)" \
    org.kamplanner.crm.CrmImportBenchmark "$folder/accounts.csv" "$folder/kams.csv" "$runs"
