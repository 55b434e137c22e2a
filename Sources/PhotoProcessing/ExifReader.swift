// The one owner of libexif: orientation, capture time, camera and GPS presence from an EXIF block.
internal import CExif
import Foundation

/// The EXIF facts the pipeline uses. Pixel dimensions are deliberately absent: EXIF's claim about
/// them is never trusted.
struct ExifFacts: Equatable {
    var orientation = 1
    var capturedAt: String?
    var cameraMake: String?
    var cameraModel: String?
    var hasGPS = false
}

enum ExifReader {
    /// Reads an EXIF block that starts with "Exif\0\0" (a JPEG APP1 payload, or HEIF's Exif item
    /// after its offset word). Anything unreadable yields the defaults, never an error: a photo
    /// with broken EXIF is still a photo.
    static func read(_ block: ArraySlice<UInt8>) -> ExifFacts {
        var facts = ExifFacts()
        guard block.count > 6, block.count <= Int(UInt32.max) else { return facts }
        guard let data = exif_data_new() else { return facts }
        defer { exif_data_unref(data) }
        // Never let libexif "fix" the data by inventing mandatory tags we would then report.
        exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION)
        block.withUnsafeBufferPointer { exif_data_load_data(data, $0.baseAddress, UInt32($0.count)) }

        let order = exif_data_get_byte_order(data)
        let ifds = data.pointee.ifd
        if let value = entry(ifds.0, EXIF_TAG_ORIENTATION).flatMap({ short($0, order) }), (1...8).contains(value) {
            facts.orientation = value
        }
        facts.cameraMake = entry(ifds.0, EXIF_TAG_MAKE).flatMap(ascii)
        facts.cameraModel = entry(ifds.0, EXIF_TAG_MODEL).flatMap(ascii)
        facts.capturedAt = (entry(ifds.2, EXIF_TAG_DATE_TIME_ORIGINAL) ?? entry(ifds.0, EXIF_TAG_DATE_TIME))
            .flatMap(ascii).flatMap(isoDateTime)
        facts.hasGPS = (ifds.3?.pointee.count ?? 0) > 0
        return facts
    }

    private static func entry(_ content: UnsafeMutablePointer<ExifContent>?, _ tag: ExifTag) -> UnsafeMutablePointer<ExifEntry>? {
        guard let content else { return nil }
        return exif_content_get_entry(content, tag)
    }

    private static func short(_ entry: UnsafeMutablePointer<ExifEntry>, _ order: ExifByteOrder) -> Int? {
        let e = entry.pointee
        guard let bytes = e.data, e.size >= 2, e.components >= 1 else { return nil }
        switch e.format {
        case EXIF_FORMAT_SHORT: return Int(exif_get_short(bytes, order))
        case EXIF_FORMAT_LONG where e.size >= 4: return Int(exif_get_long(bytes, order))
        case EXIF_FORMAT_BYTE: return Int(bytes[0])
        default: return nil
        }
    }

    private static func ascii(_ entry: UnsafeMutablePointer<ExifEntry>) -> String? {
        let e = entry.pointee
        guard let bytes = e.data, e.size > 0, e.format == EXIF_FORMAT_ASCII || e.format == EXIF_FORMAT_UNDEFINED
        else { return nil }
        let raw = UnsafeBufferPointer(start: bytes, count: Int(min(e.size, 256)))
        let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0 != "\u{FFFD}" }) else { return nil }
        return text
    }

    /// "2024:03:01 14:22:05" → "2024-03-01T14:22:05"; anything else (including the all-zero
    /// placeholder some cameras write) → nil.
    static func isoDateTime(_ exif: String) -> String? {
        let chars = Array(exif.utf8)
        guard chars.count >= 19 else { return nil }
        let digitsAt = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        guard digitsAt.allSatisfy({ (0x30...0x39).contains(chars[$0]) }),
              chars[4] == 0x3A || chars[4] == 0x2D, chars[7] == 0x3A || chars[7] == 0x2D,
              chars[13] == 0x3A, chars[16] == 0x3A
        else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(chars[$1] - 0x30) } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        let (hour, minute, second) = (number(11..<13), number(14..<16), number(17..<19))
        guard year >= 1900, (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        var iso = chars[0..<19]
        iso[4] = 0x2D  // -
        iso[7] = 0x2D
        iso[10] = 0x54  // T
        return String(decoding: iso, as: UTF8.self)
    }
}
