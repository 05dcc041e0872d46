-- wrk script: the page-view mix of page_view_mix.lua, paced to an approximate fixed request rate.
-- Usage: PACE_RATE=5000 PACE_CONNECTIONS=50 wrk -c50 -s bench/paced_page_view_mix.lua URL -- <max_id> [zipf]
-- wrk (not wrk2) is closed-loop: each connection here waits connections/rate seconds between requests,
-- so the offered load is ~PACE_RATE while the server keeps up. Latency is still measured from the actual
-- send, not the scheduled one (coordinated omission), so a stall shows up as lower RPS, not as p99.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "page_view_mix.lua")
local rate = tonumber(os.getenv("PACE_RATE") or "5000")
local connections = tonumber(os.getenv("PACE_CONNECTIONS") or "50")
local interval_ms = connections * 1000 / rate

function delay()
  -- Jitter of +-50% keeps connections from firing in lock step.
  return interval_ms * (0.5 + math.random())
end
