-- wrk script: the method from BENCH_METHOD, and one machine-readable summary line (summary.lua).
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization and authorization ~= "" then wrk.headers["Authorization"] = authorization end

dofile("tools/bench/summary.lua")
