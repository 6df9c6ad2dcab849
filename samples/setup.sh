#!/bin/sh
# samples/setup.sh ADMIN_URL [TOKEN] — applies samples/mesh.yaml (the sample services, the edge route and the
# authorization policies) as one version, adding and replacing only (prune=false): run it as often as you like.
#
# The same as `./meshctl apply -f samples/mesh.yaml --prune=false`, with curl: docker-compose.yml runs it in the
# curl image, which has neither meshctl nor bash. TOKEN is the admin API's bearer token (Mesh:Admin:Token), when it
# has one; without the argument it is taken from MESH_ADMIN_TOKEN, which keeps it off the command line.
# POSIX sh, not bash: dash has no pipefail, so the script uses no pipelines.
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
document="$(dirname "$0")/mesh.yaml"
[ -f "$document" ] || { echo "$me: error: $document not found (it belongs beside this script)" >&2; exit 1; }

# one_line TEXT: TEXT with every run of white space (newlines included) made one space.
one_line() {
  set -f
  # shellcheck disable=SC2086  # split on purpose
  set -- $1
  echo "$*"
}

# Retries while the admin API is not up yet (connection refused, 503 while the silo starts).
if ! answer="$(curl -sS --fail-with-body --max-time 10 --retry 30 --retry-delay 2 --retry-connrefused \
  -X POST -H 'content-type: application/yaml' ${auth:+-H "$auth"} --data-binary "@$document" \
  "$admin/api/v1/config/apply?prune=false" 2>&1)"; then
  echo "$me: error: applying $document to $admin failed: $(one_line "$answer")" >&2
  exit 1
fi
echo "$me: applied $document: $(one_line "$answer")"
