#!/usr/bin/python3
"""Makes the photo shapes the decoders must survive: odd and even sizes, every chroma layout,
greyscale, alpha, 10-bit, thumbnails, rotations and mirrors, in HEIC, PNG and JPEG.

Usage (Debian's python3 with python3-pil; heif-enc/heif-convert from libheif-examples, exiftool
from libimage-exiftool-perl): make_shapes.py OUTDIR

Every picture is the same test card: a colour gradient with a white block in the top-left corner
and a black block in the top-right one, so a decoded copy shows where "up" and "left" went.
OUTDIR/shapes.tsv lists, per file, the upright size and the luma a correct decoder shows at four
points (top-left, top-right, bottom-left, bottom-right, 15% in from each edge). Those references
come from an independent decode: Pillow (with exif_transpose) for JPEG and PNG, libheif's own
heif-convert for HEIC (libheif applies the container's rotation and mirroring).
"""
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
POINTS = [(0.15, 0.15), (0.85, 0.15), (0.15, 0.85), (0.85, 0.85)]


def card(w, h, alpha=False):
    im = Image.new("RGB", (w, h))
    px = im.load()
    for y in range(h):
        for x in range(w):
            px[x, y] = (x * 255 // max(1, w - 1), y * 255 // max(1, h - 1), 128)
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, max(0, w * 3 // 10), max(0, h * 3 // 10)], fill=(255, 255, 255))
    d.rectangle([w - 1 - w * 3 // 10, 0, w - 1, max(0, h * 3 // 10)], fill=(0, 0, 0))
    if alpha:  # see-through middle, opaque corners
        im = im.convert("RGBA")
        a = Image.new("L", (w, h), 255)
        ImageDraw.Draw(a).rectangle([w // 3, h // 3, w * 2 // 3, h * 2 // 3], fill=0)
        im.putalpha(a)
    return im


def lumas(im):
    grey = im.convert("L")
    w, h = grey.size
    return [grey.getpixel((min(w - 1, int(fx * w)), min(h - 1, int(fy * h)))) for fx, fy in POINTS]


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(out):
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp()
    rows = []

    def record(name, reference):
        rows.append("\t".join([name, str(reference.size[0]), str(reference.size[1])] + [str(v) for v in lumas(reference)]))

    # PNG: composited onto white by our decoder, as Pillow does below.
    def png(name, im):
        path = os.path.join(out, name)
        im.save(path, optimize=True)
        ref = Image.open(path)
        if ref.mode in ("RGBA", "LA", "P", "PA"):
            ref = ref.convert("RGBA")
            white = Image.new("RGBA", ref.size, (255, 255, 255, 255))
            ref = Image.alpha_composite(white, ref)
        record(name, ref)

    png("png-rgb-67x45.png", card(67, 45))
    png("png-rgb-66x45.png", card(66, 45))
    png("png-rgb-67x44.png", card(67, 44))
    png("png-rgb-1x1.png", card(1, 1))
    png("png-gray-67x45.png", card(67, 45).convert("L"))
    png("png-gray-alpha-67x45.png", card(67, 45, alpha=True).convert("LA"))
    png("png-rgba-67x45.png", card(67, 45, alpha=True))
    png("png-palette-67x45.png", card(67, 45).convert("P", palette=Image.ADAPTIVE, colors=64))
    interlaced = os.path.join(out, "png-interlaced-67x45.png")
    run("vips", "copy", os.path.join(out, "png-rgb-67x45.png"), interlaced + "[interlace]")
    record("png-interlaced-67x45.png", Image.open(interlaced))
    sixteen = os.path.join(out, "png-16bit-67x45.png")
    run("vips", "colourspace", os.path.join(out, "png-rgb-67x45.png"), sixteen, "rgb16")
    record("png-16bit-67x45.png", Image.open(os.path.join(out, "png-rgb-67x45.png")))

    # JPEG: Pillow's subsampling 2/1/0 = 4:2:0 / 4:2:2 / 4:4:4; orientation written by exiftool.
    def jpeg(name, im, orientation=None, **save):
        path = os.path.join(out, name)
        im.save(path, quality=90, **save)
        if orientation:
            run("exiftool", "-q", "-overwrite_original", f"-Orientation#={orientation}", path)
        record(name, ImageOps.exif_transpose(Image.open(path)))

    for w, h in [(67, 45), (66, 45), (67, 44)]:
        for sub, label in [(2, "420"), (1, "422"), (0, "444")]:
            jpeg(f"jpeg-{label}-{w}x{h}.jpg", card(w, h), subsampling=sub)
    jpeg("jpeg-gray-67x45.jpg", card(67, 45).convert("L"))
    jpeg("jpeg-progressive-67x45.jpg", card(67, 45), progressive=True, subsampling=2)
    for orientation in range(2, 9):
        jpeg(f"jpeg-420-67x45-orientation{orientation}.jpg", card(67, 45), orientation, subsampling=2)

    # HEIC: heif-enc (x265). Sources go through PNG so heif-enc sees exactly the card.
    def heic(name, im, *options, transform=(), sixteen_bit=False):
        source = os.path.join(tmp, name + ".png")
        im.save(source)
        if sixteen_bit:
            run("vips", "colourspace", source, source + "16.png", "rgb16")
            source += "16.png"
        path = os.path.join(out, name)
        plain = os.path.join(tmp, name)
        run("heif-enc", "-q", "70", *options, source, "-o", plain)
        if transform:
            run(sys.executable, os.path.join(HERE, "heif_transform.py"), plain, path, *transform)
        else:
            os.replace(plain, path)
        decoded = os.path.join(tmp, name + ".decoded.png")
        run("heif-convert", path, decoded)
        record(name, Image.open(decoded).convert("RGB"))  # our decoder ignores alpha as this does

    for w, h in [(67, 45), (66, 45), (67, 44), (1, 1), (3, 3)]:
        heic(f"heic-420-{w}x{h}.heic", card(w, h), "-p", "chroma=420")
    heic("heic-422-67x45.heic", card(67, 45), "-p", "chroma=422")
    heic("heic-444-67x45.heic", card(67, 45), "-p", "chroma=444")
    heic("heic-mono-67x45.heic", card(67, 45).convert("L"))
    heic("heic-alpha-67x45.heic", card(67, 45, alpha=True))
    heic("heic-alpha-66x44.heic", card(66, 44, alpha=True))
    heic("heic-10bit-67x45.heic", card(67, 45), "-b", "10", sixteen_bit=True)
    heic("heic-thumbnail-67x45.heic", card(67, 45), "-t", "16")
    for ops in [("rot90",), ("rot180",), ("rot270",), ("mirror-v",), ("mirror-h",), ("rot90", "mirror-v")]:
        heic(f"heic-420-67x45-{'-'.join(ops)}.heic", card(67, 45), transform=ops)
    heic("heic-alpha-67x45-rot270.heic", card(67, 45, alpha=True), transform=("rot270",))
    heic("heic-mono-67x45-rot90.heic", card(67, 45).convert("L"), transform=("rot90",))

    with open(os.path.join(out, "shapes.tsv"), "w") as f:
        f.write("# file\tupright width\tupright height\tluma at 15%/15%, 85%/15%, 15%/85%, 85%/85%\n")
        f.write("\n".join(rows) + "\n")


main(sys.argv[1])
