public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of an agent's text file into a String, or says plainly why it cannot.
///
/// Agents write on phones and old Windows PCs: UTF-8 (with or without BOM), UTF-16 from Notepad,
/// TIS-620 / Windows-874 from Thai Windows, Windows-1251 from Russian Windows. Legacy encodings go
/// through glibc's iconv rather than hand-made tables.
public enum TextDecoder {
    public struct Decoded: Sendable, Equatable {
        public var text: String
        /// "utf-8", "utf-16le", "utf-16be", "tis-620", "windows-1251"
        public var encoding: String
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case binary
        case undecodable

        public var description: String {
            switch self {
            case .empty: "the file is empty"
            case .binary: "the file is not text (it looks like a binary file, e.g. a document or image saved as .txt)"
            case .undecodable: "the text is in an encoding that could not be read; save it as UTF-8 and upload again"
            }
        }
    }

    public static func decode(_ data: Data) -> Result<Decoded, Failure> {
        let bytes = [UInt8](data)
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(bytes.dropFirst(3)).map { .success($0) } ?? .failure(.undecodable)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), littleEndian: false) }
        if let endian = utf16WithoutBOM(bytes) { return utf16(bytes[...], littleEndian: endian) }
        if looksBinary(bytes) { return .failure(.binary) }
        if let decoded = utf8(bytes[...]) { return .success(decoded) }
        // Not UTF-8. Thai consonants (0xA1–0xCE in TIS-620) make up much of any Thai text, while
        // in Windows-1251 that range holds only rare capitals and symbols.
        let high = bytes.filter { $0 >= 0x80 }
        let thaiConsonants = high.filter { (0xA1...0xCE).contains($0) }.count
        let candidates: [(iconvName: String, label: String)] = thaiConsonants * 100 >= high.count * 35
            ? [("CP874", "tis-620"), ("CP1251", "windows-1251")]
            : [("CP1251", "windows-1251"), ("CP874", "tis-620")]
        for (iconvName, label) in candidates {
            if let text = iconvDecode(bytes, from: iconvName) { return .success(Decoded(text: text, encoding: label)) }
        }
        return .failure(.undecodable)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>) -> Decoded? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return Decoded(text: text, encoding: "utf-8")
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Result<Decoded, Failure> {
        let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map { index -> UInt16 in
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            return littleEndian ? a | (b << 8) : (a << 8) | b
        }
        guard let text = String(validating: units, as: UTF16.self) else { return .failure(.undecodable) }
        if text.isEmpty { return .failure(.empty) }
        return .success(Decoded(text: text, encoding: littleEndian ? "utf-16le" : "utf-16be"))
    }

    /// UTF-16 saved without a BOM shows up as a NUL in every other byte of ASCII text.
    private static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
        let sample = bytes.prefix(512)
        let evenNulls = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let oddNulls = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let pairs = sample.count / 2
        if oddNulls * 10 >= pairs * 3 && evenNulls == 0 { return true }   // ASCII/Latin in LE
        if evenNulls * 10 >= pairs * 3 && oddNulls == 0 { return false }  // ASCII/Latin in BE
        return nil
    }

    /// NUL bytes or many control characters mean a binary file (a .doc, a photo renamed .txt).
    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        if sample.contains(0) { return true }
        let controls = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C && $0 != 0x1B }.count
        return controls * 20 > sample.count
    }

    private static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        let ok = input.withUnsafeMutableBufferPointer { inBuffer -> Bool in
            output.withUnsafeMutableBufferPointer { outBuffer -> Bool in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 && inLeft == 0
            }
        }
        guard ok else { return nil }
        let end = output.firstIndex(of: 0) ?? output.count
        return String(decoding: output[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
