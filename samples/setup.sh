#!/bin/sh
# samples/setup.sh ADMIN_URL [TOKEN] — puts the sample services in the catalog (idempotent: run it as often as you like).
#
#   services  orders, inventory       healthCheck /healthz, timeout 5s, 1 retry
#   route     orders                  /orders/{**rest} at the edge → orders (path kept: the app serves /orders/{id})
#   authz     orders                  only the edge may call it
#   authz     inventory               only orders may call it, GET /stock/* only
#
# The sidecars register themselves as the endpoints of their service once it exists (README.md,
# "A two-service mesh"). TOKEN is the admin API's bearer token (Mesh:Admin:Token), when it has one;
# without the argument it is taken from MESH_ADMIN_TOKEN, which keeps it off the command line.
# POSIX sh, not bash: docker-compose.yml runs it in the curl image, which has no bash. dash has no
# pipefail, so the script uses no pipelines.
set -eu

me="setup.sh"
if [ "$#" -lt 1 ] || [ "$#" -gt 2 ] || [ -z "$1" ]; then
  echo "usage: $me ADMIN_URL [TOKEN]   e.g. $me http://127.0.0.1:5100" >&2
  exit 2
fi
admin="${1%/}"
auth=""
token="${2:-${MESH_ADMIN_TOKEN:-}}"
[ -z "$token" ] || auth="Authorization: Bearer $token"

# one_line TEXT: TEXT with every run of white space (newlines included) made one space.
one_line() {
  set -f
  # shellcheck disable=SC2086  # split on purpose
  set -- $1
  echo "$*"
}

# put PATH JSON: PUT it on the admin API; on failure one line with what was refused and why, exit 1.
# Retries while the admin API is not up yet (connection refused, 503 while the silo starts).
put() {
  if ! answer="$(curl -sS --fail-with-body --max-time 10 --retry 30 --retry-delay 2 --retry-connrefused \
    -X PUT -H 'content-type: application/json' ${auth:+-H "$auth"} --data "$2" "$admin/api/v1/$1" 2>&1)"; then
    echo "$me: error: PUT $admin/api/v1/$1 failed: $(one_line "$answer")" >&2
    exit 1
  fi
  echo "$me: PUT /api/v1/$1 ok"
}

service='{ "timeout": "5s", "retry": { "attempts": 1 }, "healthCheck": { "path": "/healthz" } }'
put services/orders "$service"
put services/inventory "$service"
put routes/orders '{ "match": { "path": "/orders/{**rest}" }, "backends": [ { "service": "orders" } ] }'
put authz/orders '{ "allow": [ { "from": ["edge"] } ] }'
put authz/inventory '{ "allow": [ { "from": ["orders"], "methods": ["GET"], "paths": ["/stock/*"] } ] }'
