#!/usr/bin/env bash
# Side-by-side benchmark: this gateway ("ours") against the MCP TypeScript SDK's own
# streamable HTTP server behind its bearer-auth middleware ("peer", bench/peer/), both
# verifying RS256 access tokens of the same loopback issuer (bench/peer/issuer.mjs).
# See bench/README.md ("Side by side with the TypeScript SDK") for what it measures and
# how to read the tables.
#
# Usage: bench/compare.sh   (from anywhere; about 7 minutes with the defaults)
#
# Settings (environment, all optional):
#   ROUNDS=3           rounds; each measures every scenario on both targets, interleaved
#   DURATION=5         seconds per measured slice
#   WARM=2             seconds of the same load right before each measured slice (not counted)
#   CONNS=8            wrk connections (one wrk thread: wrk has one core)
#   WARMUP=300         at most this many seconds of mixed load on our two JVMs before the first
#                      round; it stops earlier once their JIT compilers are nearly idle
#   PEER_WARMUP=24     seconds of mixed load on the two peer processes before the first round
#   JAVA_OPTS="-Xms1g -Xmx1g"
#   SERVER_JDK=        the JDK that runs ours (its bin/java and bin/jstat); empty: java on the
#                      PATH. The container image runs JDK 25, where virtual threads serve the
#                      requests: e.g. SERVER_JDK=/usr/lib/jvm/temurin-25-jdk-amd64
#   SERVER_CPU=0       core the servers (and the issuer) are pinned to
#   LOAD_CPU=1         core wrk is pinned to
#   KEEP_WORK=0        1 keeps the working directory (server logs, results.tsv)
#   PROFILE=0          1: after the rounds, one more slice per scenario on ours (not counted)
#                      under async-profiler (from Maven Central), written as flame graphs to
#                      bench/profiles/<scenario>.html
#
# Needs: a JDK 17+ (java, jstat), node 20+ and npm, curl, python3, taskset, wrk.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=$PWD/bench
PEER_DIR=$BENCH_DIR/peer
JAR=target/mcp-oauth-gateway.jar
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
WARM=${WARM:-2}
CONNS=${CONNS:-8}
WARMUP=${WARMUP:-300}
PEER_WARMUP=${PEER_WARMUP:-24}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
SERVER_JDK=${SERVER_JDK:-}
JAVA=${SERVER_JDK:+$SERVER_JDK/bin/}java
JSTAT=${SERVER_JDK:+$SERVER_JDK/bin/}jstat
JCMD=${SERVER_JDK:+$SERVER_JDK/bin/}jcmd
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
KEEP_WORK=${KEEP_WORK:-0}
PROFILE=${PROFILE:-0}
ASYNC_PROFILER_VERSION=4.2
CLIENT_ID=bench-client

log() { printf '[compare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

command -v wrk >/dev/null || die "wrk is missing (Debian: apt-get install -y wrk)"
for tool in java "$JAVA" "$JSTAT" node npm curl python3 taskset awk; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done
(($(nproc) >= 2)) || die "needs 2 cores: one for the servers, one for wrk"
if [[ $PROFILE == 1 ]]; then
  command -v "$JCMD" >/dev/null || die "PROFILE=1 needs jcmd (a JDK)"
  case $(uname -m) in
    x86_64) PROFILER_PLATFORM=linux-x64 ;;
    aarch64) PROFILER_PLATFORM=linux-arm64 ;;
    *) die "PROFILE=1: no async-profiler library for $(uname -m)" ;;
  esac
  PROFILER_LIB=$PWD/target/async-profiler/$PROFILER_PLATFORM/libasyncProfiler.so
  if [[ ! -f $PROFILER_LIB ]]; then
    log "fetching async-profiler $ASYNC_PROFILER_VERSION"
    ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION \
      -DoutputDirectory=target/async-profiler
    unzip -q -o target/async-profiler/async-profiler-$ASYNC_PROFILER_VERSION.jar "$PROFILER_PLATFORM/*" -d target/async-profiler
  fi
fi

# --- Build and install: the jar when older than the sources, the peer with npm ci ----------
if [[ ! -f $JAR ]] || [[ -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests
fi
if [[ ! -f $PEER_DIR/node_modules/.package-lock.json ]] || [[ $PEER_DIR/package-lock.json -nt $PEER_DIR/node_modules/.package-lock.json ]]; then
  log "installing the peer (npm ci)"
  npm ci --prefix "$PEER_DIR" --no-audit --no-fund --ignore-scripts >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mcp-compare.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $KEEP_WORK == 1 ]]; then log "working directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pinned() { taskset -c "$SERVER_CPU" "$@"; }

