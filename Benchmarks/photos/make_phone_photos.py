"""Makes phone-like 12 MP test JPEGs (4032x3024, 4:2:0, q92, sensor-like grain, EXIF orientation
cycling 1, 6, 3, 8 as phones write them).
Usage: make_phone_photos.py <fixtures-dir> <out-dir> <count> [WIDTHxHEIGHT=4032x3024]
(a smaller size for the benchmarks' smoke runs)."""
import os
import random
import sys

from PIL import Image, ImageChops

src, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
width, height = (int(v) for v in (sys.argv[4] if len(sys.argv) > 4 else "4032x3024").split("x"))
os.makedirs(out, exist_ok=True)
sources = sorted(f for f in os.listdir(src) if f.endswith('_1.jpg'))
random.seed(1)
unique = []
for i, name in enumerate(sources):
    base = Image.open(os.path.join(src, name)).convert('RGB')
    # Crop to 4:3 and upscale to 12 MP (or the size asked for).
    w, h = base.size
    if w >= h:
        crop = base.crop(((w - h * 4 // 3) // 2, 0, (w + h * 4 // 3) // 2, h)).resize((width, height), Image.BICUBIC)
    else:
        crop = base.crop((0, (h - w * 4 // 3) // 2, w, (h + w * 4 // 3) // 2)).resize((width, height), Image.BICUBIC)
    grain = Image.effect_noise((width, height), 10).convert('RGB')
    photo = ImageChops.add(crop, grain, scale=1.0, offset=-128)
    unique.append(photo)
for n in range(count):
    orientation = [1, 6, 3, 8][n % 4]
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = 'BenchPhone'
    path = os.path.join(out, f'IMG_{n:04d}.jpg')
    unique[n % len(unique)].save(path, quality=92, subsampling=2, exif=exif.tobytes())
print(f"{count} photos in {out}: {sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out)) / count / 1e6:.1f} MB each on average")
