#!/usr/bin/env bash
# Applies db/sql/*.sql, in name order, to one PostgreSQL database. Safe to run again.
#
#   db/apply.sh 'postgresql://user:password@host:5432/mesh'
#   db/apply.sh 'host=127.0.0.1 port=5432 user=postgres dbname=mesh'
#   PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=mesh db/apply.sh      # libpq PG* variables
#
# Needs psql (Debian: postgresql-client). Exits non-zero, with one line naming the failing file,
# when a script fails; psql's own error message comes just before it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
me="db/apply.sh"

fail() { echo "$me: error: $*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
[[ $# -le 1 ]] || fail "expected at most one argument (a connection URI or conninfo string), got $#"

command -v psql >/dev/null 2>&1 || fail "psql not found (install postgresql-client)"

shopt -s nullglob
files=("$here"/sql/*.sql)
[[ ${#files[@]} -gt 0 ]] || fail "no .sql files in $here/sql"

# Never wait forever for an unreachable server.
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}"

target=()
[[ $# -eq 0 ]] || target=(--dbname "$1")

for file in "${files[@]}"; do
  rc=0
  psql -X -q -v ON_ERROR_STOP=1 "${target[@]}" -f "$file" || rc=$?
  case $rc in
    0) ;;
    2) fail "could not connect to the database (see psql's message above); nothing applied from $(basename "$file") on" ;;
    3) fail "$(basename "$file") failed and was rolled back; the files before it stay applied" ;;
    *) fail "psql exited with $rc while applying $(basename "$file")" ;;
  esac
done

echo "$me: applied ${#files[@]} files: $(cd "$here/sql" && echo *.sql)"
