#!/usr/bin/env bash
# Slow-connection run on 127.0.0.1 (bounded: 10 s of baseline, then 60 s under attack). Starts Governor, asks /health and
# a price check every 250 ms alone (the baseline), then while 300 connections each declare a 100 kB body and send one
# byte of it every 5 s with a valid token (SlowClients reopens any the server drops). Prints both sets of latencies.
# Usage: docs/benchmarks/run-slow.sh [connections] [seconds] [body|headers]   (from the repository root, after
#        ./mvnw -q package -DskipTests); headers trickles each request's headers instead of its body.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS=${1:-300}
SECONDS_UNDER=${2:-60}
MODE=${3:-body}
WORK=$(mktemp -d)
PORT=7093
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
source docs/benchmarks/lib.sh
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test > /dev/null
start_governor $PORT
echo "== $(git rev-parse --short HEAD), $CONNECTIONS slow-$MODE connections for $SECONDS_UNDER s"
java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" dev.governor.bench.SlowClients $PORT \
  "$(token marketplace-lead)" "$CONNECTIONS" "$SECONDS_UNDER" "$MODE"
echo "resident memory after: $(( $(ps -o rss= -p "$GOVERNOR_PID") / 1024 )) MiB"
