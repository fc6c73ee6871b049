#!/usr/bin/env bash
# Soak test, run by hand (never by `./mvnw verify`): two replicas of the jar behind nginx on
# loopback, sharing a PostgreSQL database and one signing key set, under a steady rate of
# authenticated tool calls for a long time.
#
#   bench/soak.sh                      30 minutes at 1,000 calls per second
#   DURATION=120 bench/soak.sh         a 2-minute check that the script works
#
# Creates a database of its own on the PostgreSQL that .ci/run starts (dropped at the
# end), generates the shared signing keys with the jar's `keys generate`, starts the two
# replicas (local stack, stateless MCP, issuer and MCP URL at nginx's origin) and nginx
# (the configuration of the tests' testsupport/Nginx.java, plus keep-alive connections to
# the replicas and no access log), signs in
# through nginx with curl (authorization code + PKCE), then drives tools/call hash_text
# through nginx with wrk and bench/paced-post.lua at RATE calls per second, while jstat
# samples each replica's heap. Prints: requests, the rate achieved, errors (non-2xx,
# socket errors, tool errors; must be 0), p50/p99/p99.9/max latency, and per replica the
# old generation after each collection (jstat -gc: OU in the samples where a young or
# full collection happened since the previous one), first, last and max, by windows of
# WINDOW seconds, with a verdict: flat when the last window's mean is within 10 % (or
# 16 MB) of the first's. Exit status 1 if there was an error or the heap is not flat.
# Stops everything it started, also on Ctrl-C.
#
# Settings (environment):
#   DURATION=1800   seconds of load          RATE=1000        calls per second
#   CONNECTIONS=50  wrk connections          THREADS=2        wrk threads
#   WINDOW=60       seconds per heap window  JAVA_OPTS="-Xms512m -Xmx512m"  each replica
#   PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=mcp_test PG_PASSWORD=mcp_test PG_DATABASE=mcp_test
#                   where to create the soak's database (the role needs CREATEDB)
#   KEEP_WORK=0     1 keeps the working directory (logs, jstat samples)
#
# Needs: a JDK 17+ (java, jstat), nginx and wrk (Debian packages; .ci/run installs them),
# psql (Debian postgresql-client), curl, openssl, python3.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=$PWD/bench
JAR=target/mcp-oauth-gateway.jar
DURATION=${DURATION:-1800}
RATE=${RATE:-1000}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
WINDOW=${WINDOW:-60}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-mcp_test} PG_PASSWORD=${PG_PASSWORD:-mcp_test} PG_DATABASE=${PG_DATABASE:-mcp_test}
KEEP_WORK=${KEEP_WORK:-0}
PASSWORD=soak-user-pw

log() { printf '[soak %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX ]] || die "nginx is missing (Debian: apt-get install -y nginx)"
command -v wrk >/dev/null || die "wrk is missing (Debian: apt-get install -y wrk)"
for tool in java jstat psql curl openssl python3 awk; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

if [[ ! -f $JAR ]] || [[ -n $(find src pom.xml -newer "$JAR" -print -quit) ]]; then
  log "building $JAR"
  ./mvnw -B -q package -DskipTests
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mcp-soak.XXXXXX")
DB=mcp_soak_$(openssl rand -hex 6)
export PGPASSWORD=$PG_PASSWORD
psql_admin() { psql -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" "$@"; }
PIDS=()
DB_CREATED=0
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $DB_CREATED == 1 ]]; then psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true; fi
  if [[ $KEEP_WORK == 1 ]]; then log "working directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

psql_admin -c "CREATE DATABASE $DB" || die "cannot create a database on $PG_HOST:$PG_PORT as $PG_USER"
DB_CREATED=1
KEYS=$(java -jar "$JAR" keys generate | sed -n 's/^BRIDGE_SIGNING_KEYS=//p')
[[ $KEYS == '{"keys"'* ]] || die "keys generate printed no BRIDGE_SIGNING_KEYS"

LB_PORT=$(free_port)
BASE=http://localhost:$LB_PORT
REPLICA_PORTS=("$(free_port)" "$(free_port)")
REPLICA_PIDS=()
for port in "${REPLICA_PORTS[@]}"; do
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of words
  SPRING_PROFILES_ACTIVE=local MCP_STATELESS=true SERVER_PORT=$port SERVER_ADDRESS=127.0.0.1 \
    MCP_RESOURCE_URL=$BASE/mcp OAUTH_ISSUER_URI=$BASE OAUTH_JWKS_URI=http://localhost:$port/oauth2/jwks \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
    SPRING_DATASOURCE_USERNAME=$PG_USER SPRING_DATASOURCE_PASSWORD=$PG_PASSWORD \
    DEV_USER_PASSWORD=$PASSWORD DEV_ADMIN_PASSWORD=soak-admin-pw DEV_CLIENT_SECRET=soak-client-secret \
    DEV_SIGNING_KEYS=$KEYS \
    java $JAVA_OPTS -jar "$JAR" >"$WORK/replica-$port.log" 2>&1 &
  PIDS+=($!) REPLICA_PIDS+=($!)
done

mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/client_body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream replicas {
    server 127.0.0.1:${REPLICA_PORTS[0]} max_fails=1 fail_timeout=1s;
    server 127.0.0.1:${REPLICA_PORTS[1]} max_fails=1 fail_timeout=1s;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://replicas;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Forwarded-Port \$server_port;
      proxy_buffering off;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout;
    }
  }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
