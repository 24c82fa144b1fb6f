#!/usr/bin/env bash
# Hot swap under load on 127.0.0.1: wrk sends price checks for 40 s (bounded) while finance uploads a
# draft, asks for its activation and the GM approves it (about 15 s in). wrk's script counts non-200
# answers and the answers by the ruleset version they name.
# Usage: docs/benchmarks/run-swap.sh   (from the repository root, after ./mvnw -q package -DskipTests; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
PORT=7095
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

source docs/benchmarks/lib.sh
start_governor $PORT
MP=$(token marketplace-lead); FINANCE=$(token finance); GM=$(token gm)
OLD=$(curl -s localhost:$PORT/api/rulesets/active -H "Authorization: Bearer $FINANCE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hash"][:12])')
TOKEN=$MP LUA=docs/benchmarks/swap.lua warm_up $GOVERNOR_PID http://127.0.0.1:$PORT
TOKEN=$MP wrk -t2 -c32 -d40s --latency -s docs/benchmarks/swap.lua http://127.0.0.1:$PORT > "$WORK/wrk.txt" &
WRK=$!
sleep 15
cp rules/pricing/pricing.drl "$WORK/pricing.drl" && echo "// swap benchmark draft" >> "$WORK/pricing.drl"
DRAFT=$(curl -s -X POST localhost:$PORT/api/rulesets -H "Authorization: Bearer $FINANCE" \
  -F "rules/pricing/pricing.drl=@$WORK/pricing.drl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
REQUEST=$(curl -s -X POST localhost:$PORT/api/rulesets/$DRAFT/activation -H "Authorization: Bearer $FINANCE" -d '{}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
SWAP_AT=$(date +%s.%N)
curl -s -o /dev/null -w 'approval answered %{http_code} in %{time_total} s\n' -X POST \
  localhost:$PORT/api/approvals/$REQUEST/approve -H "Authorization: Bearer $GM" -d '{}'
NEW=$(curl -s localhost:$PORT/api/rulesets/active -H "Authorization: Bearer $FINANCE" | python3 -c 'import json,sys; print(json.load(sys.stdin)["hash"][:12])')
wait $WRK
echo "version before: $OLD, after: $NEW"
grep -E "Requests/sec|99%|non-200|answers naming|Non-2xx|Socket errors" "$WORK/wrk.txt"
