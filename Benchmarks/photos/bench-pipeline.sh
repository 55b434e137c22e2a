#!/usr/bin/env bash
# The photo stage as the pipeline runs it: `property-inbox process --offline` on one folder of
# generated 12 MP phone JPEGs (the same files as bench.sh), photos decoded in worker processes
# (the default) against the same binary decoding in-process (PROPERTY_INBOX_PHOTO_WORKER=in-process,
# the path before isolation). Each round starts from a fresh state directory and no derived files,
# so every photo is rendered; the two variants alternate, and the median of the rounds is printed.
# Usage: Benchmarks/photos/bench-pipeline.sh [photos=50] [rounds=5]   (needs GNU time, bc)
#        Benchmarks/photos/bench-pipeline.sh --smoke   (debug build, 4 photos of 640x480, 1 round: `make test`)
# The binary is built by Benchmarks/build.sh: release into $BENCH_SCRATCH (.build-bench), debug for --smoke.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=full size=4032x3024
if [ "${1:-}" = --smoke ]; then mode=smoke size=640x480; shift; set -- 4 1; fi
count=${1:-50}
rounds=${2:-5}
if [ "$mode" = smoke ]; then work=$(realpath -m "${BENCH_DIR:-.build/bench-smoke}/photos")
else work=$(realpath -m "${BENCH_DIR:-.build/bench-photos}"); fi
python=${PYTHON:-/usr/bin/python3}
binary=$(Benchmarks/build.sh "$mode" property-inbox)

inputs="$work/in-$size"
if [ "$(ls "$inputs" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$inputs"
  "$python" Benchmarks/photos/make_phone_photos.py Tests/Fixtures/exif-orientation "$inputs" "$count" "$size" >&2
fi
folder="$work/pipeline/inbox/villa-bench"
rm -rf "$work/pipeline" && mkdir -p "$folder"
cp "$inputs"/*.jpg "$folder/"
echo "Villa for rent in Rawai, 3 bedrooms, 80,000 THB/month" > "$folder/description.txt"
cat "$folder"/*.jpg > /dev/null

run() {  # variant → wall seconds, CPU seconds of the whole process tree
  local variant=$1
  rm -rf "$work/pipeline/state" "$folder/_listing" "$folder/result.json" "$folder/listing.md" "$folder/_STATUS.txt"
  local env=()
  [ "$variant" = in-process ] && env=(PROPERTY_INBOX_PHOTO_WORKER=in-process)
  env "${env[@]}" /usr/bin/time -f "%e %U %S %M" -o "$work/pipeline/time.txt" \
    "$binary" process "$folder" --state-dir "$work/pipeline/state" --offline > "$work/pipeline/out.txt" 2>&1 \
    || { cat "$work/pipeline/out.txt" >&2; exit 1; }
  read -r wall user sys peak < "$work/pipeline/time.txt"
  echo "$wall $(echo "$user + $sys" | bc -l) $peak"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A walls cpus
for _ in $(seq "$rounds"); do
  for variant in workers in-process; do
    line=$(run "$variant")
    read -r wall cpu _ <<< "$line"
    walls[$variant]+="$wall "
    cpus[$variant]+="$cpu "
  done
done
echo "== Benchmarks/photos/bench-pipeline.sh $count $rounds ($mode): commit $(git describe --always --dirty --abbrev=10 2>/dev/null || echo unknown), $(date -u +%F), $count photos $size JPEG, property-inbox process --offline, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), median of $rounds rounds"
echo "| variant | ms/photo wall | ms/photo CPU (user+sys, parent and its waited-for children) |"
echo "|---|---|---|"
for variant in workers in-process; do
  wall=$(tr ' ' '\n' <<< "${walls[$variant]}" | grep . | median)
  cpu=$(tr ' ' '\n' <<< "${cpus[$variant]}" | grep . | median)
  printf "| %s | %.1f | %.1f |\n" "$variant" \
    "$(echo "$wall * 1000 / $count" | bc -l)" "$(echo "$cpu * 1000 / $count" | bc -l)"
done
