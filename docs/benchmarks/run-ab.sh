#!/usr/bin/env bash
# Interleaved A/B of builds on this shared, noisy machine: the echo baseline and every given jar serve at
# once (each on its own fresh database); after a warm-up, each round runs wrk on the echo, then on each jar
# in turn, so a slow minute falls on all of them alike. Compare within a round, and the medians of rounds.
# Usage: docs/benchmarks/run-ab.sh ROUNDS SECONDS A.jar B.jar [...]   (from the repository root; copy each
#        build's target/governor.jar aside first). PATH_UNDER_TEST=/api/price-proposals compares proposals.
# Prints per round: requests/s, p99, ratio to the echo, and the server's CPU per request (from /proc).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=$1; SECONDS_PER_RUN=$2; shift 2
WORK=$(mktemp -d)
ECHO_PORT=7091
LUA=docs/benchmarks/price-check.lua
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
source docs/benchmarks/lib.sh
# microseconds of CPU per request from CPU seconds before and after, and the requests answered
us_per_request() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.1f us", (b - a) * 1e6 / n}'; }

./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test > /dev/null
java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" dev.governor.bench.EchoServer $ECHO_PORT > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!
names=(); ports=(); pids=(); tokens=()
port=7100
for jar in "$@"; do
  java -jar "$jar" serve --port $port --db "$WORK/$port.db" --home . --demo > "$WORK/$port.log" 2>&1 &
  names+=("$(basename "$jar")"); ports+=($port); pids+=($!); port=$((port + 1))
done
until curl -sf -o /dev/null -X POST -d '{}' localhost:$ECHO_PORT/echo; do sleep 0.2; done
for i in "${!ports[@]}"; do
  until curl -sf -o /dev/null "localhost:${ports[$i]}/health"; do sleep 0.2; done
  tokens+=("$(awk '/demo user demo-marketplace-lead/ {print $NF}' "$WORK/${ports[$i]}.log")")
done
# warm-up until each JIT has settled: what Drools generates takes one to three minutes of load to compile
WRK_PATH=/echo warm_up $ECHO_PID http://127.0.0.1:$ECHO_PORT
for i in "${!ports[@]}"; do
  WRK_PATH=${PATH_UNDER_TEST:-/api/price-checks} TOKEN=${tokens[$i]} warm_up "${pids[$i]}" "http://127.0.0.1:${ports[$i]}"
done
for round in $(seq "$ROUNDS"); do
  before=$(cpu_seconds $ECHO_PID)
  out=$(WRK_PATH=/echo wrk -t2 -c32 -d"${SECONDS_PER_RUN}"s -s $LUA http://127.0.0.1:$ECHO_PORT)
  echo_rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  line="round $round  echo $echo_rps req/s $(us_per_request "$before" "$(cpu_seconds $ECHO_PID)" "$(awk '/requests in/ {print $1}' <<< "$out")")"
  for i in "${!ports[@]}"; do
    before=$(cpu_seconds "${pids[$i]}")
    out=$(WRK_PATH=${PATH_UNDER_TEST:-/api/price-checks} TOKEN=${tokens[$i]} wrk -t2 -c32 -d"${SECONDS_PER_RUN}"s --latency -s $LUA "http://127.0.0.1:${ports[$i]}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    line="$line | ${names[$i]} $rps req/s p99 $(awk '$1 == "99%" {print $2}' <<< "$out") $(awk -v a="$rps" -v b="$echo_rps" 'BEGIN {printf "%.0f%%", 100 * a / b}') $(us_per_request "$before" "$(cpu_seconds "${pids[$i]}")" "$(awk '/requests in/ {print $1}' <<< "$out")")"
  done
  echo "$line"
done
