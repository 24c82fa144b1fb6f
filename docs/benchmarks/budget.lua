-- wrk: POST budget shifts within DTC (1 cent each, so the flex lasts the run) over four weeks and two
-- pairs of lines, with the bearer token in $TOKEN; or, with WRK_PATH=/api/price-proposals, the baseline.
local day = os.getenv("BENCH_DAY") or os.date("!%Y-%m-%d", os.time() + 30 * 86400)
local shifts = {}
for week in string.gmatch(os.getenv("BENCH_WEEKS") or "", "%S+") do
  table.insert(shifts, '{"week":"' .. week .. '","fromLine":"meta-prospecting","toLine":"google-shopping",'
    .. '"amount":0.01,"marginalRoas":3.1,"evidence":{"kind":"geo","reference":"bench"}}')
  table.insert(shifts, '{"week":"' .. week .. '","fromLine":"google-shopping","toLine":"meta-retargeting",'
    .. '"amount":0.01,"marginalRoas":2.8}')
end
local proposals = {
  '{"sku":"TEA-001","channel":"dtc-webstore","price":25.99,"effectiveFrom":"' .. day .. '"}',
  '{"sku":"COF-001","channel":"dtc-webstore","price":19.49,"effectiveFrom":"' .. day .. '"}',
}
local path = os.getenv("WRK_PATH") or "/api/budget-shifts"
local bodies = path == "/api/budget-shifts" and shifts or proposals
local method = os.getenv("WRK_METHOD") or "POST"
local token = os.getenv("TOKEN") or ""
local i = 0
request = function()
  i = i + 1
  if method == "GET" then
    return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
  end
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token},
    bodies[(i % #bodies) + 1])
end
