#!/usr/bin/env bash
# Edge throughput and latency, one arm after another on 127.0.0.1:
#   direct        wrk -> nginx backend
#   nginx         wrk -> nginx reverse proxy (upstream keep-alive) -> backend
#   bare-yarp     wrk -> bench/BareYarp (one static catch-all route) -> backend
#   mesh          wrk -> Mesh edge proxy (silo + proxy, route /{**rest}; the admin API refuses YARP's {**catch-all} name) -> backend
#   mesh-rl       the same proxy on a route with a global rate limit that never refuses (10M/s)
#   mesh-noanalytics (only when ARMS names it) a second edge proxy with Mesh:Proxy:Analytics=false (no request record at
#                 all: neither analytics nor access log): what analytics, on by default, cost the edge
#   mesh-nootel   (only when ARMS names it) a second edge proxy with OTEL_SDK_DISABLED=true: how much of
#                 the gap to bare YARP is the proxy's OpenTelemetry tracing and metrics
#   mesh-log      (only when ARMS names it) a second edge proxy writing its access log to a file in the work folder
#                 (Mesh:Proxy:AccessLog), on the same silo and route: the access log's cost
#   nginx-h2      (only when ARMS names it) h2load (prior-knowledge h2c) -> nginx `listen ... http2` -> backend
#   mesh-h2       (only when ARMS names it) h2load -> the Mesh edge's same cleartext port, as h2c
#   nginx-tls     (only when ARMS names it) h2load over TLS (ALPN h2) -> nginx `listen ... ssl http2` -> backend
#   mesh-tls      (only when ARMS names it) h2load over TLS -> the Mesh edge's https port, serving a catalog
#                 certificate (PUT /api/v1/certificates/default); both TLS arms use one self-signed P-256 certificate
#                 h2 arms run h2load instead of wrk: -c64 -m10 (max) and -c4 -m1 (moderate), percentiles from its log
#   mesh-apikey   (only when ARMS names it) the same edge on a route with auth: apiKey, wrk sending a consumer's key
#   mesh-jwt      (only when ARMS names it) the same edge on a route with auth: jwt (an inline RS256 key set), wrk
#                 sending one token minted here with openssl (clients reuse a token until it expires: after the
#                 first request the edge answers from its cache of passed tokens, as Envoy's jwt_authn does)
#   mesh-jwt-fresh (only when ARMS names it) auth: jwt again, but wrk (a lua script) sends 20000 distinct tokens in turn
#                 (`Mesh.Bench jwt-tokens`), more than the edge's cache of passed tokens holds: every request is a
#                 signature check, the worst case; the fixed-rate run is skipped for this arm
#   nginx-cache   (only when ARMS names it) nginx proxy_cache in front of the backend's /cached/ location, which answers
#                 Cache-Control: public, max-age=3600: after the first request every one is a cache hit
#   mesh-cache    (only when ARMS names it) the same edge on a route with cache (the same /cached/ location): every
#                 request after the first is answered from the edge's store
#   mesh-before   (only when ARMS names it) a second edge proxy built from an earlier commit, BEFORE_PROXY=path to its
#                 Mesh.Proxy.dll, on the same silo and route: a change's before and after side by side in one run
#   mesh-policies (only when ARMS names it) a second edge proxy writing its access log to a file, on a route with auth:
#                 apiKey and a global rate limit that never refuses: the edge with the policies a gateway route carries
#   mesh-env      (only when ARMS names it) a second edge proxy started with the environment EDGE_ENV (space-separated
#                 NAME=value pairs, e.g. "DOTNET_TieredPGO=0"): a runtime setting's effect, side by side
# PIN=1 runs the proxy under test (the nginx proxies, bare YARP, every Mesh edge) on core 0 and everything else (the
# backend, the silo, wrk, h2load, the fixed-rate client) on core 1, so each proxy is measured per core instead of
# borrowing the load generator's; wrk then runs -t1 -c32 for the max rate, nginx proxies with one worker.
# For each arm: a WARMUP-second warm-up (JIT tiering of the .NET arms), wrk -t2 -c64 (max requests/s), wrk -t1 -c4 (latency at a moderate,
# closed-loop load) and, since wrk has no fixed-rate mode, `Mesh.Bench fixed-rate` (open loop, FIXED_RPS/s).
# Prints a markdown table with ratios to nginx and to bare YARP; stops everything it started on exit.
#
# Settings (environment): DURATION=10 (seconds per measured run), WARMUP=5, ROUNDS=2 (arms are interleaved per round,
# every other round in reverse order;
# the table shows the median over rounds), FIXED_RPS=1000 (0 skips it; half-nginx: half of nginx's max rate, measured
# once before the rounds), SKIP_BUILD=1, ARMS="direct nginx ...", PIN=0.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
ROUNDS=${ROUNDS:-2}
FIXED_RPS=${FIXED_RPS:-1000}
ARMS=${ARMS:-"direct nginx bare-yarp mesh mesh-rl"}
PIN=${PIN:-0}
if [[ $PIN == 1 ]]; then
  (($(nproc) >= 2)) || { echo "PIN=1 needs 2 cores" >&2; exit 2; }
  UNDER_TEST=(taskset -c 0); LOAD=(taskset -c 1); WRK_MAX=(-t1 -c32); PROXY_WORKERS=1
