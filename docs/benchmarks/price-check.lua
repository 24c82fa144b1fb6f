-- wrk: POST a rotating set of price checks (or proposals) with the bearer token in $TOKEN.
local bodies = {
  '{"sku":"TEA-001","channel":"amazon-us","price":21.99,"effectiveFrom":"2026-12-01"}',
  '{"sku":"TEA-002","channel":"amazon-us","price":22.49,"effectiveFrom":"2026-12-01"}',
  '{"sku":"COF-001","channel":"amazon-us","price":15.99,"effectiveFrom":"2026-12-01"}',
  '{"sku":"COF-003","channel":"amazon-us-fbm","price":19.99,"effectiveFrom":"2026-12-01"}',
  '{"sku":"GFT-004","channel":"amazon-us","price":44.99,"effectiveFrom":"2026-12-01"}',
  '{"sku":"ACC-002","channel":"amazon-us","price":31.00,"effectiveFrom":"2026-12-01"}',
}
local path = os.getenv("WRK_PATH") or "/api/price-checks"
local token = os.getenv("TOKEN") or ""
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token},
    bodies[(i % #bodies) + 1])
end
