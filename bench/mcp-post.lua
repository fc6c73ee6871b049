-- wrk script for bench/run.sh and bench/compare.sh: one fixed MCP POST (or GET), described
-- by environment variables.
--   BENCH_BODY     the JSON-RPC message (required for a POST)
--   BENCH_TOKEN    the bearer token; empty or unset: no Authorization header
--   BENCH_LABEL    sent as X-Bench, so the access log can tell the scenarios apart
--   BENCH_METHOD   POST (default) or GET (no body, no MCP headers: the health scenario)
--   BENCH_SESSION  sent as Mcp-Session-Id when set (the stateful transport)
-- Prints one machine-readable RESULT line at the end (latencies in microseconds).

wrk.method = os.getenv("BENCH_METHOD") or "POST"
if wrk.method == "POST" then
  wrk.body = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json, text/event-stream"
  wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
end
local session = os.getenv("BENCH_SESSION")
if session ~= nil and session ~= "" then
  wrk.headers["Mcp-Session-Id"] = session
end
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
