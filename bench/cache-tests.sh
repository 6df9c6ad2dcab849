#!/usr/bin/env bash
# HTTP cache conformance (RFC 9111): the public "cache-tests" suite (cache-tests.fyi, npm package http-cache-tests) run
# against several reverse-proxy caches in one run, on 127.0.0.1, each in front of its own copy of the suite's origin:
#   nginx     nginx proxy_cache as the suite's docker image sets it up (proxy_cache, proxy_cache_revalidate on,
#             proxy_http_version 1.1), cache and temp paths in the work folder
#   varnish   varnishd with a VCL that only names the origin as backend (the builtin VCL does the rest), storage
#             malloc, with the suite's image's parameters (default_ttl=0 default_grace=0 default_keep=3600)
#   squid     squid as a reverse proxy (http_port ... accel defaultsite=localhost no-vhost, cache_peer originserver), as
#             the suite's squid.conf, memory cache only as there, plus the refresh_patterns of Debian's squid.conf,
#             which the image includes it into
#   mesh      the Mesh edge (Release silo + proxy, as edge-throughput.sh starts them), route /{**rest} to a service
#             whose endpoint is the origin, with `cache: {defaultTtl: 0s, maxTtl: 1h}` (MESH_ROUTE_JSON replaces the
#             whole route body); the service has no retries, health check, outlier ejection or circuit breaking
#             (MESH_SERVICE_JSON replaces it): the origin fails on purpose and the suite counts the requests it
#             sees. A PUT the admin API refuses stops the run with the API's answer
# The suite is installed with npm into the work folder (or CACHE_TESTS_DIR=an existing checkout or package folder is
# used); nothing of it is kept in this repository. The client runs one arm after another (its tests wait on the clock,
# so arms are not run at the same time); each arm's JSON results are classified with the suite's own
# determineTestResult: required (pass / fail), optimal (pass / not optimal), check (yes / no), and across kinds
# "dependency failed" (a test it depends on did not pass), setup failed, retried and harness failed.
# Prints a markdown table to stdout (logs to stderr); writes to the results folder, per arm: ARM.json (the client's
# output), ARM-failed-required.tsv (id, result, message of every required test that did not pass), ARM-results.tsv
# (every test), ARM.client.log, and required.tsv (every required test, one column per arm), summary.md.
# Installs nginx, varnish, squid, nodejs/npm with apt-get when missing (a temporary policy-rc.d keeps the packages from
# starting their daemons); stops everything it started on exit, also on failure or Ctrl-C.
#
# Settings (environment): ARMS="nginx varnish squid mesh", CACHE_TESTS_VERSION=0.4.5, CACHE_TESTS_DIR= (use this
# checkout instead of installing; run `npm i` in it first), CLIENT_TIMEOUT=900 (seconds per arm), SKIP_BUILD=1 (do not
# build the mesh arm's programs), MESH_CONFIGURATION=Release (the build of silo and proxy the mesh arm runs),
# MESH_ROUTE_JSON=, MESH_SERVICE_JSON= (route and service bodies for the mesh arm), TEST_ID= (run only this test,
# printing the suite's request/response dump per arm instead of the table), RESULTS_DIR= (copy the results there),
# KEEP_WORK=1 (keep the whole work folder: daemon configs and logs; otherwise only its results/ stays).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ARMS=${ARMS:-"nginx varnish squid mesh"}
CACHE_TESTS_VERSION=${CACHE_TESTS_VERSION:-0.4.5}
CLIENT_TIMEOUT=${CLIENT_TIMEOUT:-900}
TEST_ID=${TEST_ID:-}
MESH_CONFIGURATION=${MESH_CONFIGURATION:-Release}
# The origin answers 5xx and drops connections on purpose, and the suite counts the requests it sees: no retries, no
# health check (it has no /healthz), no outlier ejection, a circuit that never opens.
MESH_SERVICE_JSON=${MESH_SERVICE_JSON:-'{"retry":{"attempts":0},"healthCheck":{"enabled":false},"outlierDetection":{"consecutiveFailures":1000,"maxEjectionPercent":0},"circuitBreaker":{"minimumThroughput":1000000}}'}
MESH_ROUTE_JSON=${MESH_ROUTE_JSON:-'{"match":{"path":"/{**rest}"},"backends":[{"service":"origin"}],"cache":{"defaultTtl":"0s","maxTtl":"1h"}}'}
WORK=$(mktemp -d /tmp/mesh-cache-tests.XXXXXX)
# Daemons that drop privileges (nginx workers, varnish, squid) reach their own folders below this one.
chmod 755 "$WORK"
RES=$WORK/results
mkdir -p "$RES" "$WORK/logs"
PIDS=()
POLICY_RC_CREATED=0

