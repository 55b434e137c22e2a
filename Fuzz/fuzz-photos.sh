#!/usr/bin/env bash
# Builds the photo fuzzer (libFuzzer + AddressSanitizer) from the PhotoProcessing sources and runs
# it over the seed corpus. Usage: Fuzz/fuzz-photos.sh [seconds]   (default 600)
# Environment: SWIFTC (default swiftc), FUZZ_OUT (default .build/fuzz-photos), FUZZ_JOBS (default 1).
# No UBSan: swiftc refuses -sanitize=undefined for Linux targets, Swift itself traps on overflow
# and bad indexes, and the C libraries are Debian's uninstrumented builds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
out=${FUZZ_OUT:-.build/fuzz-photos}
swiftc=${SWIFTC:-swiftc}
mkdir -p "$out/corpus" "$out/crashes"
cp -n Fuzz/corpus/* "$out/corpus/" 2>/dev/null || true

# shellcheck disable=SC2046
"$swiftc" -sanitize=fuzzer,address -parse-as-library -O -g -module-name PhotoProcessing \
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
  -enable-upcoming-feature InternalImportsByDefault \
  -I Sources/CExif -I Sources/CTurboJPEG -I Sources/CHeif -I Sources/CPNG \
  $(pkg-config --cflags-only-I libheif libpng | sed 's/-I/-Xcc -I/g') \
  Sources/PhotoProcessing/*.swift Fuzz/PhotoFuzzer.swift -o "$out/photo-fuzzer"

echo "fuzzing for ${seconds}s; new inputs in $out/corpus, crashes in $out/crashes"
parallel=()
jobs=${FUZZ_JOBS:-1}
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")  # libFuzzer then logs to ./fuzz-N.log
# FUZZ_RSS_MB: libheif 1.15 allocates a grid HEIC's canvas from the grid box alone (a 935-byte file
# asks for 2.5 GB); the daemon's photo workers bound that with a per-photo memory limit, and a
# long run can raise this limit to keep going past it.
"$out/photo-fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
  -malloc_limit_mb="${FUZZ_RSS_MB:-2048}" -max_len=262144 "${parallel[@]}" \
  -artifact_prefix="$out/crashes/" -print_final_stats=1 "$out/corpus" Fuzz/corpus
