#!/usr/bin/env bash
# Peak heap of the hostile-input tests (issue 30), each test method in its own JVM with a small heap:
# the service, its HTTP client and the hostile upload all live in that one JVM, so a test that passes
# with -Xmx256m shows the upload cannot take a 256 MB service down. Prints, per test, the largest heap
# occupancy G1 saw before a collection and the largest live set after one (from -Xlog:gc).
# Usage: benchmarks/hostile-heap.sh [heap, default 256m]
set -euo pipefail
cd "$(dirname "$0")/.."
HEAP=${1:-256m}
OUT=benchmarks/local/hostile-heap-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$OUT"
TESTS=(
  "HostileWorkbookRestTest#aHandWrittenWorkbookWithSharedStringsInlineStringsAndCachedFormulasImports"
  "HostileWorkbookRestTest#aMillionRowsAreRefusedAtTheFirstRowOverTheAccountLimit"
  "HostileWorkbookRestTest#aNumberCellOfAHugeExponentIsRefusedBeforeItIsConverted"
  "HostileWorkbookRestTest#aCellReferenceOutsideExcelsGridIsRefused"
  "HostileWorkbookRestTest#aZipBombOfOneCellOrOneAttributeStopsEarly"
  "HostileWorkbookRestTest#aWorkbookThatInflatesPastTheCapIsRefused"
  "HostileWorkbookRestTest#aDoctypeAndABadSharedStringIndexAre400s"
  "HostileCsvRestTest#rowsPastTheAccountLimitAreRefusedAtTheFirstOver"
  "HostileCsvRestTest#aHeaderOfAMegabyteIsRefusedForWhatItIs"
)
printf '%-90s %8s %12s %12s\n' test result "peak before" "live after"
for t in "${TESTS[@]}"; do
  log="$OUT/${t//[#]/-}.gc.log"
  if nice -n 10 mvn -o -q test -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -DargLine="-Xmx$HEAP -Xlog:gc:file=$PWD/$log" > "$OUT/${t//[#]/-}.out" 2>&1; then result=pass; else result=FAIL; fi
  # G1 lines: "... Pause Young (Normal) (G1 Evacuation Pause) 120M->40M(256M) 5.1ms"
  read -r before after < <(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$log" \
    | awk -F'[M>(-]+' '{ if ($1 > b) b = $1; if ($2 > a) a = $2 } END { print b+0, a+0 }')
  printf '%-90s %8s %10sMB %10sMB\n' "$t" "$result" "$before" "$after"
done
echo "logs: $OUT"
