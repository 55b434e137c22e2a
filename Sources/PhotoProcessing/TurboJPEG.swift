// The one owner of libturbojpeg: JPEG header, DCT-scaled decode straight to YCbCr planes,
// RGB → YCbCr planes, and JPEG encode from planes.
internal import CTurboJPEG

struct JPEGHeader {
    var width: Int
    var height: Int
    /// TurboJPEG's TJSAMP value, which sizes the planes.
    var subsampling: Int32
    var isGray: Bool
    var isCMYK: Bool
}

/// A decoded JPEG plus what the decoder had to say about it.
struct DecodedJPEG {
    var image: PlanarImage
    /// The decoder ran out of data ("Premature end of JPEG file"): the bottom is grey.
    var truncated: Bool
}

enum TurboJPEG {
    static func header(_ bytes: [UInt8]) throws(PhotoError) -> JPEGHeader {
        let handle = try Handle(decompress: true)
        var width: Int32 = 0, height: Int32 = 0, subsamp: Int32 = 0, colorspace: Int32 = 0
        let rc = bytes.withUnsafeBufferPointer {
            tjDecompressHeader3(handle.raw, $0.baseAddress, UInt($0.count), &width, &height, &subsamp, &colorspace)
        }
        guard rc == 0, width > 0, height > 0 else {
            throw PhotoError(.decodeFailed, "the JPEG header is damaged (\(handle.message))")
        }
        return JPEGHeader(width: Int(width), height: Int(height), subsampling: subsamp, isGray: subsamp == TJSAMP_GRAY.rawValue,
                          isCMYK: colorspace == TJCS_CMYK.rawValue || colorspace == TJCS_YCCK.rawValue)
    }

    /// The largest size libjpeg-turbo can decode to that is at most the stored size and whose long
    /// edge is still ≥ `minLongEdge` (DCT-domain scaling by n/8, so most of the work is skipped).
    static func scaledSize(width: Int, height: Int, minLongEdge: Int) -> (width: Int, height: Int) {
        let long = max(width, height)
        for numerator in 1...8 {
            let scaled = (long * numerator + 7) / 8
            if scaled >= minLongEdge || numerator == 8 {
                return ((width * numerator + 7) / 8, (height * numerator + 7) / 8)
            }
        }
        return (width, height)
    }

    /// Decodes to YCbCr planes at `width` × `height` (a size from `scaledSize`).
    static func decodePlanes(_ bytes: [UInt8], header: JPEGHeader, width: Int, height: Int) throws(PhotoError) -> DecodedJPEG {
        guard !header.isCMYK else {
            throw PhotoError(.unsupportedFormat, "it is a CMYK (print) JPEG; save it as an ordinary RGB JPEG")
        }
        let handle = try Handle(decompress: true)
        let subsamp = header.subsampling
        let planeCount = header.isGray ? 1 : 3
        let planes = (0..<planeCount).map { index in
            Plane(width: Int(tjPlaneWidth(Int32(index), Int32(width), subsamp)),
                  height: Int(tjPlaneHeight(Int32(index), Int32(height), subsamp)))
        }
        var strides = planes.map { Int32($0.width) }
        let rc: Int32 = bytes.withUnsafeBufferPointer { source in
            planes.withPlanePointers { pointers in
                tjDecompressToYUVPlanes(handle.raw, source.baseAddress, UInt(source.count), pointers,
                                        Int32(width), &strides, Int32(height), TJFLAG_LIMITSCANS)
            }
        }
        var truncated = false
        if rc != 0 {
            let message = handle.message
            guard tjGetErrorCode(handle.raw) == TJERR_WARNING.rawValue else {
                throw PhotoError(.decodeFailed, "the JPEG data is damaged (\(message))")
            }
            truncated = message.contains("Premature end")
        }
        // 4:2:0 and 4:2:2 luma planes are padded to even sizes; the image itself is not.
        let luma = planes[0].cropped(width: width, height: height)
        return DecodedJPEG(image: PlanarImage(width: width, height: height, planes: [luma] + planes.dropFirst()),
                           truncated: truncated)
    }

