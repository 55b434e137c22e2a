import PropertyCore
import Testing

/// Names are identified by their bytes: a `String` per name that never equals another name's,
/// that goes back to the exact bytes, and that people can read.
@Suite struct FileNameTests {
    static let composed: [UInt8] = Array("café".utf8)                        // é = C3 A9 (NFC)
    static let decomposed: [UInt8] = [0x63, 0x61, 0x66, 0x65, 0xCC, 0x81]   // e + U+0301 (NFD)
    static let latin1: [UInt8] = [0x63, 0x61, 0x66, 0xE9]                   // not UTF-8

    @Test func composedAndDecomposedTwinsAreTwoNames() {
        let nfc = FileName.decode(Self.composed)
        let nfd = FileName.decode(Self.decomposed)
        // Plain Swift would merge them: the reason this type exists.
        #expect(String(decoding: Self.composed, as: UTF8.self) == String(decoding: Self.decomposed, as: UTF8.self))
        #expect(nfc != nfd)
        #expect(Set([nfc, nfd]).count == 2)
        #expect([nfc: 1, nfd: 2].count == 2)
        #expect(nfc == "café")  // an ordinary name is itself
    }

    @Test(arguments: [composed, decomposed, latin1, Array("IMG_0001.JPG".utf8), [0xFF, 0xFE],
                      Array("\u{F7E9}x".utf8), Array("โฟลเดอร์/ภาพ 1.jpg".utf8), [0x61, 0x2F, 0xE9, 0x2F, 0x62]])
    func everyNameGoesBackToItsExactBytes(bytes: [UInt8]) {
        let name = FileName.decode(bytes)
        #expect(FileName.systemBytes(name) == bytes)
        name.withCString { _ in }  // a valid Swift string whatever the bytes
        let viaSystemPath = FileName.withSystemPath(name) { pointer in
            Array(UnsafeBufferPointer(start: pointer, count: bytes.count + 1)).map { UInt8(bitPattern: $0) }
        }
        #expect(viaSystemPath == bytes + [0])
    }

    @Test func aNameInTheEscapeRangeCannotPassForAnEscapedByte() {
        // U+F7E9 spelled in UTF-8 is a real (private-use) name, distinct from the byte E9.
        let real = FileName.decode(Array("caf\u{F7E9}".utf8))
        let escaped = FileName.decode(Self.latin1)
        #expect(real != escaped)
        #expect(FileName.systemBytes(real) == Array("caf\u{F7E9}".utf8))
    }

    @Test func namesAreShownAsPeopleReadThem() {
        #expect(FileName.display(FileName.decode(Self.latin1)) == "caf\\xE9")
        #expect(FileName.display(FileName.decode(Self.decomposed)).utf8.elementsEqual(Self.decomposed))
        #expect(FileName.display("villa/IMG 1.jpg") == "villa/IMG 1.jpg")
        #expect(FileName.display(FileName.decode([0x41, 0xE2, 0x82, 0xFF, 0x42])) == "A\\xE2\\x82\\xFFB")
        #expect(FileName.isNotUTF8(FileName.decode(Self.latin1)))
        #expect(!FileName.isNotUTF8(FileName.decode(Self.decomposed)))
    }

    @Test func aPathIsDecodedOneNameAtATime() {
        // The folder's part of a path is the same string on its own and inside a longer path.
        let folder = FileName.decode(Self.decomposed)
        let path = FileName.decode(Array("/inbox/".utf8) + Self.decomposed + Array("/photo.jpg".utf8))
        #expect(path == "/inbox/" + folder + "/photo.jpg")
    }

    @Test func aLongNameIsShortenedToFitWithAHashThatKeepsItUnique() {
        let long = String(repeating: "a", count: 246) + ".jpg"
        let other = String(repeating: "a", count: 245) + "b.jpg"
        let fitted = FileName.fitting("01-" + long)
        #expect(fitted.utf8.count <= FileName.maxBytes)
        #expect(fitted.hasSuffix(".jpg"))
        #expect(fitted.hasPrefix("01-aaaa"))
        #expect(fitted != FileName.fitting("01-" + other))
        #expect(fitted == FileName.fitting("01-" + long))  // deterministic
        #expect(FileName.fitting("short.jpg") == "short.jpg")
        // Multi-byte letters are never cut in half.
        let thai = String(repeating: "บ้าน", count: 40) + ".jpg"
        let fittedThai = FileName.fitting(thai, limit: 100)
        #expect(fittedThai.utf8.count <= 100)
        #expect(String(validating: Array(fittedThai.utf8), as: UTF8.self) == fittedThai)
    }
}
