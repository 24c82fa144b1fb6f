#!/usr/bin/env bash
# Budget shifts under load on 127.0.0.1 (bounded: every wrk run is 30 s). Needs wrk and sqlite3.
# Measures, in one run and on one server: POST /api/price-proposals by the DTC lead (durable writes of
# issue 2: the baseline), POST /api/budget-shifts (each evaluated by the budget rules inside the
# serialised write that records it, so no two spend the same flex), and GET /api/budget/weeks/{week}
# twice: for a week with 100 shifts (a busy real week) and for a week the load filled with thousands.
# Reports medians and checks that the recorded shifts never overspend.
# Usage: docs/benchmarks/run-budget.sh [repeats]   (from the repository root, after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS=${1:-3}
WORK=$(mktemp -d)
PORT=7096
LUA=docs/benchmarks/budget.lua
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '$1 == "99%" {v=$2; if (v ~ /ms$/) {sub("ms","",v); print v} else if (v ~ /us$/) {sub("us","",v); print v/1000} else {sub("s","",v); print v*1000}}'; }
non2xx() { awk '/Non-2xx/ {s += $5} END {print s + 0}'; }

source docs/benchmarks/lib.sh
start_governor $PORT
TOKEN=$(token dtc-lead)
GM_TOKEN=$(token gm)
export TOKEN

# a busy real week: 100 shifts in $BENCH_QUIET_WEEK, recorded before the load
for i in $(seq 100); do
  curl -s -o /dev/null -X POST localhost:$PORT/api/budget-shifts -H "Authorization: Bearer $TOKEN" \
    -d '{"week":"'"$BENCH_QUIET_WEEK"'","fromLine":"google-shopping","toLine":"meta-prospecting","amount":10,"marginalRoas":3}'
done
# warm-up of both paths until the JIT has settled (Drools classes, the write path)
WRK_PATH=/api/price-proposals warm_up $GOVERNOR_PID http://127.0.0.1:$PORT
warm_up $GOVERNOR_PID http://127.0.0.1:$PORT
for i in $(seq "$REPEATS"); do
  WRK_PATH=/api/price-proposals wrk -t2 -c32 -d30s --latency -s $LUA http://127.0.0.1:$PORT > "$WORK/propose-$i.txt"
  wrk -t2 -c32 -d30s --latency -s $LUA http://127.0.0.1:$PORT > "$WORK/shift-$i.txt"
done
for i in $(seq "$REPEATS"); do
  TOKEN=$GM_TOKEN WRK_METHOD=GET WRK_PATH=/api/budget/weeks/$BENCH_QUIET_WEEK wrk -t2 -c32 -d30s --latency -s $LUA \
    http://127.0.0.1:$PORT > "$WORK/quiet-$i.txt"
  TOKEN=$GM_TOKEN WRK_METHOD=GET WRK_PATH=/api/budget/weeks/${BENCH_WEEKS%% *} wrk -t2 -c32 -d30s --latency -s $LUA \
    http://127.0.0.1:$PORT > "$WORK/week-$i.txt"
done
SHIFTS=$(sqlite3 "$WORK/governor.db" "select count(*) from budget_shifts")
OVERSPENT=$(for week in $BENCH_WEEKS; do
  curl -s localhost:$PORT/api/budget/weeks/$week -H "Authorization: Bearer $GM_TOKEN"
  echo; done | python3 -c 'import json, sys; print(sum(1 for l in sys.stdin if l.strip() for line in json.loads(l)["lines"] if float(line["remaining"]) < 0))')
PROPOSE_RPS=$(for f in "$WORK"/propose-*.txt; do rps < "$f"; done | median)
SHIFT_RPS=$(for f in "$WORK"/shift-*.txt; do rps < "$f"; done | median)
cat <<REPORT

runs per figure: $REPEATS x 30 s (wrk -t2 -c32), median reported; machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB
POST /api/price-proposals (baseline) req/s $PROPOSE_RPS   p99 ms $(for f in "$WORK"/propose-*.txt; do p99 < "$f"; done | median)   non-2xx $(cat "$WORK"/propose-*.txt | non2xx)
POST /api/budget-shifts              req/s $SHIFT_RPS   p99 ms $(for f in "$WORK"/shift-*.txt; do p99 < "$f"; done | median)   non-2xx $(cat "$WORK"/shift-*.txt | non2xx)   ratio to baseline $(awk -v a="$SHIFT_RPS" -v b="$PROPOSE_RPS" 'BEGIN {printf "%.0f%%", 100 * a / b}')
GET /api/budget/weeks/$BENCH_QUIET_WEEK       req/s $(for f in "$WORK"/quiet-*.txt; do rps < "$f"; done | median)   p99 ms $(for f in "$WORK"/quiet-*.txt; do p99 < "$f"; done | median)   (100 shifts that week)
GET /api/budget/weeks/${BENCH_WEEKS%% *}       req/s $(for f in "$WORK"/week-*.txt; do rps < "$f"; done | median)   p99 ms $(for f in "$WORK"/week-*.txt; do p99 < "$f"; done | median)   ($SHIFTS recorded shifts in all, a quarter of them that week)
lines left with negative flex in $BENCH_WEEKS: $OVERSPENT
REPORT