    /// Interleaved 8-bit RGB (or grey when `channels == 1`) → YCbCr 4:2:0 planes, using the
    /// library's SIMD colour conversion and chroma downsampling.
    static func planes(fromInterleaved pixels: [UInt8], width: Int, height: Int, channels: Int) throws(PhotoError) -> PlanarImage {
        if channels == 1 {
            return PlanarImage(width: width, height: height, planes: [Plane(width: width, height: height, pixels: pixels)])
        }
        guard pixels.count >= width * height * channels else {
            throw PhotoError(.decodeFailed, "the decoded picture is smaller than its stated size")
        }
        let handle = try Handle(decompress: false)
        // The library writes every plane at its padded size (tjPlaneWidth/Height): for 4:2:0 the
        // luma of an odd-sized picture is one column and one row larger than the picture. A luma
        // buffer of the picture's own size overflows the heap there, so allocate what the library
        // writes and crop afterwards.
        let sampling = Int32(TJSAMP_420.rawValue)
        let planes = (0..<3).map { index in
            Plane(width: Int(tjPlaneWidth(Int32(index), Int32(width), sampling)),
                  height: Int(tjPlaneHeight(Int32(index), Int32(height), sampling)))
        }
        let chroma = PlanarImage.chromaSize420(width: width, height: height)
        precondition(planes[1].width == chroma.width && planes[1].height == chroma.height)
        var strides = planes.map { Int32($0.width) }
        let format = channels == 4 ? TJPF_RGBA : TJPF_RGB
        let rc: Int32 = pixels.withUnsafeBufferPointer { source in
            planes.withPlanePointers { pointers in
                tjEncodeYUVPlanes(handle.raw, source.baseAddress, Int32(width), Int32(width * channels), Int32(height),
                                  Int32(format.rawValue), pointers, &strides, Int32(TJSAMP_420.rawValue), 0)
            }
        }
        guard rc == 0 else { throw PhotoError(.decodeFailed, "colour conversion failed (\(handle.message))") }
        let luma = planes[0].cropped(width: width, height: height)
        return PlanarImage(width: width, height: height, planes: [luma] + planes.dropFirst())
    }

    /// Encodes planes (grey, or 4:2:0 chroma of the matching size) as a baseline JFIF JPEG: no
    /// EXIF, no GPS, nothing but pixels.
    static func encode(_ image: PlanarImage, quality: Int) throws(PhotoError) -> [UInt8] {
        let handle = try Handle(decompress: false)
        let subsamp = image.isGray ? TJSAMP_GRAY : TJSAMP_420
        // The library reads 4:2:0 luma padded to even sizes (and would read past an odd plane).
        let paddedWidth = Int(tjPlaneWidth(0, Int32(image.width), Int32(subsamp.rawValue)))
        let paddedHeight = Int(tjPlaneHeight(0, Int32(image.height), Int32(subsamp.rawValue)))
        let planes = [image.luma.padded(width: paddedWidth, height: paddedHeight)] + image.planes.dropFirst()
        var strides = planes.map { Int32($0.width) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        var sources: [UnsafePointer<UInt8>?] = planes.map { UnsafePointer($0.base) } + [nil, nil]
        let rc = withExtendedLifetime(planes) {
            sources.withUnsafeMutableBufferPointer { pointers in
                tjCompressFromYUVPlanes(handle.raw, pointers.baseAddress, Int32(image.width), &strides, Int32(image.height),
                                        Int32(subsamp.rawValue), &output, &size, Int32(quality), 0)
            }
        }
        defer { tjFree(output) }
        guard rc == 0, let output else { throw PhotoError(.writeFailed, "JPEG encoding failed (\(handle.message))") }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    private final class Handle {
        let raw: tjhandle
        init(decompress: Bool) throws(PhotoError) {
            guard let raw = decompress ? tjInitDecompress() : tjInitCompress() else {
                throw PhotoError(.decodeFailed, "the JPEG library could not start (out of memory?)")
            }
            self.raw = raw
        }
        deinit { tjDestroy(raw) }
        var message: String { tjGetErrorStr2(raw).map { String(cString: $0) } ?? "unknown error" }
    }
}

extension Array where Element == Plane {
    /// Calls `body` with a C array of pointers to each plane's pixels.
    fileprivate func withPlanePointers<R>(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<UInt8>?] = map { $0.base } + [nil, nil, nil]
        return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
}
