#!/usr/bin/env bash
# Impact replay benchmark on 127.0.0.1: records at least 10,000 price proposals (wrk, bounded in time),
# uploads a draft (pricing.drl with one comment line added), then times POST /api/rulesets/{id}/impact
# with {"last": 10000} three times (each call compiles the draft and replays every proposal twice:
# against the draft and against the version in force).
# Usage: docs/benchmarks/run-impact.sh   (from the repository root, after ./mvnw -q package -DskipTests; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
PORT=7094
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

source docs/benchmarks/lib.sh
start_governor $PORT
MP_TOKEN=$(token marketplace-lead)
FINANCE_TOKEN=$(token finance)
while [ "$(sqlite3 "$WORK/governor.db" 'select count(*) from proposals')" -lt 10000 ]; do
  TOKEN=$MP_TOKEN WRK_PATH=/api/price-proposals wrk -t2 -c16 -d10s -s docs/benchmarks/price-check.lua http://127.0.0.1:$PORT > /dev/null
done
echo "proposals recorded: $(sqlite3 "$WORK/governor.db" 'select count(*) from proposals')"
cp rules/pricing/pricing.drl "$WORK/pricing.drl" && echo "// impact benchmark draft" >> "$WORK/pricing.drl"
DRAFT=$(curl -s -X POST localhost:$PORT/api/rulesets -H "Authorization: Bearer $FINANCE_TOKEN" \
  -F "rules/pricing/pricing.drl=@$WORK/pricing.drl" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
for i in 1 2 3; do
  curl -s -o "$WORK/impact.json" -w '%{time_total}\n' -X POST localhost:$PORT/api/rulesets/$DRAFT/impact \
    -H "Authorization: Bearer $FINANCE_TOKEN" -d '{"last": 10000}' >> "$WORK/times.txt"
done
echo "replayed: $(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"])' "$WORK/impact.json")"
echo "seconds per impact call (3 runs): $(tr '\n' ' ' < "$WORK/times.txt"); median $(sort -n "$WORK/times.txt" | sed -n 2p)"
