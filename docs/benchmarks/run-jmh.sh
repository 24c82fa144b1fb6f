#!/usr/bin/env bash
# In-process benchmarks with JMH (one fork, 7 x 2 s measurement, one thread; 15 x 2 s warm-up for
# price checks, as the JIT on two cores needs it, and 4 x 2 s for allocations).
# Prints JMH's table and the median of the measured iterations for each benchmark.
# Usage: docs/benchmarks/run-jmh.sh [benchmark regex] [JMH options, e.g. -p mapRows=0,5000]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test > /dev/null
java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" org.openjdk.jmh.Main "${1:-PriceCheckBenchmark}" \
  "${@:2}" -rf json -rff "$WORK/jmh.json" 2>&1 | grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)'
python3 - "$WORK/jmh.json" <<'PY'
import json, statistics, sys
for result in json.load(open(sys.argv[1])):
    raw = [value for fork in result["primaryMetric"]["rawData"] for value in fork]
    params = ",".join(f"{k}={v}" for k, v in result.get("params", {}).items())
    print(f'{result["benchmark"].split(".")[-1]:32s} {params:14s} median {statistics.median(raw):>14,.0f} {result["primaryMetric"]["scoreUnit"]}')
PY
