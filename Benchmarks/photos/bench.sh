#!/usr/bin/env bash
# Photo-stage benchmark: this project vs vipsthumbnail vs the seed's Pillow code, on generated
# 12 MP phone-size JPEGs, each producing an upright 1568 px JPEG (q85) and a 400 px thumbnail.
# Usage: Benchmarks/photos/bench.sh [photos=50]      (ROUNDS=3: best wall time of that many runs)
#        Benchmarks/photos/bench.sh --smoke          (debug build, 4 photos of 640x480, 1 round: `make test`)
# Needs: swift, libvips-tools (vipsthumbnail), python3-pil (Debian's /usr/bin/python3), GNU time, bc.
# Ours is the package's `photo-bench` target (Benchmarks/photos/main.swift over PhotoProcessing),
# built by Benchmarks/build.sh: release (-O, whole module) into $BENCH_SCRATCH (.build-bench), or
# debug for --smoke.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=full size=4032x3024 rounds=${ROUNDS:-3}
if [ "${1:-}" = --smoke ]; then mode=smoke size=640x480 rounds=1; shift; set -- 4; fi
count=${1:-50}
# Absolute: vipsthumbnail resolves a relative `-o` against each input's folder.
if [ "$mode" = smoke ]; then work=$(realpath -m "${BENCH_DIR:-.build/bench-smoke}/photos")
else work=$(realpath -m "${BENCH_DIR:-.build/bench-photos}"); fi
python=${PYTHON:-/usr/bin/python3}
mkdir -p "$work"
bench=$(Benchmarks/build.sh "$mode" photo-bench)

inputs="$work/in-$size"
if [ "$(ls "$inputs" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$inputs"
  "$python" Benchmarks/photos/make_phone_photos.py Tests/Fixtures/exif-orientation "$inputs" "$count" "$size" >&2
fi
photos=("$inputs"/*.jpg)
cat "${photos[@]}" > /dev/null  # warm the page cache for every tool alike

measure() {  # label, threads, command...  → a table row: best-of-$rounds wall ms/photo, its CPU (user+sys) ms/photo, peak RSS
  local label=$1 threads=$2; shift 2
  local best="" cpu="" rss=""
  for _ in $(seq "$rounds"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
    read -r wall user sys peak < "$work/time.txt"
    if [ -z "$best" ] || (( $(echo "$wall < $best" | bc -l) )); then best=$wall; cpu=$(echo "$user + $sys" | bc -l); rss=$peak; fi
  done
  printf "| %s | %d | %.1f | %.1f | %.0f MB |\n" "$label" "$threads" \
    "$(echo "$best * 1000 / $count" | bc -l)" "$(echo "$cpu * 1000 / $count" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

vips_two_sizes() {  # the large image from the original, the thumbnail from the large image (as we do)
  rm -rf "$work/vips" && mkdir -p "$work/vips/photos" "$work/vips/thumbs"
  vipsthumbnail -s 1568 -o "$work/vips/photos/%s.jpg[Q=85,strip]" "${photos[@]}"
  vipsthumbnail -s 400 -o "$work/vips/thumbs/%s.jpg[Q=85,strip]" "$work"/vips/photos/*.jpg
}
export -f vips_two_sizes; export work
export photos_list="${photos[*]}"

echo "== Benchmarks/photos/bench.sh $count ($mode, best of $rounds): commit $(git describe --always --dirty --abbrev=10 2>/dev/null || echo unknown), $(date -u +%F), $count photos $size JPEG ($(du -sh "$inputs" | cut -f1)), orientation 1/6/3/8; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| tool | threads | ms/photo wall | ms/photo CPU | peak RSS |"
echo "|---|---|---|---|---|"
for threads in 1 2; do
  measure "PropertyInbox (PhotoRenderer.render)" "$threads" "$bench" "$inputs" "$work/ours" "$threads"
  measure "vipsthumbnail 1568 + 400 (from the 1568)" "$threads" env VIPS_CONCURRENCY="$threads" bash -c \
    'photos=($photos_list); vips_two_sizes'
  if [ "$threads" = 1 ]; then
    measure "Pillow seed code + exif_transpose" 1 "$python" Benchmarks/photos/seed_pillow.py "$work/pillow" "${photos[@]}"
  fi
done