# --- Issuer: one RSA key, its JWK Set, tokens minted on demand ------------------------------
ISSUER_PORT=$(free_port)
ISSUER=http://127.0.0.1:$ISSUER_PORT
PORT=$ISSUER_PORT CLIENT_ID=$CLIENT_ID taskset -c "$SERVER_CPU" node "$PEER_DIR/issuer.mjs" >"$WORK/issuer.log" 2>&1 &
PIDS+=($!)

# --- Servers: four processes on one core, one transport mode each ---------------------------
# ours-stateless serves the stateless call and the 401 and health scenarios, ours-stateful
# the stateful call (MCP_STATELESS is a start-up setting); the same for the peer (MODE).
declare -A PORT_OF PID_OF
start_ours() { # name stateless(true|false)
  local port
  port=$(free_port)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of words
  MCP_STATELESS=$2 SERVER_PORT=$port MCP_RESOURCE_URL=http://localhost:$port/mcp \
    OAUTH_ISSUER_URI=$ISSUER OAUTH_JWKS_URI=$ISSUER/jwks/$1 MCP_REQUIRED_SCOPES=mcp:tools \
    OAUTH_ALLOWED_CLIENT_IDS=$CLIENT_ID \
    taskset -c "$SERVER_CPU" "$JAVA" $JAVA_OPTS -jar "$JAR" --server.address=127.0.0.1 >"$WORK/$1.log" 2>&1 &
  PIDS+=($!) PID_OF[$1]=$! PORT_OF[$1]=$port
}
start_peer() { # name mode
  local port
  port=$(free_port)
  PORT=$port MODE=$2 ISSUER=$ISSUER JWKS_URI=$ISSUER/jwks/$1 RESOURCE_URL=http://localhost:$port/mcp \
    REQUIRED_SCOPES=mcp:tools taskset -c "$SERVER_CPU" node "$PEER_DIR/server.mjs" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!) PID_OF[$1]=$! PORT_OF[$1]=$port
}
start_ours ours-stateless true
start_ours ours-stateful false
start_peer peer-stateless stateless
start_peer peer-stateful stateful
health_path() { [[ $1 == ours-* ]] && echo /actuator/health || echo /health; }
started=$(date +%s)
for name in issuer ours-stateless ours-stateful peer-stateless peer-stateful; do
  if [[ $name == issuer ]]; then url=$ISSUER/jwks; else url=http://127.0.0.1:${PORT_OF[$name]}$(health_path "$name"); fi
  until curl -sf -o /dev/null "$url"; do
    if [[ $name != issuer ]] && ! kill -0 "${PID_OF[$name]}" 2>/dev/null; then
      tail -n 30 "$WORK/$name.log" >&2; die "$name exited"
    fi
    (($(date +%s) - started < 180)) || die "$name was not ready within 180 s"
    sleep 0.5
  done
done
log "ready after $(($(date +%s) - started)) s: issuer $ISSUER; $(for n in ours-stateless ours-stateful peer-stateless peer-stateful; do printf '%s :%s (pid %s)  ' "$n" "${PORT_OF[$n]}" "${PID_OF[$n]}"; done)"

# --- Tokens, sessions, sanity checks --------------------------------------------------------
declare -A TOKEN SESSION
for name in ours-stateless ours-stateful peer-stateless peer-stateful; do
  for kind in valid expired forged; do
    TOKEN[$name,$kind]=$(curl -sf "$ISSUER/token?kind=$kind&aud=http://localhost:${PORT_OF[$name]}/mcp")
  done
  TOKEN[$name,missing]=
done
TEXT="hello benchmark"
BODY=$(printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"hash_text","arguments":{"text":"%s"}}}' "$TEXT")
EXPECTED=$(printf %s "$TEXT" | sha256sum | cut -d' ' -f1)
post() { # server token session body -> status; body in $WORK/body, headers in $WORK/headers
  local h=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-11-25')
  [[ -n $2 ]] && h+=(-H "Authorization: Bearer $2")
  [[ -n $3 ]] && h+=(-H "Mcp-Session-Id: $3")
  curl -s -m 10 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -X POST "${h[@]}" -d "$4" "http://127.0.0.1:${PORT_OF[$1]}/mcp"
}
INIT='{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
for name in ours-stateful peer-stateful; do
  status=$(post "$name" "${TOKEN[$name,valid]}" "" "$INIT")
  SESSION[$name]=$(awk 'tolower($1) == "mcp-session-id:" {sub(/\r$/, ""); print $2}' "$WORK/headers")
  [[ $status == 200 && -n ${SESSION[$name]} ]] || die "$name: initialize failed: $status $(head -c 300 "$WORK/body")"
  status=$(post "$name" "${TOKEN[$name,valid]}" "${SESSION[$name]}" '{"jsonrpc":"2.0","method":"notifications/initialized"}')
  [[ $status == 202 ]] || die "$name: notifications/initialized answered $status"
