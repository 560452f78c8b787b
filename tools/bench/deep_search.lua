-- wrk script: a random deep page (past the 125 matches the seed lists) of a
-- common three-character term, in either order, so that most answers miss
-- the cache and each is a walk from the block of ranks before the page.
-- BENCH_DEEP_TERMS: "term:last_page ..." (tools/bench/lib.sh, bench_endpoints).
local terms = {}
for term, last in (os.getenv("BENCH_DEEP_TERMS") or ""):gmatch("([^%s:]+):(%d+)") do
  terms[#terms + 1] = { term = term, last = tonumber(last) }
end
if #terms == 0 then error("BENCH_DEEP_TERMS names no term") end
-- Seeded apart per thread (each wrk thread has its own Lua state), as in random_search.lua.
init = function() math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 1000003) end
request = function()
  local picked = terms[math.random(1, #terms)]
  local path = "/api/users/profiles?username=" .. picked.term .. "&page=" .. math.random(6, picked.last)
  if math.random() < 0.5 then path = path .. "&order_by=type" end
  return wrk.format("GET", path)
end

dofile("tools/bench/summary.lua")