else
  UNDER_TEST=(); LOAD=(); WRK_MAX=(-t2 -c64); PROXY_WORKERS=2
fi
WORK=$(mktemp -d /tmp/mesh-edge-bench.XXXXXX)
PIDS=()
POLICY_RC_CREATED=0

log() { echo "# $*" >&2; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until a URL answers 2xx, up to $2 seconds; the rest are extra curl options (--http2-prior-knowledge for an
# h2c port, -H "x-api-key: ..." for a route that authenticates).
wait_ok() {
  local url=$1 deadline=$((SECONDS + ${2:-60})) extra=("${@:3}")
  until curl -fs -o /dev/null --max-time 2 "${extra[@]}" "$url"; do
    if ((SECONDS > deadline)); then log "gave up waiting for $url"; return 1; fi
    sleep 0.2
  done
}

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  if [[ " $ARMS " == *"-h2 "* || " $ARMS " == *"-tls "* ]]; then command -v h2load >/dev/null || missing+=(nghttp2-client); fi
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]} with apt-get"
  # Keep the package from starting its own nginx on port 80: invoke-rc.d asks policy-rc.d first.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && POLICY_RC_CREATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=0; fi
}

NGINX=$(command -v nginx || echo /usr/sbin/nginx)

start_nginx() { # name workers port body-of-http-block [h2: the port speaks h2c only | tls: https only]
  local name=$1 workers=$2 conf=$WORK/$1.conf
  mkdir -p "$WORK/$name"
  cat >"$conf" <<EOF
worker_processes $workers;
pid $WORK/$name/nginx.pid;
error_log $WORK/$name/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/plain;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/$name/body;
  proxy_temp_path $WORK/$name/proxy;
  fastcgi_temp_path $WORK/$name/fastcgi;
  uwsgi_temp_path $WORK/$name/uwsgi;
  scgi_temp_path $WORK/$name/scgi;
$4
}
EOF
  local pin=("${UNDER_TEST[@]}")
  [[ $name == backend ]] && pin=("${LOAD[@]}")
  "${pin[@]}" "$NGINX" -p "$WORK/$name" -e "$WORK/$name/error.log" -c "$conf" -g 'daemon off;' &
  PIDS+=($!)
  case ${5:-} in
    h2) wait_ok "http://127.0.0.1:$3/healthz" 20 --http2-prior-knowledge ;;
    tls) wait_ok "https://127.0.0.1:$3/healthz" 20 --insecure ;;
    *) wait_ok "http://127.0.0.1:$3/healthz" 20 ;;
  esac
}