done
for target in ours peer; do
  for mode in stateless stateful; do
    name=$target-$mode
    status=$(post "$name" "${TOKEN[$name,valid]}" "${SESSION[$name]:-}" "$BODY")
    if [[ $status != 200 ]] || ! grep -q "\"hex\":\"$EXPECTED\"" "$WORK/body" || ! grep -q '"isError":false' "$WORK/body"; then
      die "$name: tools/call failed: $status $(head -c 300 "$WORK/body")"
    fi
  done
  name=$target-stateless
  for kind in expired forged missing; do
    status=$(post "$name" "${TOKEN[$name,$kind]}" "" "$BODY")
    www=$(awk 'tolower($1) == "www-authenticate:" {print}' "$WORK/headers")
    [[ $status == 401 && -n $www ]] || die "$name: $kind token: expected 401 with a challenge, got $status"
  done
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT_OF[$name]}$(health_path "$name")")
  [[ $status == 200 ]] || die "$name: health answered $status"
done
log "checked on both targets: hash_text answers $EXPECTED (stateless and in a session); expired, forged and missing tokens get 401; health 200"

# --- Slices ---------------------------------------------------------------------------------
SCENARIOS=(stateless-call stateful-call expired-401 forged-401 missing-401 health)
server_of() { # scenario target
  [[ $1 == stateful-call ]] && echo "$2-stateful" || echo "$2-stateless"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # utime + stime, all threads
active_opens() { awk '/^Tcp:/ {if (!h) {for (i = 1; i <= NF; i++) if ($i == "ActiveOpens") c = i; h = 1} else print $c}' /proc/net/snmp; }
jit_ms() { "$JSTAT" -compiler "$1" | awk 'NR == 2 {printf "%.0f\n", $4 * 1000}'; }
RESULTS=$WORK/results.tsv
# slice ROUND SCENARIO TARGET SECONDS: one bounded wrk run on the load core; ROUND "-" is
# not recorded (warm-up).
slice() {
  local round=$1 scenario=$2 target=$3 seconds=$4 server pid kind method=POST path=/mcp out cpu0 opens0 t0 jit0=0 jit1=0
  server=$(server_of "$scenario" "$target") pid=${PID_OF[$(server_of "$scenario" "$target")]}
  case $scenario in
    *-call) kind=valid ;;
    health) kind=missing method=GET path=$(health_path "$server") ;;
    *) kind=${scenario%-401} ;;
  esac
  # jstat (a JVM of its own, not pinned) runs outside the window of the CPU and wall times.
  [[ $round != - && $target == ours ]] && jit0=$(jit_ms "$pid")
  cpu0=$(cpu_ticks "$pid") opens0=$(active_opens) t0=$(now_ms)
  out=$(BENCH_BODY=$BODY BENCH_TOKEN=${TOKEN[$server,$kind]} BENCH_LABEL=$scenario BENCH_METHOD=$method \
    BENCH_SESSION=${SESSION[$server]:-} taskset -c "$LOAD_CPU" \
    wrk -t1 -c"$CONNS" -d"${seconds}s" --timeout 10s --latency -s "$BENCH_DIR/mcp-post.lua" \
    "http://127.0.0.1:${PORT_OF[$server]}$path")
  local cpu=$(($(cpu_ticks "$pid") - cpu0)) opens=$(($(active_opens) - opens0)) wall=$(($(now_ms) - t0))
  [[ $round != - && $target == ours ]] && jit1=$(jit_ms "$pid")
  [[ $round == - ]] && return 0
  awk -v r="$round" -v s="$scenario" -v t="$target" -v cpu="$cpu" -v opens="$opens" -v wall="$wall" -v jit=$((jit1 - jit0)) \
    '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}}
     END {print r, s, t, v["requests"], v["duration_us"], v["p50_us"], v["p90_us"], v["p99_us"], v["non2xx"],
       v["connect"] + v["read"] + v["write"] + v["timeout"], cpu, opens, (t == "ours" ? jit : "-"), wall}' \
    <<<"$(grep '^RESULT ' <<<"$out")" >>"$RESULTS"
  log "round $round $scenario $target: $(tail -n 1 "$RESULTS" | awk '{printf "%.0f req/s, p99 %.2f ms", $4 / ($5 / 1e6), $8 / 1000}')"
}

