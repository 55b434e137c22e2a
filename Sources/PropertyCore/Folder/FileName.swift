import Foundation

/// File and folder names as the program holds them: a `String` per name that keeps the exact
/// bytes on disk, so two names that differ in bytes are never equal.
///
/// Linux names are bytes. Swift's `String ==` treats canonically equivalent text as equal (`café`
/// composed, NFC, and decomposed, NFD), and a name that is not UTF-8 cannot be a `String` at all.
/// So a name's bytes are turned into a `String` this way (per path component):
/// - valid UTF-8 already in NFC, with no character of the escape range: the name itself;
/// - anything else: ASCII bytes as themselves, every other byte as one private-use character
///   `U+F780 + (byte - 0x80)`. The result is ASCII plus private-use characters, which no other
///   name maps to, so a decomposed twin or a Latin-1 name gets a `String` of its own.
/// `systemBytes(_:)` undoes it exactly; every system call on a path goes through it.
public enum FileName {
    /// The 128 private-use characters that stand for the bytes 0x80…0xFF.
    static let escapeBase: UInt32 = 0xF780
    static let escapeRange: ClosedRange<UInt32> = 0xF780...0xF7FF

    /// The `String` for a name or a path read from the system (`readdir`, inotify, `readlink`).
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return String(decoding: bytes, as: UTF8.self) }
        return bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map(decodeComponent).joined(separator: "/")
    }

    private static func decodeComponent(_ bytes: ArraySlice<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self),
           !text.unicodeScalars.contains(where: { escapeRange.contains($0.value) }),
           text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) {
            return text
        }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(escapeBase + UInt32(byte - 0x80))!)
        }
        return String(scalars)
    }

    /// The exact bytes on disk for a name or path held as `decode` made it.
    public static func systemBytes(_ path: String) -> [UInt8] {
        guard path.unicodeScalars.contains(where: { escapeRange.contains($0.value) }) else { return Array(path.utf8) }
        var bytes: [UInt8] = []
        for scalar in path.unicodeScalars {
            if escapeRange.contains(scalar.value) {
                bytes.append(UInt8(scalar.value - escapeBase + 0x80))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// True when the path's `String` is its bytes as UTF-8, so any API taking a `String` path
    /// (Foundation, the decoders) opens the right file.
    public static func isPlain(_ path: String) -> Bool {
        !path.unicodeScalars.contains { escapeRange.contains($0.value) }
    }

    /// Calls `body` with the path as the NUL-terminated bytes a system call takes.
    public static func withSystemPath<Result>(_ path: String,
                                              _ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        if isPlain(path) { return try path.withCString(body) }
        let bytes = systemBytes(path).map { CChar(bitPattern: $0) } + [0]
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// What a person reads: the real name (composed or decomposed as it was written); a byte that
    /// is not UTF-8 shows as `\xE9`, so nothing is lost or silently replaced.
    public static func display(_ path: String) -> String {
        guard !isPlain(path) else { return path }
        let bytes = systemBytes(path)
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var shown = ""
        var index = 0
        while index < bytes.count {
            // One character at a time: a valid UTF-8 sequence as text, a stray byte as `\xNN`.
            let length = min(sequenceLength(lead: bytes[index]), bytes.count - index)
            if let character = String(validating: bytes[index..<index + length], as: UTF8.self) {
                shown += character
                index += length
            } else {
                shown += "\\x" + String(bytes[index], radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return shown
    }

    private static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    /// True when the name on disk is not UTF-8 (worth a word in the log: other tools may show it
    /// differently).
    public static func isNotUTF8(_ path: String) -> Bool {
        !isPlain(path) && String(validating: systemBytes(path), as: UTF8.self) == nil
    }
}

extension FileName {
    /// Linux's limit on one name, in bytes (`NAME_MAX`).
    public static let maxBytes = 255

    /// `name` itself when it fits in `limit` bytes; otherwise its beginning, a hash of the whole
    /// name and its extension (`<start>-<16 hex>.jpg`), which fits, so two long names that share
    /// their beginning still get two names. The same name always gives the same result.
    public static func fitting(_ name: String, limit: Int = maxBytes) -> String {
        let bytes = systemBytes(name)
        guard bytes.count > limit else { return name }
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        var ext = dot.map { String(name[$0...]) } ?? ""
        if ext.utf8.count > 16 { ext = "" }  // not an extension, just a dot in a long name
        let suffix = "-" + fnv1a(bytes) + ext
        var start = dot.map { String(name[..<$0]) } ?? name
        // Whole characters only, so a multi-byte letter is never cut in half.
        while start.utf8.count + suffix.utf8.count > limit { start.removeLast() }
        return start + suffix
    }

    /// FNV-1a, 64 bits, as 16 hex digits: a short, stable fingerprint of a name.
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
