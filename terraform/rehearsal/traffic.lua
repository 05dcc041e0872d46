-- wrk script of the rehearsal drill: the four API routes in equal shares over product ids known to exist, paced.
-- Environment: TRAFFIC_IDS_FILE (one product id per line), TRAFFIC_PAGES (pages of count=5), TRAFFIC_RATE and
-- TRAFFIC_CONNECTIONS (each connection waits connections/rate seconds between requests, as bench/paced_*.lua).
-- Existing ids only, so every non-2xx is an error; done() prints the one line rehearse parses.
local ids = {}
for line in io.lines(os.getenv("TRAFFIC_IDS_FILE")) do
  ids[#ids + 1] = line
end
local pages = tonumber(os.getenv("TRAFFIC_PAGES") or "1")
local rate = tonumber(os.getenv("TRAFFIC_RATE") or "400")
local connections = tonumber(os.getenv("TRAFFIC_CONNECTIONS") or "8")
local interval_ms = connections * 1000 / rate

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local id = ids[math.random(#ids)]
  local route = math.random(4)
  local path
  if route == 1 then
    path = "/products?page=" .. math.random(pages) .. "&count=5"
  elseif route == 2 then
    path = "/products/" .. id
  elseif route == 3 then
    path = "/products/" .. id .. "/styles"
  else
    path = "/products/" .. id .. "/related"
  end
  return wrk.format("GET", path)
end

function delay()
  -- Jitter of +-50% keeps connections from firing in lock step.
  return interval_ms * (0.5 + math.random())
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local percent = summary.requests > 0 and 100 * errors / summary.requests or 100
  io.write(string.format(
    "TRAFFIC requests=%d errors=%d non2xx=%d socket=%d error_pct=%.4f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.1f\n",
    summary.requests, errors, e.status, e.connect + e.read + e.write + e.timeout, percent,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
