-- wrk script for bench/soak.sh: the MCP tool call of mcp-post.lua at a fixed rate.
-- Debian has wrk, not wrk2, so the pace is kept here: each connection waits between a
-- response and its next request, and each thread stretches or shortens that wait so that
-- its requests keep up with RATE / threads per second by the wall clock (os.time, whole
-- seconds: the rate holds over seconds, not milliseconds). Latency is measured from the
-- request actually sent (wrk's, not wrk2's, meaning: a stall delays the schedule instead
-- of counting as latency of the requests it held back; the rate achieved is printed).
--   BENCH_BODY, BENCH_TOKEN  as in mcp-post.lua
--   RATE                     requests per second in all (default 1000)
--   THREADS, CONNECTIONS     as given to wrk (-t, -c), to share the rate out
-- Also counts the 200 answers whose body is not a successful tool result.

local rate = tonumber(os.getenv("RATE") or "1000")
local threads_n = tonumber(os.getenv("THREADS") or "2")
local connections = tonumber(os.getenv("CONNECTIONS") or "50")
local thread_rate = rate / threads_n
local base_wait = (connections / threads_n) * 1000 / thread_rate -- ms per connection

wrk.method = "POST"
wrk.body = assert(os.getenv("BENCH_BODY"), "BENCH_BODY is not set")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN is not set")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local wait = base_wait
local sent = 0
local bad = 0
local start = nil

function delay()
  local now = os.time()
  if start == nil then start = now end
  local due = (now - start) * thread_rate
  if sent > due + thread_rate then
    wait = math.min(wait * 1.02, base_wait * 20)
  elseif sent < due - thread_rate then
    wait = math.max(wait * 0.98, 0)
  end
  sent = sent + 1
  -- Whole milliseconds, rounded at random so that the mean wait is the fractional one.
  return math.floor(wait + math.random())
end

function response(status, headers, body)
  if status == 200 and not string.find(body, '"isError":false', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + (thread:get("bad") or 0)
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d rate=%.1f p50_us=%d p90_us=%d p99_us=%d "
      .. "p999_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d tool_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, e.status, e.connect, e.read, e.write, e.timeout, not_ok))
end
