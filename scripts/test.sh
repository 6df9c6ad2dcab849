#!/usr/bin/env bash
# The project's one test command: ./scripts/test.sh [extra dotnet test arguments]
#
# Starts a throwaway PostgreSQL (scripts/postgres.sh), builds a "mesh_template" database from
# db/sql/, builds Mesh.sln and runs `dotnet test Mesh.sln -c Release` with these set, and always stops the server and
# removes its folder, even when the tests fail or are interrupted:
#   MESH_TEST_POSTGRES           Npgsql connection string to the admin database "postgres"
#   MESH_TEST_POSTGRES_TEMPLATE  mesh_template: tests may CREATE DATABASE x TEMPLATE mesh_template
# Exits with dotnet test's exit code. Works for developers and for CI (root, CI=true, Debian 12:
# PostgreSQL, docker-compose for the compose-file test and Chromium for the browser tests are installed with apt-get
# when missing).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

test_log=""

# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
  mesh_pg_stop
  [[ -z "$test_log" ]] || rm -f "$test_log"
}

# One closing line over all test projects, summed from VSTest's summaries: the per-project block
# ("Total tests: 42" then "Passed: 41", "Failed: 1", "Skipped: 0" lines) or, at minimal verbosity,
# "Failed!  - Failed: 1, Passed: 41, Skipped: 0, Total: 42, ...". Prints nothing when neither is found.
summarize_tests() {
  awk '
    function count(label,   s) {
      if (!match($0, label ": +[0-9]+")) return 0
      s = substr($0, RSTART, RLENGTH); sub(/^[^0-9]*/, "", s); return s + 0
    }
    /(Passed|Failed)! +- +Failed: +[0-9]+/ {
      a_found = 1; a_failed += count("Failed"); a_passed += count("Passed"); a_skipped += count("Skipped"); next
    }
    /^ *Total tests: +[0-9]+/ { b_found = 1; next }
    /^ *Passed: +[0-9]+ *$/  { b_passed += count("Passed") }
    /^ *Failed: +[0-9]+ *$/  { b_failed += count("Failed") }
    /^ *Skipped: +[0-9]+ *$/ { b_skipped += count("Skipped") }
    END {
      if (a_found) printf "Tests: %d passed, %d failed, %d skipped\n", a_passed, a_failed, a_skipped
      else if (b_found) printf "Tests: %d passed, %d failed, %d skipped\n", b_passed, b_failed, b_skipped
    }' "$1"
}

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v dotnet >/dev/null 2>&1 || { echo "test.sh: error: dotnet not found on PATH" >&2; exit 1; }

# tests/Mesh.Deploy.Tests validates docker-compose.yml with `docker-compose config`, which needs no
# Docker engine. Without --no-install-recommends apt would also bring the engine (docker.io).
if ! command -v docker-compose >/dev/null 2>&1 && [[ "$(id -u)" -eq 0 ]]; then
  echo "test.sh: docker-compose not found; installing Debian package docker-compose" >&2
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose; } >&2 ||
    echo "test.sh: warning: apt-get install docker-compose failed; the compose-file test will fail" >&2
fi

# tests/Mesh.Silo.Tests load the admin pages in a real browser: Debian's Chromium, driven by Playwright.
if [[ ! -x /usr/bin/chromium ]] && [[ "$(id -u)" -eq 0 ]]; then
  echo "test.sh: /usr/bin/chromium not found; installing Debian package chromium" >&2
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >&2 ||
    echo "test.sh: warning: apt-get install chromium failed; the browser tests will fail" >&2
fi

mesh_pg_start

# The template every test database can be cloned from. Nobody may connect to it, so cloning never
# fails with "source database is being accessed by other users".
mesh_pg_psql -c 'CREATE DATABASE mesh_template'
db/apply.sh "$(mesh_pg_uri mesh_template)"
mesh_pg_psql -c 'ALTER DATABASE mesh_template WITH IS_TEMPLATE true ALLOW_CONNECTIONS false'

MESH_TEST_POSTGRES="$(mesh_pg_npgsql postgres)"
MESH_TEST_POSTGRES_TEMPLATE=mesh_template
export MESH_TEST_POSTGRES MESH_TEST_POSTGRES_TEMPLATE

# Build everything first: the end-to-end suites start the silo and proxy from their bin folders.
dotnet build Mesh.sln -c Release -nologo -clp:ErrorsOnly

# One test assembly at a time: the process-level suites make timing claims that need both cores.
test_log="$(mktemp "${TMPDIR:-/tmp}/mesh-test.XXXXXX")"
rc=0
dotnet test Mesh.sln -c Release --no-build -m:1 --logger "console;verbosity=normal" "$@" 2>&1 | tee "$test_log" || rc=${PIPESTATUS[0]}
summarize_tests "$test_log"
# Repeated last, so a log cut to its tail still names what failed and why.
if grep -q -E '^ +Failed [A-Za-z_]' "$test_log"; then
  echo "Failed tests:"
  grep -A12 -E '^ +Failed [A-Za-z_]' "$test_log" | head -200
fi
exit "$rc"