# START_ENV: NAME=value pairs for the next program started (the mesh-env arm's edge).
START_ENV=()
dotnet_start() { # log-name assembly args...; the silo runs beside the load, every other program is under test
  local name=$1 pin=("${UNDER_TEST[@]}"); shift
  [[ $name == silo ]] && pin=("${LOAD[@]}")
  env Logging__LogLevel__Default=Warning "${START_ENV[@]}" "${pin[@]}" dotnet "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}

admin_put() {
  local status
  status=$(curl -sS -o "$WORK/admin.out" -w '%{http_code}' -X PUT "http://127.0.0.1:$ADMIN_PORT$1" -H 'content-type: application/json' -d "$2")
  [[ $status == 200 ]] || { log "PUT $1 answered $status: $(cat "$WORK/admin.out")"; return 1; }
}

# wrk's output -> "rps p50ms p99ms non2xx errors"
parse_wrk() {
  awk '
    function ms(v) { if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
                     if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
                     if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
                     return v + 0 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { errors = $4 + $6 + $8 + $10 }
    END { printf "%.0f %.3f %.3f %d %d\n", rps, p50, p99, non2xx, errors }'
}

# h2load, connections, streams per connection, seconds, url -> "rps p50ms p99ms non2xx errors" (percentiles from its per-request log)
run_h2load() {
  local requests=$WORK/h2load.log out p50 p99
  rm -f "$requests"
  out=$("${LOAD[@]}" h2load -c"$1" -m"$2" -D "$3" --log-file="$requests" "$4")
  # The log's third column is each request's time in microseconds.
  read -r p50 p99 < <(cut -f3 "$requests" | sort -n | awk '{ d[NR] = $1 } END { if (NR) printf "%.3f %.3f\n", d[int(NR * 0.5) + 1] / 1000, d[int(NR * 0.99) + 1] / 1000; else print "0 0" }')
  echo "$out" | awk -v p50="$p50" -v p99="$p99" '
    /req\/s/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^req\/s/) { rps = $i; gsub(",", "", rps) } }
    /^requests:/ { for (i = 1; i < NF; i++) { if ($(i + 1) ~ /^failed/) failed = $i; if ($(i + 1) ~ /^errored/) errored = $i } }
    /^status codes:/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^[45]xx/) bad += $i }
    END { printf "%.0f %s %s %d %d\n", rps, p50, p99, bad, failed + errored }'
}

measure_arm() { # arm url round
  local arm=$1 url=$2 round=$3 max moderate fixed="" header=() fixed_header=()
  if [[ -n ${HEADER[$arm]:-} ]]; then header=(-H "${HEADER[$arm]}"); fixed_header=(--header "${HEADER[$arm]}"); fi
  if [[ -n ${SCRIPT[$arm]:-} ]]; then header=(-s "${SCRIPT[$arm]}"); fi
  if [[ $arm == *-h2 || $arm == *-tls ]]; then
    "${LOAD[@]}" h2load -c64 -m10 -D "$WARMUP" "$url" >/dev/null
    max=$(run_h2load 64 10 "$DURATION" "$url")
    moderate=$(run_h2load 4 1 "$DURATION" "$url")
    echo "$arm $round $max $moderate - - - -" | tee -a "$WORK/results.txt" >&2
    return
  fi
  "${LOAD[@]}" wrk "${WRK_MAX[@]}" -d"${WARMUP}s" "${header[@]}" "$url" >/dev/null
  max=$("${LOAD[@]}" wrk "${WRK_MAX[@]}" -d"${DURATION}s" --latency "${header[@]}" "$url" | tee "$WORK/$arm.$round.max.txt" | parse_wrk)
  moderate=$("${LOAD[@]}" wrk -t1 -c4 -d"${DURATION}s" --latency "${header[@]}" "$url" | tee "$WORK/$arm.$round.moderate.txt" | parse_wrk)
  if ((FIXED_RPS > 0)) && [[ -z ${SCRIPT[$arm]:-} ]]; then
    fixed=$("${LOAD[@]}" dotnet "$BENCH" fixed-rate --url "$url" --rps "$FIXED_RPS" --seconds "$DURATION" --connections 16 --label "$arm" "${fixed_header[@]}" \
      | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } printf "%s %s %s %s", v["p50"], v["p99"], v["p999"], v["errors"] }' || true)
  fi
  echo "$arm $round $max $moderate ${fixed:-- - - -}" | tee -a "$WORK/results.txt" >&2
}

install_tools
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  log "building (Release, -m:1)"
  dotnet build bench/Bench.slnf -c Release -m:1 -v q -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
BENCH=$ROOT/bench/Mesh.Bench/bin/Release/net10.0/Mesh.Bench.dll

BACKEND_PORT=$(free_port); NGINX_PORT=$(free_port); YARP_PORT=$(free_port)
ADMIN_PORT=$(free_port); SILO_PORT=$(free_port); GATEWAY_PORT=$(free_port); EDGE_PORT=$(free_port); EDGE_ADMIN_PORT=$(free_port)

