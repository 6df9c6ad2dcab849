#!/usr/bin/env bash
# Failover benchmark: ./bench/failover.sh [rounds]   (default 5; results go to docs/benchmarks.md by hand)
#
# Starts a throwaway PostgreSQL (scripts/postgres.sh), builds bench/Failover in Release, and runs it:
# three silos and an edge with steady client traffic; each round SIGKILLs the silo hosting the catalog
# grain and measures how long until an admin write succeeds through a survivor (p50/max over rounds),
# until the membership table marks the silo dead, until the edge applies that write, and how many edge
# requests failed meanwhile. Prints a Markdown table. Exits non-zero if any edge request failed.
# Everything runs on loopback; the PostgreSQL server and every process are stopped at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-5}"

# shellcheck source=scripts/postgres.sh disable=SC1091
source scripts/postgres.sh
trap mesh_pg_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dotnet build bench/Failover -c Release -nologo -v quiet
mesh_pg_start
MESH_TEST_POSTGRES="$(mesh_pg_npgsql postgres)"
export MESH_TEST_POSTGRES
dotnet bench/Failover/bin/Release/net10.0/Mesh.Bench.Failover.dll "$rounds"