log() { echo "# $*" >&2; }

for arm in $ARMS; do
  case $arm in nginx | varnish | squid | mesh) ;; *) log "unknown arm '$arm' (known: nginx varnish squid mesh)"; exit 2 ;; esac
done

cleanup() {
  local pid
  # Every process below was started with setsid: its pid is its process group, which holds its children too
  # (nginx workers, varnish's cache process, npm's node).
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
  local copied=0
  if [[ -n ${RESULTS_DIR:-} ]] && [[ -n $(ls -A "$RES" 2>/dev/null) ]]; then
    mkdir -p "$RESULTS_DIR" && cp -r "$RES"/. "$RESULTS_DIR"/ && copied=1 && log "results copied to $RESULTS_DIR"
  fi
  if [[ ${KEEP_WORK:-0} == 1 ]]; then
    log "work folder kept: $WORK"
  elif [[ $copied == 0 && -n $(ls -A "$RES" 2>/dev/null) ]]; then
    find "$WORK" -mindepth 1 -maxdepth 1 ! -name results -exec rm -rf {} + 2>/dev/null || true
    log "results in $RES"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Starts a program in its own session and process group (so that cleanup stops it with all its children), output to
# $WORK/logs/NAME.log.
start() { # name command...
  local name=$1; shift
  setsid "$@" >"$WORK/logs/$name.log" 2>&1 </dev/null &
  PIDS+=($!)
}

forget_pid() { # a pid that has exited, so cleanup never signals a process group that might reuse its number
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p == "$1" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# Waits until GET URL answers with the origin's own 404 for an unknown test state ("State not found"): the proxy
# in front of it (if any) is up and forwards. Gives up after $2 seconds, or when the process $3 has exited.
wait_origin() { # url seconds pid name
  local url=$1 deadline=$((SECONDS + $2)) pid=$3 name=$4 body=""
  until body=$(curl -s --max-time 2 "$url") && [[ $body == *"State not found"* ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited; its log:"; tail -n 30 "$WORK/logs/$name.log" >&2 || true; return 1
    fi
    if ((SECONDS > deadline)); then
      log "gave up waiting for $url (last answer: ${body:0:300})"; tail -n 30 "$WORK/logs/$name.log" >&2 || true; return 1
    fi
    sleep 0.2
  done
}

wait_ok() { # url seconds — until it answers 2xx
  local url=$1 deadline=$((SECONDS + ${2:-60}))
  until curl -fs -o /dev/null --max-time 2 "$url"; do
    if ((SECONDS > deadline)); then log "gave up waiting for $url"; return 1; fi
    sleep 0.2
  done
}

has_arm() { [[ " $ARMS " == *" $1 "* ]]; }

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)
SQUID=$(command -v squid || echo /usr/sbin/squid)

install_tools() {
  local missing=() f pid before=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  has_arm nginx && { [[ -x $NGINX ]] || missing+=(nginx); }
  has_arm varnish && { [[ -x $VARNISHD ]] || missing+=(varnish); }
  has_arm squid && { [[ -x $SQUID ]] || missing+=(squid); }
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]} with apt-get"
  # The daemons a package might have started anyway, found by their pid files; those already running are not ours.
  local pidfiles=(/run/nginx.pid /run/squid.pid /run/varnishd.pid /run/varnish/varnishd.pid)
  for f in "${pidfiles[@]}"; do [[ -s $f ]] && kill -0 "$(cat "$f")" 2>/dev/null && before+=("$f"); done
  # Keep the packages from starting their own daemons (nginx on :80, varnish on :6081, squid on :3128):
  # invoke-rc.d asks policy-rc.d first.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && POLICY_RC_CREATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [[ $POLICY_RC_CREATED == 1 ]]; then rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=0; fi
  for f in "${pidfiles[@]}"; do
    [[ -s $f ]] || continue
    [[ " ${before[*]} " == *" $f "* ]] && continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then log "stopping the daemon the package started ($f, pid $pid)"; kill -TERM "$pid" || true; fi
  done
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  VARNISHD=$(command -v varnishd || echo /usr/sbin/varnishd)
  SQUID=$(command -v squid || echo /usr/sbin/squid)
}

install_suite() {
  if [[ -n ${CACHE_TESTS_DIR:-} ]]; then
    SUITE=$(cd "$CACHE_TESTS_DIR" && pwd)
  else
    log "installing http-cache-tests@$CACHE_TESTS_VERSION with npm into the work folder"
    npm i --prefix "$WORK/suite" --no-audit --no-fund --loglevel=error "http-cache-tests@$CACHE_TESTS_VERSION" >"$WORK/logs/npm-install.log" 2>&1 ||
      { cat "$WORK/logs/npm-install.log" >&2; exit 1; }
    SUITE=$WORK/suite/node_modules/http-cache-tests
  fi
  # The package (0.4.x) keeps the server in server/, the repository today in test-engine/server/.
  if [[ -f $SUITE/test-engine/server/server.mjs ]]; then SERVER_MJS=$SUITE/test-engine/server/server.mjs
  elif [[ -f $SUITE/server/server.mjs ]]; then SERVER_MJS=$SUITE/server/server.mjs
  else log "no server/server.mjs or test-engine/server/server.mjs in $SUITE"; exit 1; fi
  SUITE_VERSION=$(node -p "require('$SUITE/package.json').version")
  # A checkout says which one: the repository kept version 0.4.5 in package.json long after the release.
  if [[ -n ${CACHE_TESTS_DIR:-} ]]; then
    SUITE_VERSION+=" (from $SUITE$(git -C "$SUITE" log -1 --format=', commit %h of %cs' 2>/dev/null || true))"
  fi
  # The origin server listens on all interfaces (server.listen(port)); this wrapper adds the host 127.0.0.1.
  # (`npm run server` in the 0.4.x package also backgrounds it with '&', out of reach of the cleanup; so it is run
  # with node directly, with the settings npm would pass it as npm_config_*.)
  cat >"$WORK/origin.mjs" <<'EOF'
import net from 'node:net'
const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (args.length === 1 && (typeof args[0] === 'number' || typeof args[0] === 'string')) args.push('127.0.0.1')
  return listen.apply(this, args)
}
await import(process.argv[2])
EOF
}

