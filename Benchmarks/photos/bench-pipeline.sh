#!/usr/bin/env bash
# The photo stage as the pipeline runs it: `property-inbox process --offline` on one folder of
# generated 12 MP phone JPEGs (the same files as bench.sh), photos decoded in worker processes
# (the default) against the same binary decoding in-process (PROPERTY_INBOX_PHOTO_WORKER=in-process,
# the path before isolation). Each round starts from a fresh state directory and no derived files,
# so every photo is rendered; the two variants alternate, and the median of the rounds is printed.
# Usage: Benchmarks/photos/bench-pipeline.sh [photos=50] [rounds=5]   (needs GNU time, bc)
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-50}
rounds=${2:-5}
work=${BENCH_DIR:-.build/bench-photos}
python=${PYTHON:-/usr/bin/python3}
swift build -c release --product property-inbox >/dev/null
binary=$(swift build -c release --show-bin-path)/property-inbox

if [ "$(ls "$work/in" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$work/in"
  "$python" Benchmarks/photos/make_phone_photos.py Tests/Fixtures/exif-orientation "$work/in" "$count"
fi
folder="$work/pipeline/inbox/villa-bench"
rm -rf "$work/pipeline" && mkdir -p "$folder"
cp "$work"/in/*.jpg "$folder/"
echo "Villa for rent in Rawai, 3 bedrooms, 80,000 THB/month" > "$folder/description.txt"
cat "$folder"/*.jpg > /dev/null

run() {  # variant → wall seconds, CPU seconds of the whole process tree
  local variant=$1
  rm -rf "$work/pipeline/state" "$folder/_listing" "$folder/result.json" "$folder/listing.md" "$folder/_STATUS.txt"
  local env=()
  [ "$variant" = in-process ] && env=(PROPERTY_INBOX_PHOTO_WORKER=in-process)
  env "${env[@]}" /usr/bin/time -f "%e %U %S %M" -o "$work/pipeline/time.txt" \
    "$binary" process "$folder" --state-dir "$work/pipeline/state" --offline > "$work/pipeline/out.txt" 2>&1 \
    || { cat "$work/pipeline/out.txt"; exit 1; }
  read -r wall user sys peak < "$work/pipeline/time.txt"
  echo "$wall $(echo "$user + $sys" | bc -l) $peak"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A walls cpus
for _ in $(seq "$rounds"); do
  for variant in workers in-process; do
    read -r wall cpu _ < <(run "$variant")
    walls[$variant]+="$wall "
    cpus[$variant]+="$cpu "
  done
done
echo "== $count photos, 4032x3024 JPEG, property-inbox process --offline, $(nproc) cores, median of $rounds rounds"
for variant in workers in-process; do
  wall=$(tr ' ' '\n' <<< "${walls[$variant]}" | grep . | median)
  cpu=$(tr ' ' '\n' <<< "${cpus[$variant]}" | grep . | median)
  printf "%-12s %7.1f ms/photo wall  %7.1f ms/photo CPU (user+sys, parent and its waited-for children)\n" "$variant" \
    "$(echo "$wall * 1000 / $count" | bc -l)" "$(echo "$cpu * 1000 / $count" | bc -l)"
done
