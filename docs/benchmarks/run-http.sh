#!/usr/bin/env bash
# HTTP load run on 127.0.0.1 (bounded: every wrk run is 30 s). Needs wrk and sqlite3 (apt-get install wrk sqlite3).
# Measures, in one run: a trivial JSON echo on the same Javalin set-up (the baseline, taking turns with the
# checks), POST /api/price-checks,
# POST /api/price-proposals (durable writes), a 100,000-row batch, start-up time and resident memory.
# Usage: docs/benchmarks/run-http.sh [repeats]   (from the repository root, after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS=${1:-3}
WORK=$(mktemp -d)
ECHO_PORT=7091
PORT=7092
LUA=docs/benchmarks/price-check.lua
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
source docs/benchmarks/lib.sh

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
rps() { awk '/Requests\/sec/ {print $2}'; }
# run wrk, keeping its output in $1 and the CPU seconds wrk itself used in $1.cpu (bash's time keyword)
measure() { local out=$1; shift; local TIMEFORMAT='%U %S'; { time wrk "$@" > "$out"; } 2> "$out.cpu"; }
# microseconds of CPU per answered request: server_us_per_request PID_CPU_BEFORE PID_CPU_AFTER FILES...
us_per_request() { local before=$1 after=$2; shift 2; cat "$@" | awk -v b="$before" -v a="$after" '/requests in/ {n += $1} END {printf "%.1f", (a - b) * 1e6 / n}'; }
wrk_us_per_request() { local cpu=0 n=0; for f in "$@"; do cpu=$(awk -v c="$cpu" '{print c + $1 + $2}' "$f.cpu"); n=$((n + $(awk '/requests in/ {print $1}' "$f"))); done; awk -v c="$cpu" -v n="$n" 'BEGIN {printf "%.1f", c * 1e6 / n}'; }
p99() { awk '$1 == "99%" {v=$2; if (v ~ /ms$/) {sub("ms","",v); print v} else if (v ~ /us$/) {sub("us","",v); print v/1000} else {sub("s","",v); print v*1000}}'; }

./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test > /dev/null

echo "== Governor: java -jar target/governor.jar serve"
START=$(date +%s%N)
java -jar target/governor.jar serve --port $PORT --db "$WORK/bench.db" --home . --demo > "$WORK/governor.log" 2>&1 &
GOV_PID=$!
until curl -sf -o /dev/null localhost:$PORT/health; do sleep 0.05; done
STARTUP_MS=$(( ($(date +%s%N) - START) / 1000000 ))
# the demo users' lines may come just after /health answers: token (lib.sh) waits for them
GOVERNOR_LOG="$WORK/governor.log"
MP_TOKEN=$(token marketplace-lead)
DTC_TOKEN=$(token dtc-lead)
RSS_IDLE=$(ps -o rss= -p $GOV_PID)

echo "== baseline: JSON echo on the same Javalin set-up, serving beside Governor"
java -cp "target/test-classes:target/classes:$(cat "$WORK/cp.txt")" dev.governor.bench.EchoServer $ECHO_PORT > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!
until curl -sf -o /dev/null -X POST -d '{}' localhost:$ECHO_PORT/echo; do sleep 0.2; done
# warm-up until each JIT has settled: Drools generates many classes, and they take one to three minutes of load
WRK_PATH=/echo warm_up $ECHO_PID http://127.0.0.1:$ECHO_PORT
TOKEN=$MP_TOKEN warm_up $GOV_PID http://127.0.0.1:$PORT
# the echo and the checks take turns, so a slower minute on this shared machine falls on both alike
ECHO_CPU=0; CHECK_CPU=0
for i in $(seq "$REPEATS"); do
  before=$(cpu_seconds $ECHO_PID)
  WRK_PATH=/echo measure "$WORK/echo-$i.txt" -t2 -c32 -d30s --latency -s $LUA http://127.0.0.1:$ECHO_PORT
  ECHO_CPU=$(awk -v c=$ECHO_CPU -v a=$before -v b=$(cpu_seconds $ECHO_PID) 'BEGIN {print c + b - a}')
  before=$(cpu_seconds $GOV_PID)
  TOKEN=$MP_TOKEN measure "$WORK/check-$i.txt" -t2 -c32 -d30s --latency -s $LUA http://127.0.0.1:$PORT
  CHECK_CPU=$(awk -v c=$CHECK_CPU -v a=$before -v b=$(cpu_seconds $GOV_PID) 'BEGIN {print c + b - a}')
done
kill $ECHO_PID; wait $ECHO_PID 2>/dev/null || true

