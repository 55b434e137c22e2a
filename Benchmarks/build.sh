#!/usr/bin/env bash
# Builds one product of the main package for a benchmark runner and prints the binary's path
# (build output goes to stderr). Every runner measures the code of the checkout it runs in: it
# builds before it measures, never reusing a binary left over from another commit.
#
# Usage: Benchmarks/build.sh smoke|full <product>
#   smoke  the debug build in .build, the one `make build` and `make test` use ($BUILD_FLAGS
#          passed on): a no-op when it is current.
#   full   a release build in $BENCH_SCRATCH (default .build-bench), apart from .build so that
#          benchmarking never invalidates the debug build.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: Benchmarks/build.sh smoke|full <product>}
product=${2:?usage: Benchmarks/build.sh smoke|full <product>}
swift=${SWIFT:-swift}
case $mode in
  smoke) read -r -a args <<< "${BUILD_FLAGS:-}" ;;
  full) args=(-c release --scratch-path "${BENCH_SCRATCH:-.build-bench}") ;;
  *) echo "usage: Benchmarks/build.sh smoke|full <product>" >&2; exit 2 ;;
esac
"$swift" build "${args[@]}" --product "$product" >&2
echo "$("$swift" build "${args[@]}" --show-bin-path)/$product"
