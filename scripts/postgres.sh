# shellcheck shell=bash
# A throwaway PostgreSQL server for tests and local runs. Source this file, then:
#
#   mesh_pg_start             # initdb a temporary folder and start a server on a free port
#   mesh_pg_psql -c 'select 1'  # psql as the superuser "postgres" (database postgres unless -d is given)
#   mesh_pg_stop              # stop the server and remove the folder (safe to call twice)
#
# mesh_pg_start sets MESH_PG_BIN, MESH_PG_DIR, MESH_PG_PORT and MESH_PG_HOST.
# Trust authentication, fsync off: for tests and development only, never for real data.
# Used by scripts/test.sh (and meant for `./mesh up --postgres`).

MESH_PG_HOST=127.0.0.1
MESH_PG_BIN="${MESH_PG_BIN:-}"
MESH_PG_DIR=""
MESH_PG_PORT=""

mesh_pg_log() { echo "postgres.sh: $*" >&2; }
mesh_pg_fail() { mesh_pg_log "error: $*"; return 1; }

# Newest /usr/lib/postgresql/<version>/bin that has initdb (or $MESH_PG_BIN when set).
mesh_pg_find_bin() {
  if [[ -n "$MESH_PG_BIN" ]]; then
    [[ -x "$MESH_PG_BIN/initdb" ]] || { mesh_pg_fail "MESH_PG_BIN=$MESH_PG_BIN has no initdb"; return 1; }
    return 0
  fi
  local dir found=""
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    if [[ -x "$dir/initdb" ]]; then found="$dir"; fi
  done
  [[ -n "$found" ]] || return 1
  MESH_PG_BIN="$found"
}

# Finds the server binaries; as root, installs Debian's postgresql package when they are missing.
mesh_pg_ensure_bin() {
  mesh_pg_find_bin && return 0
  [[ -z "$MESH_PG_BIN" ]] || return 1
  if [[ "$(id -u)" -ne 0 ]]; then
    mesh_pg_fail "PostgreSQL server binaries (initdb) not found under /usr/lib/postgresql/*/bin; install them (sudo apt-get install postgresql) or set MESH_PG_BIN"
    return 1
  fi
  mesh_pg_log "PostgreSQL server not found; installing Debian package postgresql"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } >&2; then
    mesh_pg_fail "apt-get install postgresql failed"
    return 1
  fi
  mesh_pg_find_bin || { mesh_pg_fail "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"; return 1; }
}

# Runs a server binary as the owner of the data folder: "postgres" when we are root (initdb and
# postgres refuse to run as root), the current user otherwise. Runs in the folder, so the
# postgres user never needs access to the caller's working directory.
mesh_pg_as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd "$MESH_PG_DIR" && runuser -u "$(mesh_pg_owner)" -- "$@")
  else
    (cd "$MESH_PG_DIR" && "$@")
  fi
}

mesh_pg_owner() {
  if id -u postgres >/dev/null 2>&1; then echo postgres; else echo nobody; fi
}

# Prints a TCP port on 127.0.0.1 that is free right now.
mesh_pg_free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return 0
  fi
  local port i
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 40000))
    # A refused connection means nobody listens there.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  mesh_pg_fail "no free TCP port found on 127.0.0.1"
}

# initdb a new temporary folder and start a server on a free port.
mesh_pg_start() {
  [[ -z "$MESH_PG_DIR" ]] || { mesh_pg_fail "already started in $MESH_PG_DIR"; return 1; }
  mesh_pg_ensure_bin || return 1

  local tmp_root="${TMPDIR:-/tmp}"
  [[ "$(id -u)" -ne 0 ]] || tmp_root=/tmp   # the postgres user must be able to reach it
  MESH_PG_DIR="$(mktemp -d "$tmp_root/mesh-pg.XXXXXX")" || { mesh_pg_fail "mktemp failed"; return 1; }
  [[ "$(id -u)" -ne 0 ]] || chown "$(mesh_pg_owner)" "$MESH_PG_DIR"

  if ! mesh_pg_as_owner "$MESH_PG_BIN/initdb" -D "$MESH_PG_DIR/data" --auth=trust -U postgres \
      --encoding=UTF8 --locale=C --no-sync >"$MESH_PG_DIR/initdb.log" 2>&1; then
    cat "$MESH_PG_DIR/initdb.log" >&2
    mesh_pg_fail "initdb failed (see above)"
    return 1
  fi

  local attempt
  for attempt in 1 2 3; do
    MESH_PG_PORT="$(mesh_pg_free_port)" || return 1
    if mesh_pg_as_owner "$MESH_PG_BIN/pg_ctl" -w -t 60 -D "$MESH_PG_DIR/data" -l "$MESH_PG_DIR/log" \
        -o "-p $MESH_PG_PORT -k $MESH_PG_DIR -c listen_addresses=$MESH_PG_HOST -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null; then
      mesh_pg_log "started PostgreSQL $(mesh_pg_version) on $MESH_PG_HOST:$MESH_PG_PORT (folder $MESH_PG_DIR)"
      return 0
    fi
    # Someone may have taken the port between the probe and the start: try another one.
    grep -q 'could not bind\|Address already in use' "$MESH_PG_DIR/log" 2>/dev/null || break
    mesh_pg_log "port $MESH_PG_PORT was taken, trying another ($attempt/3)"
  done
  tail -n 20 "$MESH_PG_DIR/log" >&2 2>/dev/null || true
  mesh_pg_fail "PostgreSQL did not start (log above, folder $MESH_PG_DIR)"
  return 1
}

mesh_pg_version() {
  "$MESH_PG_BIN/postgres" --version 2>/dev/null | awk '{print $3}'
}

# Stops the server (immediate mode) and removes the folder. Never fails; safe to call twice.
mesh_pg_stop() {
  [[ -n "$MESH_PG_DIR" ]] || return 0
  local dir="$MESH_PG_DIR" pid what="removed $MESH_PG_DIR"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    what="stopped PostgreSQL on $MESH_PG_HOST:$MESH_PG_PORT and removed $dir"
    if ! mesh_pg_as_owner "$MESH_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1; then
      # pg_ctl could not stop it: kill the postmaster we started, so nothing outlives the folder.
      pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
      if [[ "$pid" =~ ^[0-9]+$ ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
  fi
  rm -rf "$dir"
  mesh_pg_log "$what"
  MESH_PG_DIR=""
  MESH_PG_PORT=""
  return 0
}

# psql as superuser "postgres" against the running server; extra arguments go to psql.
mesh_pg_psql() {
  [[ -n "$MESH_PG_PORT" ]] || { mesh_pg_fail "server not started"; return 1; }
  "$MESH_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$MESH_PG_HOST" -p "$MESH_PG_PORT" -U postgres -d postgres "$@"
}

# Npgsql connection string for database $1 (default postgres).
mesh_pg_npgsql() {
  echo "Host=$MESH_PG_HOST;Port=$MESH_PG_PORT;Username=postgres;Database=${1:-postgres};Pooling=true"
}

# libpq URI for database $1 (default postgres).
mesh_pg_uri() {
  echo "postgresql://postgres@$MESH_PG_HOST:$MESH_PG_PORT/${1:-postgres}"
}