log "nginx backend on $BACKEND_PORT (1 worker), nginx proxy on $NGINX_PORT (2 workers, upstream keepalive 64)"
start_nginx backend 1 "$BACKEND_PORT" "  server { listen 127.0.0.1:$BACKEND_PORT; location = /healthz { return 200 \"ok\"; } location / { return 200 \"ok\"; }
    location /cached/ { add_header Cache-Control \"public, max-age=3600\"; return 200 \"ok\"; } }"
start_nginx proxy "$PROXY_WORKERS" "$NGINX_PORT" "  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"

if [[ " $ARMS " == *" nginx-cache "* ]]; then
  NGINX_CACHE_PORT=$(free_port)
  # nginx's workers (an unprivileged user when started as root) write the stored responses.
  mkdir -p "$WORK/proxy-cache/store" && chmod 755 "$WORK" && chmod 777 "$WORK/proxy-cache/store"
  start_nginx proxy-cache "$PROXY_WORKERS" "$NGINX_CACHE_PORT" "  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  proxy_cache_path $WORK/proxy-cache/store levels=1:2 keys_zone=bench:10m max_size=100m;
  server { listen 127.0.0.1:$NGINX_CACHE_PORT;
    location / { proxy_cache bench; proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
fi

if [[ " $ARMS " == *" nginx-h2 "* ]]; then
  NGINX_H2_PORT=$(free_port)
  start_nginx proxy-h2 "$PROXY_WORKERS" "$NGINX_H2_PORT" "  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_H2_PORT http2;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }" h2
fi

TLS_ARMS=0
if [[ " $ARMS " == *"-tls "* ]]; then
  TLS_ARMS=1; NGINX_TLS_PORT=$(free_port); EDGE_TLS_PORT=$(free_port)
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
  start_nginx proxy-tls "$PROXY_WORKERS" "$NGINX_TLS_PORT" "  upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_TLS_PORT ssl http2; ssl_certificate $WORK/tls.crt; ssl_certificate_key $WORK/tls.key;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }" tls
fi

log "bare YARP on $YARP_PORT"
dotnet_start bare-yarp bench/BareYarp/bin/Release/net10.0/Mesh.Bench.BareYarp.dll \
  "--BareYarp:Urls=http://127.0.0.1:$YARP_PORT" "--BareYarp:Destination=http://127.0.0.1:$BACKEND_PORT"
wait_ok "http://127.0.0.1:$YARP_PORT/healthz" 60

log "Mesh silo (admin $ADMIN_PORT, gateway $GATEWAY_PORT) and edge proxy on $EDGE_PORT"
dotnet_start silo src/Silo/bin/Release/net10.0/Mesh.Silo.dll \
  "--Mesh:Admin:Urls=http://127.0.0.1:$ADMIN_PORT" "--Orleans:SiloPort=$SILO_PORT" "--Orleans:GatewayPort=$GATEWAY_PORT"
wait_ok "http://127.0.0.1:$ADMIN_PORT/readyz" 90
EDGE_URLS="http://127.0.0.1:$EDGE_PORT"
((TLS_ARMS)) && EDGE_URLS+=";https://127.0.0.1:$EDGE_TLS_PORT"
dotnet_start edge src/Proxy/bin/Release/net10.0/Mesh.Proxy.dll --Mesh:Proxy:Id=edge-bench \
  "--Mesh:Proxy:Urls=$EDGE_URLS" "--Mesh:Proxy:AdminUrls=http://127.0.0.1:$EDGE_ADMIN_PORT" "--Orleans:GatewayPort=$GATEWAY_PORT"
wait_ok "http://127.0.0.1:$EDGE_ADMIN_PORT/readyz" 90
admin_put /api/v1/services/backend '{"healthCheck":{"interval":"1s"}}'
admin_put /api/v1/services/backend/endpoints/nginx-1 "{\"address\":\"http://127.0.0.1:$BACKEND_PORT\"}"
admin_put /api/v1/routes/all '{"match":{"path":"/{**rest}"},"backends":[{"service":"backend"}]}'
admin_put /api/v1/ratelimits/edge-unlimited '{"permitsPerSecond":10000000,"burst":10000000,"partitionBy":"global"}'
admin_put /api/v1/routes/limited '{"match":{"path":"/limited/{**rest}"},"backends":[{"service":"backend"}],"rateLimit":"edge-unlimited"}'
wait_ok "http://127.0.0.1:$EDGE_PORT/x" 30
wait_ok "http://127.0.0.1:$EDGE_PORT/limited/x" 30
if [[ " $ARMS " == *" mesh-cache "* ]]; then
  admin_put /api/v1/routes/cached '{"match":{"path":"/cached/{**rest}"},"backends":[{"service":"backend"}],"cache":{}}'
  wait_ok "http://127.0.0.1:$EDGE_PORT/cached/x" 30
fi
declare -A HEADER=()
if [[ " $ARMS " == *" mesh-apikey "* || " $ARMS " == *" mesh-policies "* ]]; then
  admin_put /api/v1/consumers/bench '{}'
  KEY=$(curl -fsS -X POST "http://127.0.0.1:$ADMIN_PORT/api/v1/consumers/bench/keys" | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
  admin_put /api/v1/routes/apikey '{"match":{"path":"/apikey/{**rest}"},"backends":[{"service":"backend"}],"auth":"apiKey"}'
  admin_put /api/v1/routes/policies '{"match":{"path":"/policies/{**rest}"},"backends":[{"service":"backend"}],"auth":"apiKey","rateLimit":"edge-unlimited"}'
  HEADER[mesh-apikey]="x-api-key: $KEY"
  HEADER[mesh-policies]="x-api-key: $KEY"
  wait_ok "http://127.0.0.1:$EDGE_PORT/apikey/x" 30 -H "${HEADER[mesh-apikey]}"
fi
if [[ " $ARMS " == *" mesh-jwt "* ]]; then
  # An RS256 key pair, its public key as a JSON Web Key Set, and a token valid for a day, with openssl and python's stdlib.
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt.key" 2>/dev/null
  read -r JWKS TOKEN < <(python3 - "$WORK/jwt.key" <<'PY'
import base64, json, subprocess, sys, time
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
key = sys.argv[1]
modulus = subprocess.run(["openssl", "rsa", "-in", key, "-noout", "-modulus"], capture_output=True, text=True, check=True).stdout.strip().split("=", 1)[1]
jwks = {"keys": [{"kty": "RSA", "kid": "bench-1", "use": "sig", "n": b64(bytes.fromhex(modulus)), "e": b64((65537).to_bytes(3, "big"))}]}
now = int(time.time())
signing_input = b64(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "bench-1"}).encode()) + "." + b64(json.dumps(
    {"iss": "https://idp.bench/", "sub": "bench", "aud": "bench", "iat": now, "nbf": now - 60, "exp": now + 86400}).encode())
signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=signing_input.encode(), capture_output=True, check=True).stdout
print(json.dumps(jwks, separators=(",", ":")), signing_input + "." + b64(signature))
PY
)
  admin_put /api/v1/jwt-providers/bench-idp "{\"issuer\":\"https://idp.bench/\",\"audiences\":[\"bench\"],\"jwks\":$JWKS}"
  admin_put /api/v1/routes/jwt '{"match":{"path":"/jwt/{**rest}"},"backends":[{"service":"backend"}],"auth":"jwt","jwtProviders":["bench-idp"]}'
  HEADER[mesh-jwt]="authorization: Bearer $TOKEN"
  wait_ok "http://127.0.0.1:$EDGE_PORT/jwt/x" 30 -H "${HEADER[mesh-jwt]}"
fi
declare -A SCRIPT=()
if [[ " $ARMS " == *" mesh-jwt-fresh "* ]]; then
  dotnet "$BENCH" jwt-tokens --out "$WORK/fresh" --count 20000 --issuer https://idp.fresh.bench/ --audience bench >&2
  admin_put /api/v1/jwt-providers/bench-fresh "{\"issuer\":\"https://idp.fresh.bench/\",\"audiences\":[\"bench\"],\"jwks\":$(cat "$WORK/fresh/jwks.json")}"
  admin_put /api/v1/routes/jwtfresh '{"match":{"path":"/jwtfresh/{**rest}"},"backends":[{"service":"backend"}],"auth":"jwt","jwtProviders":["bench-fresh"]}'
  cat >"$WORK/fresh/tokens.lua" <<LUA
local tokens = {}
for line in io.lines("$WORK/fresh/tokens.txt") do tokens[#tokens + 1] = line end
local i = math.random(#tokens)
request = function()
  i = i % #tokens + 1
  return wrk.format(nil, nil, { ["authorization"] = "Bearer " .. tokens[i] })
end
LUA
  SCRIPT[mesh-jwt-fresh]="$WORK/fresh/tokens.lua"
  wait_ok "http://127.0.0.1:$EDGE_PORT/jwtfresh/x" 30 -H "authorization: Bearer $(head -1 "$WORK/fresh/tokens.txt")"
fi
if ((TLS_ARMS)); then
  admin_put /api/v1/certificates/default "$(python3 -c 'import json, sys; print(json.dumps({"certificate": open(sys.argv[1]).read(), "privateKey": open(sys.argv[2]).read(), "hosts": ["localhost"]}))' "$WORK/tls.crt" "$WORK/tls.key")"
  wait_ok "https://127.0.0.1:$EDGE_TLS_PORT/x" 30 --insecure
fi
# Another edge proxy on the same silo and route, for an arm that changes one thing about the proxy; its port in
# EXTRA_PORT[arm]. second_edge arm assembly [proxy arguments...]
declare -A EXTRA_PORT=()
second_edge() {
  local arm=$1 assembly=$2 port admin_port; shift 2
  port=$(free_port); admin_port=$(free_port)
  log "second edge proxy for $arm on $port: $assembly $*"
  dotnet_start "edge-$arm" "$assembly" "--Mesh:Proxy:Id=edge-bench-$arm" \
    "--Mesh:Proxy:Urls=http://127.0.0.1:$port" "--Mesh:Proxy:AdminUrls=http://127.0.0.1:$admin_port" "--Orleans:GatewayPort=$GATEWAY_PORT" "$@"
  wait_ok "http://127.0.0.1:$port/x" 90
  EXTRA_PORT[$arm]=$port
}

PROXY_DLL=src/Proxy/bin/Release/net10.0/Mesh.Proxy.dll
if [[ " $ARMS " == *" mesh-nootel "* ]]; then OTEL_SDK_DISABLED=true second_edge mesh-nootel "$PROXY_DLL"; fi
if [[ " $ARMS " == *" mesh-log "* ]]; then second_edge mesh-log "$PROXY_DLL" "--Mesh:Proxy:AccessLog=$WORK/access.log"; fi
if [[ " $ARMS " == *" mesh-noanalytics "* ]]; then second_edge mesh-noanalytics "$PROXY_DLL" --Mesh:Proxy:Analytics=false; fi
if [[ " $ARMS " == *" mesh-env "* ]]; then
  [[ -n ${EDGE_ENV:-} ]] || { log "mesh-env needs EDGE_ENV=\"NAME=value ...\""; exit 2; }
  read -r -a START_ENV <<<"$EDGE_ENV"
  second_edge mesh-env "$PROXY_DLL"
  START_ENV=()
fi
if [[ " $ARMS " == *" mesh-policies "* ]]; then second_edge mesh-policies "$PROXY_DLL" "--Mesh:Proxy:AccessLog=$WORK/policies-access.log"; fi
if [[ " $ARMS " == *" mesh-before "* ]]; then
  [[ -f ${BEFORE_PROXY:-} ]] || { log "mesh-before needs BEFORE_PROXY=path to an earlier build's Mesh.Proxy.dll"; exit 2; }
  second_edge mesh-before "$BEFORE_PROXY"
fi

declare -A URL=(
  [direct]="http://127.0.0.1:$BACKEND_PORT/x"
  [nginx]="http://127.0.0.1:$NGINX_PORT/x"
  [bare-yarp]="http://127.0.0.1:$YARP_PORT/x"
  [mesh]="http://127.0.0.1:$EDGE_PORT/x"
  [mesh-rl]="http://127.0.0.1:$EDGE_PORT/limited/x"
  [mesh-apikey]="http://127.0.0.1:$EDGE_PORT/apikey/x"
  [mesh-jwt]="http://127.0.0.1:$EDGE_PORT/jwt/x"
  [mesh-jwt-fresh]="http://127.0.0.1:$EDGE_PORT/jwtfresh/x"
  [mesh-nootel]="http://127.0.0.1:${EXTRA_PORT[mesh-nootel]:-0}/x"
  [mesh-before]="http://127.0.0.1:${EXTRA_PORT[mesh-before]:-0}/x"
  [mesh-log]="http://127.0.0.1:${EXTRA_PORT[mesh-log]:-0}/x"
  [mesh-noanalytics]="http://127.0.0.1:${EXTRA_PORT[mesh-noanalytics]:-0}/x"
  [mesh-policies]="http://127.0.0.1:${EXTRA_PORT[mesh-policies]:-0}/policies/x"
  [mesh-env]="http://127.0.0.1:${EXTRA_PORT[mesh-env]:-0}/x"
  [nginx-cache]="http://127.0.0.1:${NGINX_CACHE_PORT:-0}/cached/x"
  [mesh-cache]="http://127.0.0.1:$EDGE_PORT/cached/x"
  [nginx-h2]="http://127.0.0.1:${NGINX_H2_PORT:-0}/x"
  [mesh-h2]="http://127.0.0.1:$EDGE_PORT/x"
  [nginx-tls]="https://127.0.0.1:${NGINX_TLS_PORT:-0}/x"
  [mesh-tls]="https://127.0.0.1:${EDGE_TLS_PORT:-0}/x"
)
: >"$WORK/results.txt"
if [[ $FIXED_RPS == half-nginx ]]; then
  "${LOAD[@]}" wrk "${WRK_MAX[@]}" -d"${WARMUP}s" "${URL[nginx]}" >/dev/null
  nginx_max=$("${LOAD[@]}" wrk "${WRK_MAX[@]}" -d"${DURATION}s" "${URL[nginx]}" | parse_wrk | cut -d' ' -f1)
  FIXED_RPS=$((nginx_max / 2))
  log "open-loop rate: half of nginx's max, $FIXED_RPS/s"
fi
log "$(nproc) cores$( [[ $PIN == 1 ]] && echo ', proxies under test pinned to core 0, load on core 1'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
log "columns: arm round | t2c64: rps p50 p99 non2xx errors | t1c4: rps p50 p99 non2xx errors | fixed: p50 p99 p99.9 errors"
for round in $(seq "$ROUNDS"); do
  # Even rounds go backwards, so no arm always runs right after another on a warmer or busier machine.
  order=$ARMS
  if ((round % 2 == 0)); then order=$(tr ' ' '\n' <<<"$ARMS" | tac | tr '\n' ' '); fi
  for arm in $order; do measure_arm "$arm" "${URL[$arm]}" "$round"; done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The mesh edge's own view of the rate-limit decisions during the run.
curl -fsS "http://127.0.0.1:$EDGE_ADMIN_PORT/metrics" | grep '^mesh_proxy_ratelimit_decisions_total' | sed 's/^/# /' >&2 || true

# Median over rounds per arm and column, then ratios.
awk -v arms="$ARMS" -v pin="$PIN" -v wrkmax="${WRK_MAX[*]}" -v fixed="$FIXED_RPS" -v dur="$DURATION" -v rounds="$ROUNDS" '
  function median(arm, col,   n, i, j, t, a) {
    n = 0; for (i = 1; i <= count[arm]; i++) if (val[arm, i, col] != "-") a[++n] = val[arm, i, col] + 0
    if (n == 0) return "-"
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  function ratio(x, y) { return (x == "-" || y == "-" || y == 0) ? "-" : sprintf("%.2f", x / y) }
  # The ratio of two arms within each round (close in time, so under similar load), and their median.
  function rounds_of(x, y,   r, n, i, j, t, a, list) {
    n = 0; list = ""
    for (r = 1; r <= count[x] && r <= count[y]; r++) { a[++n] = val[x, r, 3] / val[y, r, 3]; list = list sprintf("%s%.2f", n > 1 ? " " : "", a[n]) }
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n == 0 ? "-" : sprintf("%s (median %.2f)", list, n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
  }
  { count[$1]++; for (c = 3; c <= NF; c++) val[$1, count[$1], c] = $c }
  END {
    printf "\n## edge throughput and latency (median of %d rounds, %ss per run%s)\n\n", rounds, dur, pin == 1 ? ", pinned" : ""
    printf "| arm | max req/s (wrk %s) | / nginx | / bare YARP | p50 ms | p99 ms | req/s (wrk -t1 -c4) | p50 ms | p99 ms | fixed %s/s p50 ms | p99 ms | p99.9 ms | non-2xx + errors |\n", wrkmax, fixed
    printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    n = split(arms, list, " ")
    for (i = 1; i <= n; i++) { a = list[i]; rps[a] = median(a, 3) }
    for (i = 1; i <= n; i++) {
      a = list[i]
      bad = 0; for (r = 1; r <= count[a]; r++) bad += val[a, r, 6] + val[a, r, 7] + val[a, r, 11] + val[a, r, 12] + (val[a, r, 16] == "-" ? 0 : val[a, r, 16])
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", a, rps[a], ratio(rps[a], rps["nginx"]), ratio(rps[a], rps["bare-yarp"]),
        median(a, 4), median(a, 5), median(a, 8), median(a, 9), median(a, 10), median(a, 13), median(a, 14), median(a, 15), bad
    }
    printf "\n"
    if (("mesh-rl" in rps) && ("mesh" in rps)) printf "rate limit on / off (mesh-rl / mesh, max req/s): %s; per round: %s\n", ratio(rps["mesh-rl"], rps["mesh"]), rounds_of("mesh-rl", "mesh")
    if (("mesh-apikey" in rps) && ("mesh" in rps)) printf "auth apiKey / auth none (mesh-apikey / mesh, max req/s): %s (goal >= 0.95); per round: %s\n", ratio(rps["mesh-apikey"], rps["mesh"]), rounds_of("mesh-apikey", "mesh")
    if (("mesh-jwt" in rps) && ("mesh" in rps)) printf "auth jwt / auth none (mesh-jwt / mesh, max req/s): %s (goal >= 0.85); per round: %s\n", ratio(rps["mesh-jwt"], rps["mesh"]), rounds_of("mesh-jwt", "mesh")
    if (("mesh-jwt-fresh" in rps) && ("mesh" in rps)) printf "auth jwt, a new token per request / auth none (mesh-jwt-fresh / mesh, max req/s): %s; per round: %s\n", ratio(rps["mesh-jwt-fresh"], rps["mesh"]), rounds_of("mesh-jwt-fresh", "mesh")
    if (("mesh" in rps) && ("bare-yarp" in rps)) printf "mesh edge / bare YARP (max req/s): %s (target >= 0.9); per round: %s\n", ratio(rps["mesh"], rps["bare-yarp"]), rounds_of("mesh", "bare-yarp")
    if (("mesh-h2" in rps) && ("nginx-h2" in rps)) printf "HTTP/2 (h2c): mesh edge / nginx (max req/s): %s; per round: %s\n", ratio(rps["mesh-h2"], rps["nginx-h2"]), rounds_of("mesh-h2", "nginx-h2")
    if (("mesh-tls" in rps) && ("nginx-tls" in rps)) printf "HTTP/2 over TLS: mesh edge / nginx (max req/s): %s; per round: %s\n", ratio(rps["mesh-tls"], rps["nginx-tls"]), rounds_of("mesh-tls", "nginx-tls")
    if (("mesh" in rps) && ("mesh-noanalytics" in rps)) printf "analytics on / off (mesh / mesh-noanalytics, max req/s): %s; per round: %s\n", ratio(rps["mesh"], rps["mesh-noanalytics"]), rounds_of("mesh", "mesh-noanalytics")
    if (("mesh-log" in rps) && ("mesh" in rps)) printf "access log to a file / off (mesh-log / mesh, max req/s): %s (goal >= 0.95); per round: %s\n", ratio(rps["mesh-log"], rps["mesh"]), rounds_of("mesh-log", "mesh")
    if (("mesh-cache" in rps) && ("nginx-cache" in rps)) printf "cache hit: mesh edge / nginx proxy_cache (max req/s): %s; per round: %s\n", ratio(rps["mesh-cache"], rps["nginx-cache"]), rounds_of("mesh-cache", "nginx-cache")
    if (("mesh-cache" in rps) && ("mesh" in rps)) printf "cache hit / forwarded (mesh-cache / mesh, max req/s): %s; per round: %s\n", ratio(rps["mesh-cache"], rps["mesh"]), rounds_of("mesh-cache", "mesh")
    if (("mesh-before" in rps) && ("bare-yarp" in rps)) printf "mesh edge before the change / bare YARP (max req/s): %s; per round: %s\n", ratio(rps["mesh-before"], rps["bare-yarp"]), rounds_of("mesh-before", "bare-yarp")
    if (("mesh-policies" in rps) && ("bare-yarp" in rps)) printf "mesh edge with rate limit + auth + access log / bare YARP (max req/s): %s (goal >= 0.9); per round: %s\n", ratio(rps["mesh-policies"], rps["bare-yarp"]), rounds_of("mesh-policies", "bare-yarp")
    if (("mesh" in rps) && ("nginx" in rps)) printf "mesh edge / nginx (max req/s): %s (goal >= 0.5); per round: %s\n", ratio(rps["mesh"], rps["nginx"]), rounds_of("mesh", "nginx")
    if (("mesh-env" in rps) && ("mesh" in rps)) printf "mesh edge with EDGE_ENV / without (mesh-env / mesh, max req/s): %s; per round: %s\n", ratio(rps["mesh-env"], rps["mesh"]), rounds_of("mesh-env", "mesh")
    if (("mesh-nootel" in rps) && ("bare-yarp" in rps)) printf "mesh edge without OpenTelemetry / bare YARP (max req/s): %s; per round: %s\n", ratio(rps["mesh-nootel"], rps["bare-yarp"]), rounds_of("mesh-nootel", "bare-yarp")
  }' "$WORK/results.txt"
