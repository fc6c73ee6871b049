#!/usr/bin/env bash
# Benchmark of the MCP tool-call path, run by hand (never by `./mvnw verify`).
#
#   bench/run.sh
#
# Starts the local stack (embedded authorization server, stateless MCP transport) on a
# free loopback port, signs in as the demo user with curl only (PKCE, login form, code
# exchange, as in docs/protocol-walkthrough.md), warms the JVM up until the JIT has settled, then
# drives POST /mcp with wrk for fixed durations:
#
#   valid-c1/c8/c32  tools/call hash_text with a valid token: origin check (no Origin
#                    header, like any non-browser client), bearer resolution, RS256
#                    signature + validators, scopes, tool access, MCP dispatch, the tool
#   badsig-c8        the same request, token with a broken signature (401)
#   noauth-c8        the same request without a token (401 challenge)
#   forgedkid-c8     a token naming an unknown key id (401; JWK Set refreshes rate-limited)
#
# and prints one table: throughput, latency, errors, server CPU per request, and the TCP
# connections each run used (keep-alive), plus how often the server fetched its JWK Set.
# Traffic goes to 127.0.0.1 only; every load step is bounded in time.
#
# Settings (environment):
#   DURATION=10        seconds per measured run
#   WARMUP_MAX=150     upper bound of the warm-up, in seconds (it stops earlier once the
#                      JIT compiler has settled)
#   JAVA_OPTS="-Xms1g -Xmx1g"  options of the server JVM
#   ACCESS_LOG=1       0 turns Tomcat's access log off (it costs a little CPU per request);
#                      the JWK Set count and the server-side connection count are then lost
#   KEEP_WORK=0        1 keeps the working directory (server log, access log)
#   SERVER_ARGS=       more arguments for the server, e.g. the negative control of the
#                      keep-alive check: SERVER_ARGS=--server.tomcat.max-keep-alive-requests=100
#
# Needs: a JDK 17+ (java, jstat), curl, openssl, python3, wrk (Debian: apt-get install wrk).
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=$PWD/bench
JAR=target/mcp-oauth-gateway.jar
DURATION=${DURATION:-10}
WARMUP_MAX=${WARMUP_MAX:-150}
JAVA_OPTS=${JAVA_OPTS:--Xms1g -Xmx1g}
ACCESS_LOG=${ACCESS_LOG:-1}
KEEP_WORK=${KEEP_WORK:-0}
SERVER_ARGS=${SERVER_ARGS:-}
PASSWORD=bench-user-pw

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

command -v wrk >/dev/null || die "wrk is missing (Debian: apt-get install -y wrk)"
for tool in java jstat curl openssl python3 awk; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

# --- Build: only when the jar is missing or older than the sources -------------------------
if [[ ! -f $JAR ]] || [[ -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mcp-bench.XXXXXX")
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $KEEP_WORK == 1 ]]; then log "working directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Server --------------------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://localhost:$PORT   # the issuer and resource URLs use "localhost"
TARGET=http://127.0.0.1:$PORT # where wrk sends its load (the server listens on 127.0.0.1)
server_args=(--server.tomcat.basedir="$WORK/tomcat")
if [[ $ACCESS_LOG == 1 ]]; then
  # One line per request: start time (ms), the scenario label wrk sends as X-Bench, the
  # client's port (one per TCP connection), status, method, path. Buffered (the default),
  # so it is complete only once the server has stopped.
  server_args+=(--server.tomcat.accesslog.enabled=true
    --server.tomcat.accesslog.directory="$WORK/access"
    --server.tomcat.accesslog.prefix=access --server.tomcat.accesslog.suffix=.log
    --server.tomcat.accesslog.rotate=false
    "--server.tomcat.accesslog.pattern=%{msec}t %{X-Bench}i %{remote}p %s %m %U")
fi
log "starting the local stack on $BASE (stateless MCP, work dir $WORK)"
# shellcheck disable=SC2086 # JAVA_OPTS and SERVER_ARGS are lists of words
SPRING_PROFILES_ACTIVE=local MCP_STATELESS=true SERVER_PORT=$PORT DEV_USER_PASSWORD=$PASSWORD \
  java $JAVA_OPTS -jar "$JAR" "${server_args[@]}" $SERVER_ARGS >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
started=$(date +%s)
until curl -sf -o /dev/null "$TARGET/actuator/health/readiness"; do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$WORK/server.log" >&2; die "the server exited"; }
  (($(date +%s) - started < 120)) || die "the server was not ready within 120 s"
  sleep 0.5
done
log "ready after $(($(date +%s) - started)) s"

