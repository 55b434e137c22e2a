// The one owner of libpng (and the zlib it brings, used for the iCCP chunk): PNG size from IHDR,
// the embedded colour profile, and decode to 8-bit RGB or grey through libpng's simplified API
// (which reports errors by return value, so no setjmp crosses Swift frames).
internal import CPNG

struct PNGHeader {
    var width: Int
    var height: Int
}

enum PNGCodec {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Reads IHDR, which the PNG format requires to be the first chunk.
    static func header(_ bytes: [UInt8]) throws(PhotoError) -> PNGHeader {
        guard bytes.count >= 33, bytes.starts(with: signature),
              bytes[12..<16].elementsEqual("IHDR".utf8)
        else { throw PhotoError(.decodeFailed, "the PNG header is missing or damaged") }
        let width = bigEndian32(bytes, at: 16), height = bigEndian32(bytes, at: 20)
        guard width > 0, height > 0, width <= Int32.max, height <= Int32.max else {
            throw PhotoError(.decodeFailed, "the PNG header gives an impossible size (\(width)×\(height))")
        }
        return PNGHeader(width: width, height: height)
    }

    /// Decodes to 8-bit interleaved RGB (`channels == 3`) or grey (`channels == 1`); transparency
    /// is composited onto white.
    static func decode(_ bytes: [UInt8], maxPixels: Int) throws(PhotoError) -> (pixels: [UInt8], width: Int, height: Int, channels: Int) {
        let header = try header(bytes)
        guard header.width * header.height <= maxPixels else { throw PhotoGuards.tooManyPixels(header.width, header.height, maxPixels) }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let began = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard began != 0 else { throw PhotoError(.decodeFailed, "the PNG file is damaged (\(message(&image)))") }
        let gray = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) == 0
        let channels = gray ? 1 : 3
        image.format = gray ? UInt32(PNG_FORMAT_GRAY) : UInt32(PNG_FORMAT_RGB)
        var pixels = [UInt8](repeating: 0, count: header.width * header.height * channels)
        var white = png_color(red: 255, green: 255, blue: 255)
        let finished = pixels.withUnsafeMutableBytes {
            png_image_finish_read(&image, &white, $0.baseAddress, Int32(header.width * channels), nil)
        }
        guard finished != 0 else {
            throw PhotoError(.decodeFailed, "the PNG image data is damaged or cut short (\(message(&image)))")
        }
        return (pixels, header.width, header.height, channels)
    }

    /// The decompressed iCCP profile, if the PNG has one.
    static func iccProfile(_ bytes: [UInt8]) -> [UInt8]? {
        var pos = 8
        while pos + 12 <= bytes.count {
            let length = bigEndian32(bytes, at: pos)
            let type = bytes[(pos + 4)..<(pos + 8)]
            let dataStart = pos + 8, dataEnd = dataStart + length
            guard length >= 0, dataEnd <= bytes.count else { return nil }
            if type.elementsEqual("IDAT".utf8) || type.elementsEqual("IEND".utf8) { return nil }
            if type.elementsEqual("iCCP".utf8) {
                // name (1–79 bytes) NUL, compression method (0), zlib stream.
                guard let nul = bytes[dataStart..<dataEnd].firstIndex(of: 0), nul + 2 < dataEnd else { return nil }
                return inflate(bytes[(nul + 2)..<dataEnd], limit: 4 << 20)
            }
            pos = dataEnd + 4
        }
        return nil
    }

    private static func inflate(_ compressed: ArraySlice<UInt8>, limit: Int) -> [UInt8]? {
        var capacity = max(4096, compressed.count * 4)
        while capacity <= limit {
            var out = [UInt8](repeating: 0, count: capacity)
            var outLength = UInt(capacity)
            let rc = compressed.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { uncompress($0.baseAddress, &outLength, source.baseAddress, UInt(source.count)) }
            }
            if rc == Z_OK { return Array(out[0..<Int(outLength)]) }
            guard rc == Z_BUF_ERROR else { return nil }
            capacity *= 4
        }
        return nil
    }

    private static func bigEndian32(_ bytes: [UInt8], at index: Int) -> Int {
        Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
    }

    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
