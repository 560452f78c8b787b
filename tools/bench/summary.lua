-- done(): the one machine-readable summary line tools/bench/run, mixed and
-- profile read from every wrk script (each loads this file with dofile; wrk
-- runs from the repository's root). A script that counts expected 404s in
-- its threads (past_last_page) has them reported apart from the errors.
local threads = {}
setup = function(thread) table.insert(threads, thread) end

done = function(summary, latency, requests)
  local e = summary.errors
  local expected_404 = 0
  for _, thread in ipairs(threads) do expected_404 = expected_404 + (thread:get("past_last_page") or 0) end
  io.write(string.format(
    "BENCH rps=%.1f p50_us=%d p99_us=%d requests=%d socket_errors=%d non2xx=%d past_last_page=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status - expected_404, expected_404))
end