# Warm-up: our JVMs need minutes of load before their JIT compilers are done (bench/README.md),
# longer on one core, where the compilers compete with the request threads. Cycles of a mix
# of every request kind, weighted towards the calls, until both JVMs' compilers used less
# than 5 % of the core over a cycle (at least 3 cycles, at most WARMUP seconds). Then the
# peer, whose V8 needs less, for PEER_WARMUP seconds.
warm_cycle() { # target
  slice - stateless-call "$1" 4
  slice - stateful-call "$1" 4
  for scenario in expired-401 forged-401 missing-401 health; do slice - "$scenario" "$1" 1; done
}
jit_sum() { echo $(($(jit_ms "${PID_OF[ours-stateless]}") + $(jit_ms "${PID_OF[ours-stateful]}"))); }
t0=$(date +%s) cycle=0 SETTLED=0
while (($(date +%s) - t0 < WARMUP)); do
  cycle=$((cycle + 1)) j0=$(jit_sum) c0=$(now_ms)
  warm_cycle ours
  jit_busy=$(( 100 * ($(jit_sum) - j0) / ($(now_ms) - c0) ))
  log "warm-up of ours, cycle $cycle: JIT compile time ${jit_busy}% of the cycle's wall time"
  if ((cycle >= 3 && jit_busy < 5)); then SETTLED=1; break; fi
done
WARMED=$(($(date +%s) - t0))
((SETTLED)) || log "WARNING: our JIT compilers were still busy after ${WARMUP}s: see the jit% column"
t0=$(date +%s) cycle=0
while (($(date +%s) - t0 < PEER_WARMUP)); do cycle=$((cycle + 1)); warm_cycle peer; done
log "warm-up of the peer: $cycle cycles in $(($(date +%s) - t0)) s"

# Rounds: every scenario, ours then peer, each slice preceded by WARM seconds of its load.
for ((round = 1; round <= ROUNDS; round++)); do
  for scenario in "${SCENARIOS[@]}"; do
    for target in ours peer; do
      slice - "$scenario" "$target" "$WARM"
      slice "$round" "$scenario" "$target" "$DURATION"
    done
  done
done

# Profiles: one more slice per scenario on ours, under async-profiler (CPU samples every
# millisecond, Java and kernel frames), attached and detached through jcmd so that start-up
# and warm-up are not in it. Not counted in the tables.
if [[ $PROFILE == 1 ]]; then
  mkdir -p "$BENCH_DIR/profiles"
  for scenario in "${SCENARIOS[@]}"; do
    pid=${PID_OF[$(server_of "$scenario" ours)]}
    out=$BENCH_DIR/profiles/$scenario.html
    slice - "$scenario" ours "$WARM"
    "$JCMD" "$pid" JVMTI.agent_load "$PROFILER_LIB" "\"start,event=cpu,interval=1ms,file=$out\"" >/dev/null
    slice - "$scenario" ours "$DURATION"
    "$JCMD" "$pid" JVMTI.agent_load "$PROFILER_LIB" "\"stop,file=$out,title=$scenario ($CONNS connections)\"" >/dev/null
    log "profile of $scenario: $out"
  done
fi

