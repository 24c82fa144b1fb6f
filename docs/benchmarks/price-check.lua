-- wrk: POST a rotating set of price checks (or proposals) with the bearer token in $TOKEN.
local day = os.getenv("BENCH_DAY") or os.date("!%Y-%m-%d", os.time() + 30 * 86400)
local bodies = {
  '{"sku":"TEA-001","channel":"amazon-us","price":21.99,"effectiveFrom":"' .. day .. '"}',
  '{"sku":"TEA-002","channel":"amazon-us","price":22.49,"effectiveFrom":"' .. day .. '"}',
  '{"sku":"COF-001","channel":"amazon-us","price":15.99,"effectiveFrom":"' .. day .. '"}',
  '{"sku":"COF-003","channel":"amazon-us-fbm","price":19.99,"effectiveFrom":"' .. day .. '"}',
  '{"sku":"GFT-004","channel":"amazon-us","price":44.99,"effectiveFrom":"' .. day .. '"}',
  '{"sku":"ACC-002","channel":"amazon-us","price":31.00,"effectiveFrom":"' .. day .. '"}',
}
local path = os.getenv("WRK_PATH") or "/api/price-checks"
local token = os.getenv("TOKEN") or ""
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token},
    bodies[(i % #bodies) + 1])
end