start_origin() { # arm -> ORIGIN_PORT[arm]
  local arm=$1 port
  port=$(free_port)
  ORIGIN_PORT[$arm]=$port
  # The server serves files from its working folder, as under `npm run server`.
  (cd "$SUITE" && exec env npm_config_protocol=http npm_config_port="$port" npm_config_pidfile="$WORK/origin-$arm.pid" \
    setsid node "$WORK/origin.mjs" "$SERVER_MJS") >"$WORK/logs/origin-$arm.log" 2>&1 </dev/null &
  PIDS+=($!)
  wait_origin "http://127.0.0.1:$port/state/ready" 30 "$!" "origin-$arm"
}

start_nginx() {
  local d=$WORK/nginx user=""
  mkdir -p "$d/cache" "$d/tmp"
  if ((EUID == 0)); then user="user www-data www-data;"; chown -R www-data:www-data "$d"; fi
  cat >"$d/nginx.conf" <<EOF
worker_processes 1;
$user
pid $d/nginx.pid;
error_log $d/error.log warn;
events { worker_connections 1024; }
http {
  access_log $d/access.log;
  default_type application/octet-stream;
  client_body_temp_path $d/body;
  fastcgi_temp_path $d/fastcgi;
  uwsgi_temp_path $d/uwsgi;
  scgi_temp_path $d/scgi;
  # As the suite's docker/nginx/nginx.conf, on our ports and paths.
  proxy_cache_path $d/cache levels=1:2 keys_zone=my-cache:8m max_size=1000m inactive=600m;
  proxy_temp_path $d/tmp;
  server {
    listen 127.0.0.1:${PROXY_PORT[nginx]};
    location / {
      proxy_pass http://127.0.0.1:${ORIGIN_PORT[nginx]};
      proxy_cache my-cache;
      proxy_cache_revalidate on;
      proxy_http_version 1.1;
    }
  }
}
EOF
  start nginx "$NGINX" -p "$d" -e "$d/error.log" -c "$d/nginx.conf" -g 'daemon off;'
  wait_origin "http://127.0.0.1:${PROXY_PORT[nginx]}/state/ready" 20 "$!" nginx
}