PIDS+=($!)

started=$(date +%s)
for port in "${REPLICA_PORTS[@]}"; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    (($(date +%s) - started < 180)) || { tail -n 30 "$WORK/replica-$port.log" >&2; die "replica $port not ready within 180 s"; }
    sleep 0.5
  done
done
log "replicas ready on ${REPLICA_PORTS[*]} after $(($(date +%s) - started)) s; nginx on $BASE"

# --- Access token through nginx: the curl walk of docs/protocol-walkthrough.md --------------
MCP=$BASE/mcp
REDIRECT=http://127.0.0.1:8765/callback # never called: curl reads the code from the redirect
VERIFIER=$(openssl rand -base64 60 | tr -dc 'A-Za-z0-9' | cut -c1-64)
CHALLENGE=$(printf %s "$VERIFIER" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
STATE=$(openssl rand -hex 16)
AUTHZ="$BASE/oauth2/authorize?response_type=code&client_id=mcp-cli&redirect_uri=$REDIRECT&scope=mcp:tools&state=$STATE&code_challenge=$CHALLENGE&code_challenge_method=S256&resource=$MCP"
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
BODY='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"hash_text","arguments":{"text":"soak"}}}'
for _ in 1 2; do # once on each replica (round-robin)
  curl -sf -X POST "$MCP" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' -d "$BODY" | grep -q '"isError":false' ||
    die "tools/call through nginx failed"
done
log "signed in through nginx; tools/call answers on both replicas"

# --- Heap samples and load -------------------------------------------------------------------
for pid in "${REPLICA_PIDS[@]}"; do
  jstat -gc -t "$pid" 1000 >"$WORK/jstat-$pid.txt" 2>&1 &
  PIDS+=($!)
done
log "load: $RATE calls/s for $DURATION s ($CONNECTIONS connections, $THREADS threads)"
RESULT=$(RATE=$RATE THREADS=$THREADS CONNECTIONS=$CONNECTIONS BENCH_BODY=$BODY BENCH_TOKEN=$TOKEN \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$BENCH_DIR/paced-post.lua" "$MCP" |
  grep '^RESULT ')
sleep 2 # a last jstat sample after the load

# --- Report ------------------------------------------------------------------------------------
echo "soak: $DURATION s at $RATE calls/s target, 2 replicas behind nginx, PostgreSQL, JAVA_OPTS=$JAVA_OPTS"
python3 - "$RESULT" "$WINDOW" "${REPLICA_PORTS[@]}" "${REPLICA_PIDS[@]}" "$WORK" <<'PY'
import re, sys
result, window = sys.argv[1], int(sys.argv[2])
ports, pids, work = sys.argv[3:5], sys.argv[5:7], sys.argv[7]
r = dict((k, float(v)) for k, v in re.findall(r"(\w+)=([0-9.]+)", result))
errors = int(r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"] + r["tool_errors"])
print(f"requests {int(r['requests'])} in {r['duration_us'] / 1e6:.0f} s, achieved {r['rate']:.0f}/s")
print(f"errors {errors} (non-2xx {int(r['non2xx'])}, connect {int(r['connect'])}, read {int(r['read'])}, "
      f"write {int(r['write'])}, timeout {int(r['timeout'])}, tool errors {int(r['tool_errors'])})")
print("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f" % tuple(
    r[k] / 1000 for k in ("p50_us", "p90_us", "p99_us", "p999_us", "max_us")))
flat = True
for port, pid in zip(ports, pids):
    rows = []
    with open(f"{work}/jstat-{pid}.txt") as f:
        header = None
        for line in f:
            cols = line.split()
            if cols and cols[0] == "Timestamp":
                header = cols
            elif header and len(cols) == len(header):
                rows.append(dict(zip(header, map(float, cols))))
    after_gc, prev = [], None
    for row in rows:
        if prev and (row["YGC"] > prev["YGC"] or row["FGC"] > prev["FGC"]):
            after_gc.append((row["Timestamp"], row["OU"] / 1024))
        prev = row
    if len(after_gc) < 2:
        print(f"replica {port}: {len(after_gc)} collections sampled, too few to judge")
        flat = False
        continue
    t0 = after_gc[0][0]
    windows = {}
    for t, ou in after_gc:
        windows.setdefault(int((t - t0) // window), []).append(ou)
    means = [sum(v) / len(v) for _, v in sorted(windows.items())]
    first, last = means[0], means[-1]
    ok = last <= max(first * 1.10, first + 16)
    flat &= ok
    ygc = rows[-1]["YGC"] - rows[0]["YGC"]
    fgc = rows[-1]["FGC"] - rows[0]["FGC"]
    print(f"replica {port}: {int(ygc)} young, {int(fgc)} full collections; old gen MB after GC, "
          f"mean per {window} s window: " + " ".join(f"{m:.1f}" for m in means)
          + f"; max {max(ou for _, ou in after_gc):.1f}; {'flat' if ok else 'GROWING'}")
print("verdict:", "PASS" if errors == 0 and flat else "FAIL", "(errors must be 0, heap after GC flat)")
sys.exit(0 if errors == 0 and flat else 1)
PY
