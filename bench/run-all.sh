#!/usr/bin/env bash
# Every benchmark once, one after another, as docs/benchmarks.md reports them; output to stdout and
# bench-results-<date>.txt in the working directory. Each step stops by itself (Mesh.Bench --timeout,
# timeout(1) around the rest); every process a step starts, it stops.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${OUT:-bench-results-$(date -u +%Y%m%dT%H%M%SZ).txt}
BENCH="dotnet bench/Mesh.Bench/bin/Release/net10.0/Mesh.Bench.dll"

step() {
  echo
  echo "### $* (load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ))"
  "$@"
}

{
  echo "# Mesh benchmarks, $(date -u +%F), $(nproc) cores, $(dotnet --version), commit $(git rev-parse --short HEAD)"
  dotnet build bench/Bench.slnf -c Release -m:1 -v q -nologo >/dev/null
  step $BENCH convergence --proxies 1 --changes 100 --timeout 600
  step $BENCH convergence --proxies 3 --changes 100 --timeout 600
  step $BENCH circuit-trip --proxies 2 --trips 20 --timeout 600
  step $BENCH circuit-trip --proxies 4 --trips 20 --timeout 600
  step $BENCH ratelimit --proxies 3 --seconds 10 --limit 200 --burst 200 --timeout 300
  step $BENCH ratelimit --proxies 3 --seconds 10 --limit 1000000 --burst 1000000 --timeout 300
  step $BENCH sidecar-latency --rps 500 --seconds 10 --rounds 5 --timeout 600
  step env ARMS="direct nginx bare-yarp mesh mesh-rl mesh-nootel" ROUNDS=2 DURATION=10 SKIP_BUILD=1 timeout 1500 bench/edge-throughput.sh
  step timeout 900 dotnet bench/Mesh.Bench.Micro/bin/Release/net10.0/Mesh.Bench.Micro.dll --filter '*'
  step timeout 300 dotnet bench/Mesh.Bench.Micro/bin/Release/net10.0/Mesh.Bench.Micro.dll cpu
  echo
  echo "### done (load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ))"
} 2>&1 | tee "$OUT"
