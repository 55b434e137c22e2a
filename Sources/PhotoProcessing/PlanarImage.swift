// Pixels as JPEG sees them: one luma plane, or luma plus two chroma planes (full-range BT.601
// YCbCr, as JFIF defines it). Keeping the planes separate lets a JPEG go from decoder to encoder
// without any colour conversion or chroma resampling, and halves the pixels the resizer touches.

/// One 8-bit plane in its own heap block, so C code and the resizer can write through a pointer.
/// Not Sendable: a plane lives inside one render call, on one thread.
final class Plane {
    let width: Int
    let height: Int
    /// Row-major, no padding: `width * height` bytes.
    let base: UnsafeMutablePointer<UInt8>

    init(width: Int, height: Int) {
        precondition(width > 0 && height > 0)
        self.width = width
        self.height = height
        base = .allocate(capacity: width * height)
    }

    convenience init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height)
        self.init(width: width, height: height)
        pixels.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: pixels.count) }
    }

    deinit { base.deallocate() }

    var count: Int { width * height }
    var pixels: UnsafeMutableBufferPointer<UInt8> { UnsafeMutableBufferPointer(start: base, count: count) }
    subscript(x: Int, y: Int) -> UInt8 { base[y * width + x] }

    /// The top-left `width` × `height` (self when that is the whole plane).
    func cropped(width newWidth: Int, height newHeight: Int) -> Plane {
        guard newWidth < width || newHeight < height else { return self }
        let out = Plane(width: min(newWidth, width), height: min(newHeight, height))
        for y in 0..<out.height { (out.base + y * out.width).update(from: base + y * width, count: out.width) }
        return out
    }

    /// Grown to `width` × `height` by repeating the last column and row (self when no growth).
    func padded(width newWidth: Int, height newHeight: Int) -> Plane {
        guard newWidth > width || newHeight > height else { return self }
        let out = Plane(width: max(newWidth, width), height: max(newHeight, height))
        for y in 0..<out.height {
            let source = base + min(y, height - 1) * width, target = out.base + y * out.width
            target.update(from: source, count: width)
            for x in width..<out.width { target[x] = source[width - 1] }
        }
        return out
    }
}

struct PlanarImage {
    /// Luma plane size, which is the image size.
    var width: Int
    var height: Int
    /// `[Y]` for greyscale, `[Y, Cb, Cr]` for colour; chroma planes may be subsampled.
    var planes: [Plane]

    var luma: Plane { planes[0] }
    var isGray: Bool { planes.count == 1 }

    /// Chroma plane size for 4:2:0 output of an image `width` × `height`.
    static func chromaSize420(width: Int, height: Int) -> (width: Int, height: Int) {
        ((width + 1) / 2, (height + 1) / 2)
    }
}
