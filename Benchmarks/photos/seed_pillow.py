"""The seed's preprocessing (the original Python service's ImagePreprocessor.resize_and_compress, verbatim) with
ImageOps.exif_transpose in front, plus the 400 px thumbnail made the same way from the result.
Usage: seed_pillow.py <output-dir> <photo>...   Prints ms/photo."""
import io
import os
import sys
import time

from PIL import Image, ImageOps


class ImagePreprocessor:
    MAX_SIZE = (1568, 1568)  # GPT-4o optimal size
    QUALITY = 85
    FORMAT = "JPEG"

    def resize_and_compress(self, image_bytes: bytes) -> bytes:
        img = Image.open(io.BytesIO(image_bytes))
        img = ImageOps.exif_transpose(img)  # upright, as the issue asks of the comparison
        if img.size[0] > self.MAX_SIZE[0] or img.size[1] > self.MAX_SIZE[1]:
            img.thumbnail(self.MAX_SIZE, Image.Resampling.LANCZOS)
        if img.mode in ('RGBA', 'P'):
            img = img.convert('RGB')
        output = io.BytesIO()
        img.save(output, format=self.FORMAT, quality=self.QUALITY, optimize=True)
        output.seek(0)
        return output.read()


def main():
    out, paths = sys.argv[1], sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    large_pre, thumb_pre = ImagePreprocessor(), ImagePreprocessor()
    thumb_pre.MAX_SIZE = (400, 400)
    start = time.perf_counter()
    for path in paths:
        with open(path, 'rb') as f:
            large = large_pre.resize_and_compress(f.read())
        thumb = thumb_pre.resize_and_compress(large)
        name = os.path.basename(path)
        with open(os.path.join(out, name + '.large.jpg'), 'wb') as f:
            f.write(large)
        with open(os.path.join(out, name + '.thumb.jpg'), 'wb') as f:
            f.write(thumb)
    elapsed = time.perf_counter() - start
    print(f"pillow-seed: {len(paths)} photos: {elapsed * 1000 / len(paths):.1f} ms/photo wall, {elapsed:.2f} s total")


main()
