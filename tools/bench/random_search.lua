-- wrk script: a different three-letter username search on every request, so
-- almost every answer misses the cache (the cold path at scale).
local letters = "abcdefghijklmnopqrstuvwxyz"
-- Each wrk thread has its own Lua state: seeded alike, the threads would send
-- the same terms at the same moment (and wait for each other's counts).
init = function() math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 1000003) end
request = function()
  local term = ""
  for _ = 1, 3 do
    local i = math.random(1, #letters)
    term = term .. letters:sub(i, i)
  end
  return wrk.format("GET", "/api/users/profiles?username=" .. term)
end

dofile("tools/bench/summary.lua")
