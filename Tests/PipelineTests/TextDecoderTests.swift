import Foundation
import PropertyCore
import Testing

struct TextDecoderTests {
    let thai = "ให้เช่าคอนโด 2 ห้องนอน ค่าเช่า 25,000 บาท/เดือน"
    let russian = "Сдаётся квартира, 2 спальни, 30 000 бат в месяц"

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = try TextDecoder.decode(thai.utf8Data).get()
        #expect(plain.text == thai && plain.encoding == "utf-8")
        let bom = try TextDecoder.decode(Data([0xEF, 0xBB, 0xBF]) + thai.utf8Data).get()
        #expect(bom.text == thai)
    }

    @Test func utf16FromNotepad() throws {
        let little = try TextDecoder.decode(thai.data(using: .utf16LittleEndian).map { Data([0xFF, 0xFE]) + $0 }!).get()
        #expect(little.text == thai && little.encoding == "utf-16le")
        let big = try TextDecoder.decode(Data([0xFE, 0xFF]) + thai.data(using: .utf16BigEndian)!).get()
        #expect(big.text == thai && big.encoding == "utf-16be")
        let english = "Villa for rent, 3 bedrooms"
        let noBOM = try TextDecoder.decode(english.data(using: .utf16LittleEndian)!).get()
        #expect(noBOM.text == english)
    }

    @Test func thaiWindowsEncodings() throws {
        // TIS-620 bytes as Thai Windows writes them (generated with Python's codec, not ours).
        let (status, hex) = try runPython("import sys; print(sys.argv[1].encode('tis-620').hex())", arguments: [thai])
        #expect(status == 0)
        let bytes = Data(hexString: hex.trimmingCharacters(in: .whitespacesAndNewlines))
        let decoded = try TextDecoder.decode(bytes).get()
        #expect(decoded.text == thai)
        #expect(decoded.encoding == "tis-620")
    }

    @Test func russianWindows1251() throws {
        let (_, hex) = try runPython("import sys; print(sys.argv[1].encode('cp1251').hex())", arguments: [russian])
        let decoded = try TextDecoder.decode(Data(hexString: hex.trimmingCharacters(in: .whitespacesAndNewlines))).get()
        #expect(decoded.text == russian)
        #expect(decoded.encoding == "windows-1251")
    }

    @Test func emptyAndBinaryAreReported() throws {
        #expect(TextDecoder.decode(Data()) == .failure(.empty))
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
        #expect(TextDecoder.decode(png) == .failure(.binary))
        #expect(TextDecoder.Failure.binary.description.contains("not text"))
    }
}

extension Data {
    init(hexString: String) {
        var bytes: [UInt8] = []
        var index = hexString.startIndex
        while index < hexString.endIndex {
            let next = hexString.index(index, offsetBy: 2)
            bytes.append(UInt8(hexString[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}