start_varnish() {
  local jail=(-j unix)
  ((EUID == 0)) || jail=(-j none)
  # Debian's default.vcl with the backend changed, as the suite's docker/setup.sh does: empty, so the builtin VCL applies.
  cat >"$WORK/varnish.vcl" <<EOF
vcl 4.1;
backend default { .host = "127.0.0.1"; .port = "${ORIGIN_PORT[varnish]}"; }
EOF
  chmod 644 "$WORK/varnish.vcl"
  # The parameters of the suite's docker/serve.sh; -n (work folder) here, -T none (no management port).
  start varnish "$VARNISHD" -F "${jail[@]}" -a "127.0.0.1:${PROXY_PORT[varnish]}" -T none -n "$WORK/varnish" \
    -f "$WORK/varnish.vcl" -p default_ttl=0 -p default_grace=0 -p default_keep=3600 -s malloc,64M
  wait_origin "http://127.0.0.1:${PROXY_PORT[varnish]}/state/ready" 30 "$!" varnish
}

start_squid() {
  local d=$WORK/squid user=""
  mkdir -p "$d"
  if ((EUID == 0)); then user="cache_effective_user proxy"; chown -R proxy:proxy "$d"; fi
  cat >"$d/squid.conf" <<EOF
# The suite's docker/squid/squid.conf, on our ports (the origin by address, so no name lookup).
http_port 127.0.0.1:${PROXY_PORT[squid]} accel defaultsite=localhost no-vhost
cache_peer 127.0.0.1 parent ${ORIGIN_PORT[squid]} 0 no-query no-digest originserver default name=myAccel
acl our_sites dstdomain localhost
cache_peer_access myAccel allow all
http_access allow all
shutdown_lifetime 1 second
connect_retries 3
# The image includes the above into Debian's squid.conf, whose refresh_patterns (heuristic freshness) these are.
refresh_pattern ^ftp:           1440    20%     10080
refresh_pattern -i (/cgi-bin/|\?) 0     0%      0
refresh_pattern .               0       20%     4320
# Everything squid writes, in the work folder; no other ports; memory cache only (no cache_dir, as in the image).
$user
visible_hostname localhost
pid_filename $d/squid.pid
cache_log $d/cache.log
access_log stdio:$d/access.log
cache_store_log none
coredump_dir $d
netdb_filename none
pinger_enable off
icp_port 0
htcp_port 0
EOF
  start squid "$SQUID" -N -f "$d/squid.conf"
  wait_origin "http://127.0.0.1:${PROXY_PORT[squid]}/state/ready" 30 "$!" squid
}

admin_put() {
  local status
  status=$(curl -sS -o "$WORK/admin.out" -w '%{http_code}' -X PUT "http://127.0.0.1:$ADMIN_PORT$1" -H 'content-type: application/json' -d "$2")
  [[ $status == 200 ]] || { log "PUT $1 answered $status: $(cat "$WORK/admin.out")"; return 1; }
}

start_mesh() {
  local silo=src/Silo/bin/$MESH_CONFIGURATION/net10.0/Mesh.Silo.dll proxy=src/Proxy/bin/$MESH_CONFIGURATION/net10.0/Mesh.Proxy.dll
  [[ -f $silo && -f $proxy ]] || { log "no $MESH_CONFIGURATION build ($silo, $proxy): build first or run without SKIP_BUILD=1"; return 1; }
  ADMIN_PORT=$(free_port); SILO_PORT=$(free_port); GATEWAY_PORT=$(free_port); EDGE_ADMIN_PORT=$(free_port)
  log "Mesh silo (admin $ADMIN_PORT, gateway $GATEWAY_PORT) and edge proxy on ${PROXY_PORT[mesh]}"
  start silo env Logging__LogLevel__Default=Warning dotnet "$silo" \
    "--Mesh:Admin:Urls=http://127.0.0.1:$ADMIN_PORT" "--Orleans:SiloPort=$SILO_PORT" "--Orleans:GatewayPort=$GATEWAY_PORT"
  wait_ok "http://127.0.0.1:$ADMIN_PORT/readyz" 90
  start edge env Logging__LogLevel__Default=Warning dotnet "$proxy" --Mesh:Proxy:Id=edge-cache-tests \
    "--Mesh:Proxy:Urls=http://127.0.0.1:${PROXY_PORT[mesh]}" "--Mesh:Proxy:AdminUrls=http://127.0.0.1:$EDGE_ADMIN_PORT" \
    "--Orleans:GatewayPort=$GATEWAY_PORT"
  local edge_pid=$!
  wait_ok "http://127.0.0.1:$EDGE_ADMIN_PORT/readyz" 90
  admin_put /api/v1/services/origin "$MESH_SERVICE_JSON"
  admin_put /api/v1/services/origin/endpoints/origin-1 "{\"address\":\"http://127.0.0.1:${ORIGIN_PORT[mesh]}\"}"
  admin_put /api/v1/routes/all "$MESH_ROUTE_JSON"
  # Until the route reaches the edge it answers 503 (no route); then the origin's own 404 comes through.
  wait_origin "http://127.0.0.1:${PROXY_PORT[mesh]}/state/ready" 30 "$edge_pid" edge
}

