#!/usr/bin/env bash
# Gateway throughput benchmark: builds the package's `gateway-bench` target (Benchmarks/gateway,
# declared in Package.swift, so it builds against the real ModelGateway and its dependencies) and
# runs it against Tests/Support/fake_openai_server.py.
# Usage: Benchmarks/gateway/run.sh [calls=200] [concurrency=10] [latency-seconds=0.2] [runs=1]
#        Benchmarks/gateway/run.sh --smoke    (debug build, 8 calls at concurrency 4, 10 ms: `make test`)
# Full size builds in release into $BENCH_SCRATCH (.build-bench); see Benchmarks/build.sh.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
mode=full
if [ "${1:-}" = --smoke ]; then mode=smoke; shift; set -- 8 4 0.01 1; fi
binary=$("$repo/Benchmarks/build.sh" "$mode" gateway-bench)
echo "== Benchmarks/gateway/run.sh ${*:-200 10 0.2 1} ($mode): commit $(git -C "$repo" describe --always --dirty --abbrev=10 2>/dev/null || echo unknown), $(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
FAKE_OPENAI_SERVER="$repo/Tests/Support/fake_openai_server.py" "$binary" "$@"
