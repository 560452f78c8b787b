-- done(): the one machine-readable summary line tools/bench/run, mixed and
-- profile read from every wrk script (each loads this file with dofile; wrk
-- runs from the repository's root).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH rps=%.1f p50_us=%d p99_us=%d requests=%d socket_errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status))
end