version_of() {
  case $1 in
    nginx) "$NGINX" -v 2>&1 | sed -n 's|.*nginx/||p' ;;
    varnish) "$VARNISHD" -V 2>&1 | sed -n 's/.*varnish-\([^ ]*\).*/\1/p' | head -1 ;;
    squid) "$SQUID" -v 2>&1 | sed -n 's/.*Version \([^ ]*\).*/\1/p' | head -1 ;;
    mesh) echo "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo '+changes')" ;;
  esac
}

# One arm's client run; its stdout is the JSON results (or, with TEST_ID, the dump of that one test).
run_client() { # arm
  local arm=$1 rc=0 pid id_arg=() out=$RES/$1.json
  if [[ -n $TEST_ID ]]; then id_arg=("--id=$TEST_ID"); out=$RES/$arm.$TEST_ID.txt; fi
  log "client against $arm (http://127.0.0.1:${PROXY_PORT[$arm]}), up to ${CLIENT_TIMEOUT}s"
  (cd "$SUITE" && exec setsid timeout -k 10 "$CLIENT_TIMEOUT" npm run --silent cli "--base=http://127.0.0.1:${PROXY_PORT[$arm]}" "${id_arg[@]}") \
    >"$out" 2>"$RES/$arm.client.log" </dev/null &
  pid=$!
  PIDS+=("$pid")
  wait "$pid" || rc=$?
  forget_pid "$pid"
  if ((rc == 124)); then log "$arm: the client did not finish within ${CLIENT_TIMEOUT}s"; fi
  if ((rc != 0)); then log "$arm: client exited $rc; its log:"; tail -n 20 "$RES/$arm.client.log" >&2; fi
  [[ -s $RES/$arm.client.log ]] && log "$arm: client stderr in $RES/$arm.client.log ($(wc -l <"$RES/$arm.client.log") lines)"
  return 0
}

