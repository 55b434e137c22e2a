#!/usr/bin/env bash
# Every benchmark runner under Benchmarks/, each built from this checkout before it measures.
#
#   Benchmarks/run-all.sh smoke [name...]   `make bench-smoke`, part of `make test`: the debug build,
#       each runner at a tiny size (a few calls, photos, folders; seconds). A runner passes when it
#       exits 0 and prints its table (the header below, its |---| line and a row); the numbers are
#       not checked. So a runner that no longer builds or runs fails `make test`, and no figure in
#       docs/BENCHMARKS.md can lose the command that reproduces it unnoticed.
#   Benchmarks/run-all.sh full [name...]    `make bench`: release builds in .build-bench, full
#       size (minutes); the output is kept in .build-bench/results/ and the end says which section
#       of docs/BENCHMARKS.md each table goes to, with its `==` line (the command and the commit).
#
# Names: gateway photos photos-pipeline orchestration watch slow-provider scale-out evidence (default: all).
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
case $mode in smoke|full) shift ;; *) echo "usage: Benchmarks/run-all.sh smoke|full [name...]" >&2; exit 2 ;; esac

names=(gateway photos photos-pipeline orchestration watch slow-provider scale-out evidence)
declare -A full smoke headers section
full[gateway]="Benchmarks/gateway/run.sh 200 10 0.2 5"
smoke[gateway]="Benchmarks/gateway/run.sh --smoke"
headers[gateway]="| run | wall | vs ideal"
section[gateway]="## Model gateway"

full[photos]="Benchmarks/photos/bench.sh ${BENCH_PHOTOS:-50}"
smoke[photos]="Benchmarks/photos/bench.sh --smoke"
headers[photos]="| tool | threads | ms/photo wall |"
section[photos]="## Photos"

full[photos-pipeline]="Benchmarks/photos/bench-pipeline.sh ${BENCH_PHOTOS:-50} 5"
smoke[photos-pipeline]="Benchmarks/photos/bench-pipeline.sh --smoke"
headers[photos-pipeline]="| variant | ms/photo wall |"
section[photos-pipeline]="### Photos after isolation (worker processes), the pipeline table"

full[orchestration]="python3 Benchmarks/pipeline/bench_orchestration.py --latency 1.0 --runs 3"
smoke[orchestration]="python3 Benchmarks/pipeline/bench_orchestration.py --smoke"
headers[orchestration]="| measure | seconds |"
section[orchestration]="## AI orchestration"

full[watch]="python3 Benchmarks/watch/bench_watch.py --folders ${BENCH_WATCH_FOLDERS:-10000}"
smoke[watch]="python3 Benchmarks/watch/bench_watch.py --smoke"
headers[watch]="| p50 | p99 | max | target |;| folders | spawn → \`watching\` |;| mode | folders | over |"
section[watch]="## Watch daemon (the printed section replaces it whole; --update-doc does that)"

full[slow-provider]="python3 Benchmarks/watch/bench_slow_provider.py"
smoke[slow-provider]="python3 Benchmarks/watch/bench_slow_provider.py --smoke"
headers[slow-provider]="| provider | calls in flight"
section[slow-provider]="### Detection while the provider is slow (--update-doc does that)"

full[scale-out]="python3 Benchmarks/scale-out/bench_scale_out.py"
smoke[scale-out]="python3 Benchmarks/scale-out/bench_scale_out.py --smoke"
headers[scale-out]="| setup | workers (slots) |"
section[scale-out]="## Several hosts (PostgreSQL): folders per minute with 1, 2 and 3 workers"

full[evidence]="python3 Benchmarks/evidence/measure.py --corpus Tests/Fixtures/evidence/hard-corpus.json --corpus Tests/Fixtures/evidence/hard-blind.json --corpus Tests/Fixtures/evidence/hard-blind-2.json"
smoke[evidence]="python3 Benchmarks/evidence/measure.py --smoke"
headers[evidence]="| corpus | mode | fields |"
section[evidence]="## Evidence: published right and lies published (issue 21)"

if [ "$mode" = smoke ]; then logs=${BENCH_SMOKE_LOGS:-.build/bench-smoke}; else logs=${BENCH_RESULTS:-.build-bench/results}; fi
mkdir -p "$logs"

# The header, its |---| line and at least one row after them.
printed_table() {  # log, header
  awk -v header="$2" '
    index($0, header) == 1 { state = 1; next }
    state == 1 && /^\|[-|]+\|$/ { state = 2; next }
    state == 2 && /^\| / { found = 1; exit }
    { state = 0 }
    END { exit found ? 0 : 1 }' "$1"
}

failed=() passed=()
for name in "${names[@]}"; do
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  if [ "$mode" = smoke ]; then command=${smoke[$name]}; else command=${full[$name]}; fi
  log="$logs/$name.txt"
  started=$(date +%s.%N)
  if [ "$mode" = smoke ]; then
    $command > "$log" 2>&1
    status=$?
  else  # full: shown as it runs; stderr (build output) stays out of the kept tables
    echo "bench-full: $command"
    $command | tee "$log"
    status=${PIPESTATUS[0]}
  fi
  seconds=$(printf "%.1f" "$(echo "$(date +%s.%N) - $started" | bc -l)")
  problem=""
  if [ "$status" -ne 0 ]; then
    problem="exited with $status"
  else
    IFS=';' read -r -a wanted <<< "${headers[$name]}"
    for header in "${wanted[@]}"; do
      printed_table "$log" "$header" || { problem="printed no table headed '$header'"; break; }
    done
  fi
  if [ -z "$problem" ]; then
    printf "bench-%s: %-16s ok   %6ss  (%s)\n" "$mode" "$name" "$seconds" "$command"
    passed+=("$name")
  else
    printf "bench-%s: %-16s FAIL %6ss  (%s): %s; last lines of %s:\n" "$mode" "$name" "$seconds" "$command" "$problem" "$log"
    tail -n 30 "$log" | sed 's/^/    /'
    failed+=("$name")
  fi
done

if [ "$mode" = full ] && [ ${#passed[@]} -gt 0 ]; then
  echo
  echo "Where the numbers go: docs/BENCHMARKS.md. Paste each table with the command and the commit from"
  echo "the '==' line above it (a -dirty commit measured uncommitted changes: commit, then run again):"
  for name in "${passed[@]}"; do
    printf "  %-16s %s  ->  %s\n" "$name" "$logs/$name.txt" "${section[$name]}"
  done
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench-$mode: FAILED: ${failed[*]} (a runner that cannot run cannot reproduce its table in docs/BENCHMARKS.md)"
  exit 1
fi
[ "$mode" = smoke ] && echo "bench-smoke: every runner built and printed its table (logs in $logs/)"
exit 0
