-- wrk script: the "page view" mix: product, styles, related, then each related product and its styles.
-- Usage: wrk -s bench/page_view_mix.lua URL -- <max_id> [zipf_exponent]
-- With a zipf exponent (e.g. 1.1) ids follow a zipf distribution over 1..max_id (hot workload);
-- without it they are uniform (cold workload). Per-thread queue; related ids come from the responses.
local max_id, zipf_s = 1000011, nil
local queue, head, tail = {}, 1, 0
local harmonic

local function push(path) tail = tail + 1; queue[tail] = path end

local function zipf_id()
  -- Inverse-CDF sampling with the continuous approximation of the generalised harmonic number.
  local u = math.random() * harmonic
  local x = ((u * (1 - zipf_s)) + 1) ^ (1 / (1 - zipf_s))
  local id = math.floor(x)
  if id < 1 then id = 1 elseif id > max_id then id = max_id end
  return id
end

function init(args)
  max_id = tonumber(args[1] or "1000011")
  if args[2] then
    zipf_s = tonumber(args[2])
    harmonic = ((max_id ^ (1 - zipf_s)) - 1) / (1 - zipf_s)
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  if head > tail then
    local id = zipf_s and zipf_id() or math.random(1, max_id)
    push("/products/" .. id)
    push("/products/" .. id .. "/styles")
    push("/products/" .. id .. "/related")
  end
  local path = queue[head]
  queue[head] = nil
  head = head + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status == 200 and body and body:sub(1, 1) == "[" and #body < 200 then
    local added = 0
    for related_id in body:gmatch("%d+") do
      if added == 4 then break end
      push("/products/" .. related_id)
      push("/products/" .. related_id .. "/styles")
      added = added + 1
    end
  end
end