# Classifies each arm's results with the suite's own determineTestResult and prints the markdown table.
summarise() {
  cat >"$WORK/summarise.mjs" <<'EOF'
import fs from 'node:fs'
import { pathToFileURL } from 'node:url'
const [suiteDir, resDir, suiteVersion, ...armArgs] = process.argv.slice(2)
const load = async p => import(pathToFileURL(`${suiteDir}/${p}`).href)
const tests = (await load('tests/index.mjs')).default
let determineTestResult
if (fs.existsSync(`${suiteDir}/test-engine/lib/results.mjs`)) {
  determineTestResult = (await load('test-engine/lib/results.mjs')).determineTestResult
} else {
  // 0.4.x: the cli adds the Surrogate-Control suite to the index, and the classification lives in lib/display.mjs.
  if (fs.existsSync(`${suiteDir}/tests/surrogate-control.mjs`) && fs.readFileSync(`${suiteDir}/cli.mjs`, 'utf8').includes('surrogate-control')) {
    tests.push((await load('tests/surrogate-control.mjs')).default)
  }
  determineTestResult = (await load('lib/display.mjs')).determineTestResult
}
const names = { '✅': 'pass', '⛔️': 'fail', '⚠️': 'not-optimal', Y: 'yes', N: 'no', '🔹': 'setup-failed', '⁉️': 'harness-failed', '⚪️': 'dependency-failed', '↻': 'retried', '-': 'not-run' }
// What the cli runs: everything but browser-only tests.
const all = []
for (const suite of tests) for (const test of suite.tests) if (test.browser_only !== true) all.push({ suite: suite.id, test, kind: test.kind || 'required' })
const count = k => all.filter(t => t.kind === k).length
const rows = []
const matrix = new Map(all.filter(t => t.kind === 'required').map(t => [t.test.id, [t.suite, t.test.id]]))
let bad = 0
for (const armArg of armArgs) {
  const [arm, version] = armArg.split('=')
  let results
  try {
    results = JSON.parse(fs.readFileSync(`${resDir}/${arm}.json`, 'utf8'))
  } catch (e) {
    rows.push(`| ${arm} | ${version} | client failed: no JSON results (${arm}.client.log) | | | | | | | |`)
    for (const row of matrix.values()) row.push('-')
    bad++
    continue
  }
  const c = {}
  const add = (k, n = 1) => { c[k] = (c[k] || 0) + n }
  const lines = []
  const failed = []
  for (const { suite, test, kind } of all) {
    const r = names[determineTestResult(tests, test.id, results)[2]] || 'unknown'
    add(`${kind}:${r}`)
    add(r)
    const raw = results[test.id]
    const msg = Array.isArray(raw) ? `${raw[0]}: ${raw[1]}` : ''
    lines.push([test.id, suite, kind, r, msg].join('\t'))
    if (kind === 'required') {
      matrix.get(test.id).push(r)
      if (r !== 'pass') failed.push([test.id, r, msg].join('\t'))
    }
  }
  fs.writeFileSync(`${resDir}/${arm}-results.tsv`, 'id\tsuite\tkind\tresult\tmessage\n' + lines.join('\n') + '\n')
  fs.writeFileSync(`${resDir}/${arm}-failed-required.tsv`, failed.join('\n') + (failed.length ? '\n' : ''))
  const n = k => c[k] || 0
  rows.push(`| ${arm} | ${version} | ${n('required:pass')} / ${count('required')} | ${n('optimal:pass')} / ${count('optimal')} | ` +
    `${n('check:yes')} / ${count('check')} | ${n('dependency-failed')} | ${n('setup-failed')} | ${n('retried')} | ${n('harness-failed')} | ${n('not-run')} |`)
}
fs.writeFileSync(`${resDir}/required.tsv`, ['suite\tid\t' + armArgs.map(a => a.split('=')[0]).join('\t'), ...[...matrix.values()].map(r => r.join('\t'))].join('\n') + '\n')
const out = [
  `## HTTP cache conformance: cache-tests ${suiteVersion} (${all.length} tests run by the cli: ${count('required')} required, ${count('optimal')} optimal, ${count('check')} check)`,
  '',
  '| arm | version | required passed | optimal passed | check: yes | dependency failed | setup failed | retried | harness failed | not run |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  'required: must pass; optimal: the cache could have used a stored response; check: behaviour survey, no right answer.',
  '"dependency failed" (any kind): not scored because a test it depends on did not pass (status-NNN-stale needs',
  'status-NNN-fresh, surrogate-* surrogate-max-age, ...; when freshness-none fails, i.e. the cache stores responses without',
  'freshness or validator, most tests are); these count as not passed above.',
  ''
].join('\n')
fs.writeFileSync(`${resDir}/summary.md`, out)
process.stdout.write(out)
process.exitCode = bad ? 1 : 0
EOF
  local args=() arm
  for arm in $ARMS; do args+=("$arm=$(version_of "$arm")"); done
  node "$WORK/summarise.mjs" "$SUITE" "$RES" "$SUITE_VERSION" "${args[@]}"
}

install_tools
if has_arm mesh && [[ ${SKIP_BUILD:-0} != 1 ]]; then
  log "building ($MESH_CONFIGURATION, -m:1)"
  dotnet build bench/Bench.slnf -c "$MESH_CONFIGURATION" -m:1 -v q -nologo >"$WORK/logs/build.log" 2>&1 || { cat "$WORK/logs/build.log" >&2; exit 1; }
fi
install_suite
log "suite: http-cache-tests $SUITE_VERSION in $SUITE; node $(node --version), npm $(npm --version)"

declare -A ORIGIN_PORT=() PROXY_PORT=()
for arm in $ARMS; do
  PROXY_PORT[$arm]=$(free_port)
  start_origin "$arm"
  log "$arm on ${PROXY_PORT[$arm]}, its origin on ${ORIGIN_PORT[$arm]}"
  "start_$arm"
done

log "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for arm in $ARMS; do run_client "$arm"; done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ -n $TEST_ID ]]; then
  for arm in $ARMS; do
    echo "## $arm: $TEST_ID (client side)"; cat "$RES/$arm.$TEST_ID.txt"
    # The origin logs what it received and sent for a test the client dumps.
    echo "## $arm: $TEST_ID (origin side)"; grep -v 'State not found for ready' "$WORK/logs/origin-$arm.log" || true
    echo
  done
  exit 0
fi
summarise
