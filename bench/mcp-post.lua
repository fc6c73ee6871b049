-- wrk script for bench/run.sh: one fixed MCP POST, described by environment variables.
--   BENCH_BODY   the JSON-RPC message (required)
--   BENCH_TOKEN  the bearer token; empty or unset: no Authorization header
--   BENCH_LABEL  sent as X-Bench, so the access log can tell the scenarios apart
-- Prints one machine-readable RESULT line at the end (latencies in microseconds).

wrk.method = "POST"
wrk.body = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.headers["X-Bench"] = os.getenv("BENCH_LABEL") or "-"
local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
