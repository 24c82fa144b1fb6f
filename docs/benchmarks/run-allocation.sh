#!/usr/bin/env bash
# Allocation of 10,000 SKUs in one request, on 127.0.0.1: replaces the demo catalog with 10,000
# generated SKUs, then POSTs one allocation request for all of them (4 channels each, supply from
# critical to ample) five times and reports the seconds per request (allocated, recorded, answered).
# Baseline, in the same run: the same body with horizonWeeks 0, which the service reads and rejects
# (422) without planning or recording anything: the cost of moving and parsing ~2 MB of JSON.
# Usage: docs/benchmarks/run-allocation.sh   (from the repository root, after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
PORT=7095
SKUS=${SKUS:-10000}
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

source docs/benchmarks/lib.sh
start_governor $PORT
FINANCE_TOKEN=$(token finance)
OPERATIONS_TOKEN=$(token operations)
python3 - "$WORK" "$SKUS" <<'PY'
import json, sys
work, count = sys.argv[1], int(sys.argv[2])
with open(f"{work}/products.csv", "w") as csv:
    csv.write("sku,name,brand,category,unit_cost,msrp,launch_date,hero\n")
    for i in range(count):
        launch = "2026-11-01" if i % 10 == 0 else "2024-03-15"
        csv.write(f"BEN-{i:05d},Bench item {i},Leafy,tea,5.00,20.00,{launch},{'true' if i % 7 == 0 else 'false'}\n")
skus = []
for i in range(count):
    amazon, dtc = 100 + (i * 31) % 200, 60 + (i * 17) % 150
    need = (amazon + 20 + dtc) * 4 + (i % 3) * 100
    skus.append({"sku": f"BEN-{i:05d}", "available": need * (2 + i % 9) // 8, "channels": [
        {"channel": "amazon-us", "weeklyForecast": amazon, "onHand": i % 50},
        {"channel": "amazon-us-fbm", "weeklyForecast": 20},
        {"channel": "dtc-webstore", "weeklyForecast": dtc},
        {"channel": "wholesale", "weeklyForecast": 0, "committed": (i % 3) * 100}]})
body = {"horizonWeeks": 4, "skus": skus}  # no start: the plan starts today
json.dump(body, open(f"{work}/allocation.json", "w"))
body["horizonWeeks"] = 0
json.dump(body, open(f"{work}/invalid.json", "w"))
PY
curl -sf -o /dev/null -X PUT "localhost:$PORT/api/catalog/products?confirm=remove" -H "Authorization: Bearer $FINANCE_TOKEN" \
  -H "Content-Type: text/csv" --data-binary @"$WORK/products.csv"
echo "body: $(wc -c < "$WORK/allocation.json") bytes, $SKUS SKUs x 4 channels"
for i in 1 2 3 4 5; do
  curl -s -o "$WORK/invalid.out" -w '%{http_code} %{time_total}\n' -X POST localhost:$PORT/api/allocations \
    -H "Authorization: Bearer $OPERATIONS_TOKEN" --data-binary @"$WORK/invalid.json" >> "$WORK/baseline.txt"
  curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}\n' -X POST localhost:$PORT/api/allocations \
    -H "Authorization: Bearer $OPERATIONS_TOKEN" --data-binary @"$WORK/allocation.json" >> "$WORK/times.txt"
done
python3 - "$WORK/answer.json" <<'PY'
import json, sys
answer = json.load(open(sys.argv[1]))
print("last answer:", answer["status"], answer["summary"])
PY
echo "plans recorded: $(sqlite3 "$WORK/governor.db" 'select count(*) from allocation_lines')"
echo "baseline (422, parse only), status and seconds: $(awk '{print $1, $2}' "$WORK/baseline.txt" | tr '\n' ' ')"
echo "  median $(awk '{print $2}' "$WORK/baseline.txt" | sort -n | sed -n 3p)"
echo "allocate and record, status and seconds: $(awk '{print $1, $2}' "$WORK/times.txt" | tr '\n' ' ')"
echo "  median $(awk '{print $2}' "$WORK/times.txt" | sort -n | sed -n 3p)"
