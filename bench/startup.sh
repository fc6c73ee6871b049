#!/usr/bin/env bash
# Start-up, memory and warm-up of the server, run by hand (never by `./mvnw verify`).
# See bench/README.md ("Start-up, memory and warm-up") for how to read the output.
#
#   bench/startup.sh
#
# Three ways to start the same jar, each STARTS times, on both cores:
#   jdk17-jar    java -jar the fat jar on the JDK on the PATH (17 here): the README's jar
#   jdk25        the jar's extracted layers on SERVER_JDK (25), as the container image lays
#                them out, without a cache
#   jdk25-aot    the same with the ahead-of-time cache the image's training stage makes
#                (the same training run: the server under requests; see the Dockerfile)
# and for each prints the time from the process start to the first 200 from
# /actuator/health, Spring's own "Started ... in" time, and the resident memory once idle.
#
# Then, for jdk17-jar and jdk25-aot, a warm-up curve under load: the server on one core
# (SERVER_CPU) with the container's memory settings (CONTAINER_OPTS), wrk on the other
# (LOAD_CPU) sending stateless tool calls with a valid token of a loopback issuer
# (bench/peer/issuer.mjs) from the first second on, in 1 s slices for CURVE seconds. It
# prints req/s per second, the resident memory after the load, and how long it took to
# reach 90 % of the speed of the last 10 seconds.
#
# Settings (environment, all optional):
#   STARTS=5           starts per way
#   CURVE=60           seconds of load in each warm-up curve
#   CONNS=32           wrk connections in the curves
#   SERVER_JDK=/usr/lib/jvm/temurin-25-jdk-amd64
#   CONTAINER_OPTS="-XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
#                      what the image's ENTRYPOINT and infra/service.yaml's default task
#                      (1 GiB) give the JVM
#   SERVER_CPU=0 LOAD_CPU=1
#   TRAINING_SECONDS=10 seconds of requests per transport in the training run (the image's)
#
# Needs: a JDK 17 and a JDK 25 (java), node 20+ and npm (the issuer), curl, python3, taskset,
# wrk. Listens on 127.0.0.1 only; everything it starts is stopped at the end.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH_DIR=$ROOT/bench
JAR=target/mcp-oauth-gateway.jar
STARTS=${STARTS:-5}
CURVE=${CURVE:-60}
CONNS=${CONNS:-32}
SERVER_JDK=${SERVER_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
CONTAINER_OPTS=${CONTAINER_OPTS:--XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError}
SERVER_CPU=${SERVER_CPU:-0}
TRAINING_SECONDS=${TRAINING_SECONDS:-10}
LOAD_CPU=${LOAD_CPU:-1}
JAVA25=$SERVER_JDK/bin/java

log() { printf '[startup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }
for tool in java "$JAVA25" node npm curl python3 taskset wrk; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

if [[ ! -f $JAR ]] || [[ -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests
fi
if [[ ! -f $BENCH_DIR/peer/node_modules/.package-lock.json ]]; then
  npm ci --prefix "$BENCH_DIR/peer" --no-audit --no-fund --ignore-scripts >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mcp-startup.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# The image's layout and training run (Dockerfile, stage "training"), on SERVER_JDK.
APP=$WORK/app
"$JAVA25" -Djarmode=tools -jar "$JAR" extract --layers --destination "$WORK/layers" \
  --application-filename application.jar >/dev/null
mkdir -p "$APP"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do cp -r "$WORK/layers/$layer/." "$APP/"; done
log "training run (makes the ahead-of-time cache, as the image build does: ${TRAINING_SECONDS}s per transport)"
(cd "$APP" && "$JAVA25" -XX:AOTCacheOutput=app.aot -Djava.io.tmpdir=/tmp -cp application.jar \
  io.github.mcpoauthgateway.training.TrainingRun "$TRAINING_SECONDS" >"$WORK/training.log" 2>&1) \
  || { tail -n 20 "$WORK/training.log" >&2; die "training run failed"; }

# command for a way: prints the words to run from $APP (or the repository for the fat jar)
command_of() {
  case $1 in
    jdk17-jar) echo "java -jar $ROOT/$JAR" ;;
    jdk25) echo "$JAVA25 -jar application.jar" ;;
    jdk25-aot) echo "$JAVA25 -XX:AOTCache=app.aot -jar application.jar" ;;
  esac
}

# start WAY PORT CPUS EXTRA_ENV... : starts the server in the background, sets STARTED_PID
start() {
  local way=$1 port=$2 cpus=$3
  shift 3
  # shellcheck disable=SC2046 # the command is a list of words
  (cd "$APP" && exec env SERVER_PORT="$port" "$@" taskset -c "$cpus" $(command_of "$way") $CONTAINER_OPTS \
    -Djava.io.tmpdir=/tmp --server.address=127.0.0.1) >"$WORK/$way.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}
PLACEHOLDERS=(MCP_RESOURCE_URL=https://mcp.example.test/mcp OAUTH_ISSUER_URI=https://issuer.example.test
  OAUTH_JWKS_URI=https://issuer.example.test/jwks MCP_REQUIRED_SCOPES=mcp:tools OAUTH_ALLOWED_CLIENT_IDS=bench-client)

echo "Start-up: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'); $STARTS starts per way, on cores 0-$(($(nproc) - 1)); JVM options: $CONTAINER_OPTS"
echo "jdk17-jar: $(java -version 2>&1 | head -1); jdk25, jdk25-aot: $("$JAVA25" -version 2>&1 | head -1)"
printf '%-10s %18s %18s %16s\n' way "healthy ms (med)" "Spring s (med)" "idle RSS MB"
for way in jdk17-jar jdk25 jdk25-aot; do
  healthy=() spring=() rss=()
  for ((i = 0; i < STARTS; i++)); do
    port=$(free_port) t0=$(now_ms)
    start "$way" "$port" "0-$(($(nproc) - 1))" "${PLACEHOLDERS[@]}"
    until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
      kill -0 "$STARTED_PID" 2>/dev/null || { tail -n 20 "$WORK/$way.log" >&2; die "$way exited"; }
      (($(now_ms) - t0 < 60000)) || die "$way was not healthy within 60 s"
      sleep 0.01
    done
    healthy+=($(($(now_ms) - t0)))
    spring+=("$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$WORK/$way.log" | grep -o '[0-9.]* seconds' | cut -d' ' -f1)")
    sleep 5
    rss+=("$(rss_mb "$STARTED_PID")")
    kill -TERM "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null || true
  done
  python3 - "$way" "${healthy[*]}" "${spring[*]}" "${rss[*]}" <<'EOF'
import statistics, sys
way, h, s, r = sys.argv[1], [int(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()], [int(x) for x in sys.argv[4].split()]
print(f"{way:<10} {statistics.median(h):9.0f} ({min(h)}-{max(h)}) {statistics.median(s):9.2f} ({min(s)}-{max(s)}) {statistics.median(r):8.0f} ({min(r)}-{max(r)})")
EOF
done

# Warm-up curves: tool calls from the first second on, one core for the server.
ISSUER_PORT=$(free_port)
ISSUER=http://127.0.0.1:$ISSUER_PORT
PORT=$ISSUER_PORT CLIENT_ID=bench-client taskset -c "$SERVER_CPU" node "$BENCH_DIR/peer/issuer.mjs" >"$WORK/issuer.log" 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null "$ISSUER/jwks"; do sleep 0.1; done
BODY='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"hash_text","arguments":{"text":"hello benchmark"}}}'
echo
echo "Warm-up under load: server on core $SERVER_CPU, wrk on core $LOAD_CPU, $CONNS connections, stateless tools/call from the first second"
for way in jdk17-jar jdk25-aot; do
  port=$(free_port)
  start "$way" "$port" "$SERVER_CPU" MCP_STATELESS=true MCP_RESOURCE_URL="http://localhost:$port/mcp" \
    OAUTH_ISSUER_URI="$ISSUER" OAUTH_JWKS_URI="$ISSUER/jwks" MCP_REQUIRED_SCOPES=mcp:tools OAUTH_ALLOWED_CLIENT_IDS=bench-client
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health"; do sleep 0.01; done
  token=$(curl -sf "$ISSUER/token?kind=valid&aud=http://localhost:$port/mcp")
  rates=()
  for ((second = 0; second < CURVE; second++)); do
    out=$(BENCH_BODY=$BODY BENCH_TOKEN=$token BENCH_LABEL=warm-up taskset -c "$LOAD_CPU" \
      wrk -t1 -c"$CONNS" -d1s --timeout 10s -s "$BENCH_DIR/mcp-post.lua" "http://127.0.0.1:$port/mcp" | grep '^RESULT ')
    rates+=("$(awk '{for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]} printf "%.0f", v["requests"] / (v["duration_us"] / 1e6)}' <<<"$out")")
  done
  after=$(rss_mb "$STARTED_PID")
  kill -TERM "$STARTED_PID"; wait "$STARTED_PID" 2>/dev/null || true
  python3 - "$way" "$after" "${rates[*]}" <<'EOF'
import statistics, sys
way, after, rates = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split()]
final = statistics.mean(rates[-10:])
reached = next((i + 1 for i, r in enumerate(rates) if r >= 0.9 * final), None)
print(f"{way}: req/s per second: {' '.join(map(str, rates))}")
print(f"{way}: last 10 s {final:.0f} req/s; 90 % of it first reached in second {reached}; RSS after the load {after} MB")
EOF
done