# untimed proposals first, until the JIT has settled: the write path has warm-up of its own (on 2026-12-01 the
# first 30 s of proposals ran at a third of the rate of the next); rows are counted from after the warm-up
TOKEN=$MP_TOKEN WRK_PATH=/api/price-proposals warm_up $GOV_PID http://127.0.0.1:$PORT
STORED0=$(sqlite3 "$WORK/bench.db" "select count(*) from proposals")
PROPOSE_CPU0=$(cpu_seconds $GOV_PID)
for i in $(seq "$REPEATS"); do TOKEN=$MP_TOKEN WRK_PATH=/api/price-proposals measure "$WORK/propose-$i.txt" -t2 -c32 -d30s --latency -s $LUA http://127.0.0.1:$PORT; done
PROPOSE_CPU1=$(cpu_seconds $GOV_PID)
STORED=$(( $(sqlite3 "$WORK/bench.db" "select count(*) from proposals") - STORED0 ))
ANSWERED=$(cat "$WORK"/propose-*.txt | awk '/requests in/ {s += $1} END {print s}')
NON2XX=$(cat "$WORK"/propose-*.txt | awk '/Non-2xx/ {s += $5} END {print s + 0}')

awk 'BEGIN {print "sku,channel,price,effective_from"} {split("TEA-001 TEA-002 COF-001 COF-003 GFT-004 ACC-002 COC-001 GFT-001", s, " "); printf "%s,amazon-us,%.2f,'"$BENCH_DAY"'\n", s[(NR % 8) + 1], 10 + (NR % 3000) / 100}' \
  < <(seq 100000) > "$WORK/batch.csv"
# one untimed batch first, so the timed runs do not include the batch path's own JIT warm-up
curl -s -o /dev/null -X POST localhost:$PORT/api/price-checks/batch -H "Authorization: Bearer $MP_TOKEN" \
  -H "Content-Type: text/csv" --data-binary @"$WORK/batch.csv"
for i in $(seq "$REPEATS"); do
  curl -s -o "$WORK/batch-out.json" -w '%{time_total}\n' -X POST localhost:$PORT/api/price-checks/batch \
    -H "Authorization: Bearer $MP_TOKEN" -H "Content-Type: text/csv" --data-binary @"$WORK/batch.csv" >> "$WORK/batch-times.txt"
done
BATCH_ROWS=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$WORK/batch-out.json")
RSS_LOADED=$(ps -o rss= -p $GOV_PID)

ECHO_RPS=$(for f in "$WORK"/echo-*.txt; do rps < "$f"; done | median)
CHECK_RPS=$(for f in "$WORK"/check-*.txt; do rps < "$f"; done | median)
PROPOSE_RPS=$(for f in "$WORK"/propose-*.txt; do rps < "$f"; done | median)
cat <<REPORT

runs per figure: $REPEATS x 30 s (wrk -t2 -c32), median reported; machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB
echo baseline            req/s $ECHO_RPS   p99 ms $(for f in "$WORK"/echo-*.txt; do p99 < "$f"; done | median)
POST /api/price-checks   req/s $CHECK_RPS   p99 ms $(for f in "$WORK"/check-*.txt; do p99 < "$f"; done | median)   ratio to echo $(awk -v a="$CHECK_RPS" -v b="$ECHO_RPS" 'BEGIN {printf "%.0f%%", 100 * a / b}')
  ratio in each turn     $(for i in $(seq "$REPEATS"); do awk -v a="$(rps < "$WORK/check-$i.txt")" -v b="$(rps < "$WORK/echo-$i.txt")" 'BEGIN {printf "%.0f%% ", 100 * a / b}'; done)
POST /api/price-proposals req/s $PROPOSE_RPS   p99 ms $(for f in "$WORK"/propose-*.txt; do p99 < "$f"; done | median)   answered $ANSWERED, non-2xx $NON2XX, rows stored during the timed runs $STORED
batch of 100,000 rows    seconds $(median < "$WORK/batch-times.txt")   (each run: $(tr '\n' ' ' < "$WORK/batch-times.txt")) rows answered $BATCH_ROWS
start-up to first answer ms $STARTUP_MS
CPU per request, in microseconds (server process from /proc, and wrk itself; both share the same $(nproc) cores):
  echo                   server $(us_per_request 0 "$ECHO_CPU" "$WORK"/echo-*.txt)   wrk $(wrk_us_per_request "$WORK"/echo-*.txt)
  price check            server $(us_per_request 0 "$CHECK_CPU" "$WORK"/check-*.txt)   wrk $(wrk_us_per_request "$WORK"/check-*.txt)
  price proposal         server $(us_per_request "$PROPOSE_CPU0" "$PROPOSE_CPU1" "$WORK"/propose-*.txt)   wrk $(wrk_us_per_request "$WORK"/propose-*.txt)
resident memory          idle $((RSS_IDLE / 1024)) MiB, after the load runs $((RSS_LOADED / 1024)) MiB
REPORT