# --- Report ---------------------------------------------------------------------------------
JWKS_FETCHES=$(curl -sf "$ISSUER/stats" | python3 -c 'import json, sys
d = json.load(sys.stdin)
print(", ".join(n + " " + str(d.get("/jwks/" + n, 0)) for n in sys.argv[1:]))' ours-stateless ours-stateful peer-stateless peer-stateful)
declare -A RSS
for name in ours-stateless ours-stateful peer-stateless peer-stateful; do
  RSS[$name]=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/${PID_OF[$name]}/status")
done
echo
echo "MCP side-by-side benchmark: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); servers on core $SERVER_CPU, wrk on core $LOAD_CPU"
echo "ours: $JAR, $("$JAVA" -version 2>&1 | head -1), JAVA_OPTS=$JAVA_OPTS, $(pinned "$JAVA" $JAVA_OPTS -XX:+PrintCommandLineFlags -version 2>&1 | grep -o -- '-XX:+Use[A-Za-z]*GC' | head -1) (chosen on one core); peak RSS MB stateless ${RSS[ours-stateless]}, stateful ${RSS[ours-stateful]}"
echo "peer: node $(node -v), @modelcontextprotocol/sdk $(node -p "require('$PEER_DIR/node_modules/@modelcontextprotocol/sdk/package.json').version"), jose $(node -p "require('$PEER_DIR/node_modules/jose/package.json').version"), express $(node -p "require('$PEER_DIR/node_modules/express/package.json').version"); peak RSS MB stateless ${RSS[peer-stateless]}, stateful ${RSS[peer-stateful]}"
echo "load: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), 1 thread, $CONNS connections; $ROUNDS rounds of ${DURATION}s slices, each after ${WARM}s of the same load; ours warmed up ${WARMED}s$( ((SETTLED)) || echo ' (JIT NOT settled)'), the peer ${PEER_WARMUP}s"
echo "JWK Set fetches over the whole run (sanity checks, warm-up, rounds): $JWKS_FETCHES"
python3 - "$RESULTS" "$(getconf CLK_TCK)" "$CONNS" <<'EOF'
import statistics, sys
from collections import defaultdict

path, hz, conns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = []
for line in open(path):
    r, s, t, n, dur, p50, p90, p99, non2xx, sockerr, cpu, opens, jit, wall = line.split()
    n, dur = int(n), int(dur) / 1e6
    expect_401 = s.endswith("-401")
    rows.append(dict(round=int(r), scenario=s, target=t, rps=n / dur, p50=int(p50) / 1000, p90=int(p90) / 1000,
                     p99=int(p99) / 1000, errors=(n - int(non2xx) if expect_401 else int(non2xx)) + int(sockerr),
                     reconnects=int(opens) - conns - 1, cpu_pct=100 * int(cpu) / hz / (int(wall) / 1000),
                     cpu_us=int(cpu) / hz * 1e6 / n if n else float("nan"),
                     jit="-" if jit == "-" else f"{100 * int(jit) / 1000 / dur:.0f}"))
scenarios = list(dict.fromkeys(x["scenario"] for x in rows))
head = (f"{'scenario':<15} {'target':<5} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'errors':>6} "
        f"{'reconn':>6} {'cpu%':>5} {'cpu us/req':>10} {'jit%':>4}  {'ours/peer req/s':>15} {'cpu/req':>7}")
def line(x, ratio):
    return (f"{x['scenario']:<15} {x['target']:<5} {x['rps']:8.0f} {x['p50']:7.2f} {x['p90']:7.2f} {x['p99']:7.2f} "
            f"{x['errors']:6d} {x['reconnects']:6d} {x['cpu_pct']:5.0f} {x['cpu_us']:10.0f} {x['jit']:>4}  {ratio}")
def ratios(o, p):
    return f"{o['rps'] / p['rps']:15.2f} {o['cpu_us'] / p['cpu_us']:7.2f}"
for rnd in sorted({x["round"] for x in rows}):
    print(f"\nround {rnd}")
    print(head)
    for s in scenarios:
        o, p = ([x for x in rows if x["round"] == rnd and x["scenario"] == s and x["target"] == t][0] for t in ("ours", "peer"))
        print(line(o, ratios(o, p)))
        print(line(p, ""))
print(f"\nsummary: median of {len({x['round'] for x in rows})} rounds per column (errors and reconnects: sums)")
print(head)
for s in scenarios:
    med = {}
    for t in ("ours", "peer"):
        xs = [x for x in rows if x["scenario"] == s and x["target"] == t]
        m = {k: statistics.median(x[k] for x in xs) for k in ("rps", "p50", "p90", "p99", "cpu_pct", "cpu_us")}
        m.update(scenario=s, target=t, errors=sum(x["errors"] for x in xs), reconnects=sum(x["reconnects"] for x in xs),
                 jit="-" if t == "peer" else f"{statistics.median(int(x['jit']) for x in xs):.0f}")
        med[t] = m
    print(line(med["ours"], ratios(med["ours"], med["peer"])))
    print(line(med["peer"], ""))
EOF
cat <<EOF

req/s, p50/p90/p99: wrk's, per ${DURATION}s slice (latency from when wrk sent the request; no
correction for coordinated omission). errors: unexpected answers (non-2xx in the call and
health scenarios, anything but 4xx in the -401 ones) plus socket errors. reconn: TCP
connections opened on the machine during the slice beyond wrk's $CONNS and its probe (the
kernel's ActiveOpens, machine-wide: other activity on the machine shows up here too); 0
means keep-alive held. cpu%: the server process's CPU time (all threads) over the slice (wall time
around wrk), in % of one core (its core is the limit: 100); cpu us/req: that time per request. jit%: our JVM's JIT
compile time (jstat, wall time of the compilations) in % of the slice; near 0 once warm. ours/peer: ratio of req/s (above 1:
ours is faster) and of CPU per request (below 1: ours is cheaper).
EOF
