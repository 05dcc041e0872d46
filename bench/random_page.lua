-- wrk script: GET /products?page=P&count=C for uniformly random pages over the whole data set.
-- Usage: wrk -s bench/random_page.lua URL -- <products> [count]
local pages, count = 200003, 5
function init(args)
  local products = tonumber(args[1] or "1000011")
  count = tonumber(args[2] or "5")
  pages = math.floor((products + count - 1) / count)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end
function request()
  return wrk.format("GET", "/products?page=" .. math.random(1, pages) .. "&count=" .. count)
end
