#!/usr/bin/env bash
# Photo-stage benchmark: this project vs vipsthumbnail vs the seed's Pillow code, on generated
# 12 MP phone-size JPEGs, each producing an upright 1568 px JPEG (q85) and a 400 px thumbnail.
# Usage: Benchmarks/photos/bench.sh [photos=50]      (ROUNDS=3: best wall time of that many runs)
# Needs: swiftc, libvips-tools (vipsthumbnail), python3-pil (Debian's /usr/bin/python3), GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-50}
work=${BENCH_DIR:-.build/bench-photos}
python=${PYTHON:-/usr/bin/python3}
mkdir -p "$work"

# Release build: the same optimisation SwiftPM's -c release uses (-O, whole module).
# shellcheck disable=SC2046
${SWIFTC:-swiftc} -O -wmo -parse-as-library -module-name PhotoProcessing \
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
  -enable-upcoming-feature InternalImportsByDefault \
  -I Sources/CExif -I Sources/CTurboJPEG -I Sources/CHeif -I Sources/CPNG \
  $(pkg-config --cflags-only-I libheif libpng | sed 's/-I/-Xcc -I/g') \
  Sources/PhotoProcessing/*.swift -emit-library -static -o "$work/libPhotoProcessing.a" -emit-module -emit-module-path "$work/PhotoProcessing.swiftmodule"
${SWIFTC:-swiftc} -O -wmo -I "$work" -I Sources/CExif -I Sources/CTurboJPEG -I Sources/CHeif -I Sources/CPNG \
  $(pkg-config --cflags-only-I libheif libpng | sed 's/-I/-Xcc -I/g') \
  Benchmarks/photos/main.swift -o "$work/photo-bench" "$work/libPhotoProcessing.a" \
  -lexif -lturbojpeg -lheif -lpng16 -lz

if [ "$(ls "$work/in" 2>/dev/null | wc -l)" -ne "$count" ]; then
  rm -rf "$work/in"
  "$python" Benchmarks/photos/make_phone_photos.py Tests/Fixtures/exif-orientation "$work/in" "$count"
fi
photos=("$work"/in/*.jpg)
cat "${photos[@]}" > /dev/null  # warm the page cache for every tool alike

rounds=${ROUNDS:-3}
measure() {  # label, command...  → best-of-$rounds wall ms/photo, CPU (user+sys) ms/photo, peak RSS
  local label=$1; shift
  local best="" cpu="" rss=""
  for _ in $(seq "$rounds"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
    read -r wall user sys peak < "$work/time.txt"
    if [ -z "$best" ] || (( $(echo "$wall < $best" | bc -l) )); then best=$wall; cpu=$(echo "$user + $sys" | bc -l); rss=$peak; fi
  done
  printf "%-42s %7.1f ms/photo wall  %7.1f ms/photo CPU  peak RSS %4.0f MB\n" "$label" \
    "$(echo "$best * 1000 / $count" | bc -l)" "$(echo "$cpu * 1000 / $count" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

vips_two_sizes() {  # the large image from the original, the thumbnail from the large image (as we do)
  rm -rf "$work/vips" && mkdir -p "$work/vips/photos" "$work/vips/thumbs"
  vipsthumbnail -s 1568 -o "$work/vips/photos/%s.jpg[Q=85,strip]" "${photos[@]}"
  vipsthumbnail -s 400 -o "$work/vips/thumbs/%s.jpg[Q=85,strip]" "$work"/vips/photos/*.jpg
}
export -f vips_two_sizes; export work
export photos_list="${photos[*]}"

echo "== $count photos, 4032x3024 JPEG ($(du -sh "$work/in" | cut -f1)), orientation 1/6/3/8; $(nproc) cores"
for threads in 1 2; do
  echo "-- $threads thread(s)"
  measure "PropertyInbox (PhotoRenderer.render)" "$work/photo-bench" "$work/in" "$work/ours" "$threads"
  measure "vipsthumbnail 1568 + 400 (from the 1568)" env VIPS_CONCURRENCY="$threads" bash -c \
    'photos=($photos_list); vips_two_sizes'
  if [ "$threads" = 1 ]; then
    measure "Pillow seed code + exif_transpose" "$python" Benchmarks/photos/seed_pillow.py "$work/pillow" "${photos[@]}"
  fi
done
