-- wrk: POST price checks with the bearer token in $TOKEN and count the answers by the ruleset version
-- they name (the "rulesetVersion" field), per thread, summed at the end.
local day = os.getenv("BENCH_DAY") or os.date("!%Y-%m-%d", os.time() + 30 * 86400)
local body = '{"sku":"GFT-004","channel":"amazon-us","price":40.99,"effectiveFrom":"' .. day .. '"}'
local token = os.getenv("TOKEN") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  versions = {}
  failures = 0
end

request = function()
  return wrk.format("POST", "/api/price-checks",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

response = function(status, headers, response_body)
  if status ~= 200 then
    failures = failures + 1
    return
  end
  local version = string.match(response_body, '"rulesetVersion"%s*:%s*"(%x+)"')
  version = version or "none"
  versions[version] = (versions[version] or 0) + 1
end

done = function(summary, latency, requests)
  local totals = {}
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    for version, count in pairs(thread:get("versions")) do
      totals[version] = (totals[version] or 0) + count
    end
  end
  io.write(string.format("non-200 answers: %d\n", failed))
  for version, count in pairs(totals) do
    io.write(string.format("answers naming %s: %d\n", string.sub(version, 1, 12), count))
  end
end