# --- Access token: the curl walk of docs/protocol-walkthrough.md (authorization code + PKCE) -
MCP=$BASE/mcp
REDIRECT=http://127.0.0.1:8765/callback # never called: curl reads the code from the redirect
VERIFIER=$(openssl rand -base64 60 | tr -dc 'A-Za-z0-9' | cut -c1-64)
CHALLENGE=$(printf %s "$VERIFIER" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
STATE=$(openssl rand -hex 16)
AUTHZ="$BASE/oauth2/authorize?response_type=code&client_id=mcp-cli&redirect_uri=$REDIRECT&scope=mcp:tools&state=$STATE&code_challenge=$CHALLENGE&code_challenge_method=S256&resource=$MCP"
# The browser's part: a cookie jar, and Accept: text/html so that the authorization server
# redirects to its login page (it answers 401 to clients that do not ask for HTML).
browser=(curl -sf -c "$WORK/cookies" -b "$WORK/cookies" -H 'Accept: text/html')
"${browser[@]}" -o /dev/null "$AUTHZ"
CSRF=$("${browser[@]}" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p')
"${browser[@]}" -o /dev/null "$BASE/login" -d username=user -d password="$PASSWORD" --data-urlencode _csrf="$CSRF"
CALLBACK=$("${browser[@]}" -o /dev/null -w '%{redirect_url}' "$AUTHZ&continue")
[[ $CALLBACK == *"state=$STATE"* ]] || die "no code for our state in the redirect: $CALLBACK"
CODE=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$CALLBACK")
TOKEN=$(curl -sf "$BASE/oauth2/token" -d grant_type=authorization_code -d client_id=mcp-cli \
  -d code="$CODE" -d redirect_uri=$REDIRECT -d code_verifier="$VERIFIER" -d resource="$MCP" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

# Two tampered tokens from it (JWS compact form: header.payload.signature, base64url).
read -r BADSIG_TOKEN FORGEDKID_TOKEN < <(python3 - "$TOKEN" <<'EOF'
import base64, json, sys
header, payload, signature = sys.argv[1].split(".")
# Broken signature: change one character in the middle of it (the last one may only
# carry padding bits), keeping the key id, so the real key is used and the check fails.
i = len(signature) // 2
bad = signature[:i] + ("A" if signature[i] != "A" else "B") + signature[i + 1:]
# Unknown key id: a header naming a key the issuer never published.
h = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
h["kid"] = "bench-unknown-key"
forged = base64.urlsafe_b64encode(json.dumps(h, separators=(",", ":")).encode()).decode().rstrip("=")
print(f"{header}.{payload}.{bad} {forged}.{payload}.{signature}")
EOF
)

# --- Sanity checks: each request does what the scenario claims ----------------------------
TEXT="hello benchmark"
BODY=$(printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"hash_text","arguments":{"text":"%s"}}}' "$TEXT")
EXPECTED=$(printf %s "$TEXT" | sha256sum | cut -d' ' -f1)
mcp_post() { # token (may be empty) -> prints "<status> <WWW-Authenticate>" then the body
  local auth=()
  [[ -n $1 ]] && auth=(-H "Authorization: Bearer $1")
  curl -s -o "$WORK/body" -D "$WORK/headers" -X POST "$TARGET/mcp" "${auth[@]}" \
    -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2025-11-25' -d "$BODY"
  awk 'NR == 1 {s = $2} tolower($1) == "www-authenticate:" {sub(/\r$/, ""); $1 = ""; w = $0} END {print s w}' "$WORK/headers"
}
result=$(mcp_post "$TOKEN")
if [[ $result != 200* ]] || ! grep -q "\"hex\":\"$EXPECTED\"" "$WORK/body" || ! grep -q '"isError":false' "$WORK/body"; then
  die "tools/call with the valid token failed: $result $(head -c 300 "$WORK/body")"
fi
for t in BADSIG_TOKEN FORGEDKID_TOKEN; do
  result=$(mcp_post "${!t}")
  [[ $result == '401 Bearer error="invalid_token"'* ]] || die "$t: expected 401 invalid_token, got: $result"
done
result=$(mcp_post "")
[[ $result == '401 Bearer resource_metadata='* ]] || die "no token: expected a 401 challenge, got: $result"
log "checked: hash_text answers $EXPECTED; tampered tokens and no token get 401"

# --- Load ----------------------------------------------------------------------------------
declare -A PHASE_START PHASE_END WRK CPU OPENS JIT
PHASES=()
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; } # utime + stime, all threads
active_opens() { awk '/^Tcp:/ {if (!h) {for (i = 1; i <= NF; i++) if ($i == "ActiveOpens") c = i; h = 1} else print $c}' /proc/net/snmp; }
jit_seconds() { jstat -compiler "$SERVER_PID" | awk 'NR == 2 {print $4}'; }

# run_wrk LABEL SECONDS CONNECTIONS TOKEN: one bounded wrk run; stores its RESULT line.
run_wrk() {
  local label=$1 seconds=$2 conns=$3 token=$4 threads=2 out
  ((conns < threads)) && threads=$conns
  out=$(BENCH_BODY=$BODY BENCH_TOKEN=$token BENCH_LABEL=$label \
    wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s --latency \
    -s "$BENCH_DIR/mcp-post.lua" "$TARGET/mcp")
  WRK[$label]=$(grep '^RESULT ' <<<"$out")
}

# measure LABEL CONNECTIONS TOKEN: a measured run, with the server's CPU time, the JIT's
# compile time and the machine's TCP connects around it.
measure() {
  local label=$1 cpu0 opens0 jit0
  cpu0=$(cpu_ticks) opens0=$(active_opens) jit0=$(jit_seconds)
  PHASE_START[$label]=$(now_ms)
  run_wrk "$label" "$DURATION" "$2" "$3"
  PHASE_END[$label]=$(now_ms)
  CPU[$label]=$(($(cpu_ticks) - cpu0))
  OPENS[$label]=$(($(active_opens) - opens0))
  JIT[$label]=$(awk -v a="$jit0" -v b="$(jit_seconds)" -v s="$DURATION" 'BEGIN {printf "%.0f", 100 * (b - a) / s}')
  PHASES+=("$label") TIMELINE+=("$label")
  log "$label: ${WRK[$label]#RESULT }"
}

# Warm-up, in rounds that mix every kind of request of the measured runs (a valid call at
# 32 connections, so that Tomcat has started all the threads it will use, then each
# rejection), until the JIT compilers are nearly idle (below 5 % of a core over a round),
# for at least two rounds and at most WARMUP_MAX seconds. On 2 cores the JIT competes with
# the server for CPU: measuring while it still compiles understates throughput by a factor
# of 2 or more, and a kind of request it has not seen yet makes it deoptimize and
# recompile. The jit% column of the table shows whether that still happened in a run.
TIMELINE=(warm-up) # every phase, in order, for attributing JWK Set fetches
PHASE_START[warm-up]=$(now_ms)
round=0 settled=0
while (($(now_ms) - PHASE_START[warm-up] < WARMUP_MAX * 1000)); do
  jit0=$(jit_seconds) t0=$(now_ms) round=$((round + 1))
  run_wrk warm-up 4 32 "$TOKEN"
  rps=$(awk '{split($2, r, "="); split($3, d, "="); printf "%.0f", r[2] / (d[2] / 1e6)}' <<<"${WRK[warm-up]}")
  for t in "$BADSIG_TOKEN" "$FORGEDKID_TOKEN" ""; do run_wrk warm-up 2 8 "$t"; done
  jit_busy=$(awk -v a="$jit0" -v b="$(jit_seconds)" -v ms=$(($(now_ms) - t0)) 'BEGIN {printf "%.0f", 100 * (b - a) / (ms / 1000)}')
  log "warm-up round $round: valid calls at $rps req/s, JIT compiling ${jit_busy}% of a core"
  if ((round >= 2 && jit_busy < 5)); then settled=1; break; fi
done
((settled)) || log "WARNING: the JIT was still compiling after ${WARMUP_MAX}s: the numbers below are low"
PHASE_END[warm-up]=$(now_ms)
WARMUP_SECONDS=$(((PHASE_END[warm-up] - PHASE_START[warm-up]) / 1000))

measure valid-c1 1 "$TOKEN"
measure valid-c8 8 "$TOKEN"
measure valid-c32 32 "$TOKEN"
measure badsig-c8 8 "$BADSIG_TOKEN"
measure noauth-c8 8 ""
# Last: unknown key ids make the server try to refresh its JWK Set (rate-limited).
measure forgedkid-c8 8 "$FORGEDKID_TOKEN"

# Stop the server now: the access log is buffered and flushed when Tomcat stops.
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=

# --- Report --------------------------------------------------------------------------------
ACCESS=$WORK/access/access.log
declare -A SEEN_CONNS STATUSES
if [[ $ACCESS_LOG == 1 ]]; then
  # Per scenario: distinct client ports (= TCP connections the server saw) and statuses.
  while read -r label conns statuses; do
    SEEN_CONNS[$label]=$conns STATUSES[$label]=$statuses
  done < <(awk '$2 != "-" && $2 != "warm-up" {
        if (!(($2, $3) in p)) {p[$2, $3]; n[$2]++}
        s[$2, $4]++; l[$2]
      }
      END {
        for (x in l) {
          out = ""
          for (k in s) {split(k, a, SUBSEP); if (a[1] == x) out = out (out ? "," : "") a[2] "x" s[k]}
          print x, n[x], out
        }
      }' "$ACCESS")
fi

echo
echo "MCP tools/call benchmark: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "server: $(java -version 2>&1 | head -1), JAVA_OPTS=$JAVA_OPTS, stateless transport, access log $([[ $ACCESS_LOG == 1 ]] && echo on || echo off)${SERVER_ARGS:+, SERVER_ARGS=$SERVER_ARGS}"
echo "load: wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), ${DURATION}s per run after ${WARMUP_SECONDS}s of warm-up$( ((settled)) || echo ' (JIT NOT settled)'); wrk shares the 2 cores with the server"
echo
printf '%-13s %5s %9s %8s %8s %8s %8s %7s %7s %10s %5s %6s %6s  %s\n' \
  scenario conns requests 'req/s' 'p50 ms' 'p90 ms' 'p99 ms' 'non2xx' 'sockerr' 'cpu us/req' 'jit%' 'tcp.k' 'tcp.s' 'statuses (access log)'
for label in "${PHASES[@]}"; do
  # The RESULT line is "RESULT key=value ..." (see mcp-post.lua).
  awk -v l="$label" -v c="${label##*-c}" -v cpu="${CPU[$label]}" -v hz="$(getconf CLK_TCK)" -v jit="${JIT[$label]}" \
    -v tk="${OPENS[$label]}" -v ts="${SEEN_CONNS[$label]:-n/a}" -v st="${STATUSES[$label]:-n/a}" '
    {for (i = 2; i <= NF; i++) {split($i, kv, "="); r[kv[1]] = kv[2]}}
    END {
      n = r["requests"]
      printf "%-13s %5s %9d %8.0f %8.2f %8.2f %8.2f %7d %7d %10.0f %5s %6s %6s  %s\n", l, c, n,
        n / (r["duration_us"] / 1e6), r["p50_us"] / 1000, r["p90_us"] / 1000, r["p99_us"] / 1000,
        r["non2xx"], r["connect"] + r["read"] + r["write"] + r["timeout"], cpu / hz * 1e6 / n, jit, tk, ts, st
    }' <<<"${WRK[$label]}"
done
cat <<EOF

req/s, p50/p90/p99: wrk's (latency from when wrk sent the request; wrk does not correct
for coordinated omission). non2xx: responses that were not 2xx (the 401 runs expect all).
cpu us/req: CPU time of the server process (all threads: requests, GC, JIT) per request.
jit%: share of a core the JIT compilers used during the run; above a few % the run
measured a JVM still being optimized (or deoptimized by a new mix of requests).
tcp.k: TCP connections opened on the machine during the run (kernel counter ActiveOpens;
wrk opens one extra to probe the address, the server one when it fetches its JWK Set).
tcp.s: distinct client ports in the server's access log for the run; its status counts
include the few requests in flight when wrk stopped. With keep-alive honoured, tcp.s
equals conns; a server closing connections after 100 requests would show about
requests/100.
EOF
if [[ $ACCESS_LOG == 1 ]]; then
  # JWK Set fetches: the server fetches its keys from itself over HTTP, so each fetch is
  # one access-log line; each is attributed to the phase it happened in.
  echo
  echo "JWK Set fetches (GET /oauth2/jwks), by phase:"
  for p in "${TIMELINE[@]}"; do echo "$p ${PHASE_START[$p]} ${PHASE_END[$p]}"; done >"$WORK/timeline"
  awk 'FNR == NR {n++; ph[n] = $1; s[n] = $2; e[n] = $3; next}
    $6 == "/oauth2/jwks" {
      where = "setup"
      for (i = 1; i <= n; i++) if ($1 >= s[i] && $1 <= e[i]) where = ph[i]
      count[where]++; total++
    }
    END {
      printf "  %-20s %d  (sign-in, sanity checks: one valid and one forged-kid token)\n", "setup", count["setup"]
      for (i = 1; i <= n; i++) printf "  %-20s %d\n", ph[i], count[ph[i]]
      printf "  %-20s %d  of %d requests logged\n", "total", total, FNR
    }' "$WORK/timeline" "$ACCESS"
fi
