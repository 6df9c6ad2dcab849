#!/usr/bin/env bash
# Soak or chaos run: ./bench/soak.sh soak|chaos [minutes] [req/s] [output folder]   (defaults: 30, 1000, bench/results/MODE-DATE)
#
# Starts a throwaway PostgreSQL (scripts/postgres.sh), builds bench/Bench.slnf in Release and runs
# `Mesh.Bench soak`: 3 silos on PostgreSQL, 2 edges, orders and two inventory instances behind sidecars, steady
# open-loop traffic through every route kind (mTLS mesh calls, weighted split, retries, cache, API keys with a
# global rate limit, access logs). chaos also SIGKILLs silos, SIGTERMs edges, SIGKILLs inventory apps and writes
# routes, one fault a minute on average. Writes processes.csv (every process every 10 s), summary.md, the access
# logs and every process's output to the folder. Exits non-zero when a request failed, a process grew more than
# 10 % after minute 5, or a chaos run lost a write. The PostgreSQL server and every process are stopped at the end.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-soak}"
minutes="${2:-30}"
rps="${3:-1000}"
out="${4:-bench/results/$mode-$(date -u +%Y%m%d-%H%M)}"

# shellcheck source=scripts/postgres.sh disable=SC1091
source scripts/postgres.sh
trap mesh_pg_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dotnet build bench/Bench.slnf -c Release -nologo -v quiet -m:1
mesh_pg_start
MESH_TEST_POSTGRES="$(mesh_pg_npgsql postgres)"
export MESH_TEST_POSTGRES
dotnet bench/Mesh.Bench/bin/Release/net10.0/Mesh.Bench.dll soak --mode "$mode" --minutes "$minutes" --rps "$rps" --out "$out"
