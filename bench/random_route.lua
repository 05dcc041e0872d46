-- wrk script: requests one route for uniformly random product ids in 1..max_id.
-- Usage: wrk -s bench/random_route.lua URL -- <route suffix: "" | styles | related> <max_id>
local suffix, max_id = "", 1000011
function init(args)
  suffix = args[1] or ""
  max_id = tonumber(args[2] or "1000011")
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
function request()
  local id = math.random(1, max_id)
  local path = "/products/" .. id
  if suffix ~= "" then path = path .. "/" .. suffix end
  return wrk.format("GET", path)
end
