-- wrk script: a fixed number of requests (per thread) cycling over product and styles of ids
-- 1..50, so every answer after the first round is an L1 hit. Used by hot_path_instructions.sh.
-- Usage: wrk -t1 -s bench/hot_requests.lua URL -- <requests>   (exits when they are answered)
local limit, answered, sent = 1000, 0, 0
local paths = {}

function init(args)
  limit = tonumber(args[1] or "1000")
  for id = 1, 50 do
    paths[#paths + 1] = "/products/" .. id .. "/styles"
    paths[#paths + 1] = "/products/" .. id
  end
end

function request()
  sent = sent + 1
  return wrk.format("GET", paths[(sent % #paths) + 1])
end

-- wrk keeps running for its whole -d even after thread:stop(); exiting at once keeps idle
-- threads' polling out of the instruction count.
function response(status)
  answered = answered + 1
  if answered >= limit then os.exit(0) end
end
