-- wrk script for tools/bench/mixed: one kind of request (BENCH_KIND), varied
-- per request, and one machine-readable summary line. tools/bench/mixed runs
-- one wrk per kind at the same time, so each kind gets its own latencies.
local kind = os.getenv("BENCH_KIND")
local authorization = os.getenv("BENCH_AUTHORIZATION")
local swipe_sock = os.getenv("BENCH_SWIPE_SOCK")
local first_sock = tonumber(os.getenv("BENCH_FIRST_SOCK") or "0")
local last_sock = tonumber(os.getenv("BENCH_LAST_SOCK") or "0")
local letters = "abcdefghijklmnopqrstuvwxyz"
local json = { ["Content-Type"] = "application/json" }
local auth = { ["Authorization"] = authorization }

local function random_letters(n)
  local text = ""
  for _ = 1, n do
    local i = math.random(1, #letters)
    text = text .. letters:sub(i, i)
  end
  return text
end

local requests = {
  phrase_read = function() return wrk.format("GET", "/api/get-current-phrase") end,
  user_read = function() return wrk.format("GET", "/get_user?userid=424242") end,
  phrase_change = function() return wrk.format("GET", "/api/change-current-phrase") end,
  hello_read = function() return wrk.format("GET", "/hello/Benchmark") end,
  hello_write = function()
    local body = string.format('{"dateOfBirth":"19%02d-%02d-%02d"}', math.random(50, 99), math.random(1, 12),
      math.random(1, 28))
    return wrk.format("PUT", "/hello/Bench" .. random_letters(2), json, body)
  end,
  -- A 1- to 4-letter search, mostly page 1, sometimes a later page or type order.
  github_search = function()
    local path = "/api/users/profiles?username=" .. random_letters(math.random(1, 4))
    if math.random() < 0.2 then path = path .. "&page=" .. math.random(2, 5) end
    if math.random() < 0.2 then path = path .. "&order_by=type" end
    return wrk.format("GET", path)
  end,
  hotsox_next = function() return wrk.format("GET", "/api/v1/user/swipe/" .. swipe_sock .. "/next", auth) end,
  hotsox_judge = function()
    local other = math.random(first_sock, last_sock)
    local like = math.random() < 0.5 and "true" or "false"
    return wrk.format("POST", "/api/v1/user/swipe/" .. swipe_sock .. "/judge/" .. other .. "?like=" .. like, auth)
  end,
  -- Registrations and logins, half each: a new Users user, a HotSox login (password hash).
  register_login = function()
    if math.random() < 0.5 then
      return wrk.format("POST", "/create_user?userid=" .. math.random(1000000, 2000000000) .. "&username=bench" ..
        random_letters(6))
    end
    return wrk.format("POST", "/api/v1/token/", json, '{"username":"bench_swiper","password":"bench password 1"}')
  end,
}

-- A search's page past its term's last page is the contract's 404, not an
-- error: counted apart (summary.lua reads the count from each thread).
if kind == "github_search" then
  past_last_page = 0
  response = function(status)
    if status == 404 then past_last_page = past_last_page + 1 end
  end
end

request = requests[kind]
if request == nil then error("BENCH_KIND must be one of the kinds in tools/bench/mixed.lua, not " .. tostring(kind)) end

init = function() math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000) end

dofile("tools/bench/summary.lua")
