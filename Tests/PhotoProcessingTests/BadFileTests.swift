import Foundation
import PhotoProcessing
import Testing

/// Real files of every bad kind the inbox sees: each is refused (or rendered and flagged) with a
/// reason, never a crash, and never after allocating what a lying header asks for.
final class BadFileTests {
    let dir: URL

    init() throws { dir = try TestFiles.scratchDirectory("bad-files") }
    deinit { try? FileManager.default.removeItem(at: dir) }

    func render(_ name: String, _ bytes: [UInt8]) throws(PhotoError) -> RenderedPhoto {
        let source = dir.appendingPathComponent(name)
        try! Data(bytes).write(to: source)
        return try TestFiles.render(sourcePath: source.path,
                                        largePath: dir.appendingPathComponent("large-\(name).jpg").path,
                                        thumbPath: dir.appendingPathComponent("thumb-\(name).jpg").path)
    }

    func expectRefusal(_ name: String, _ bytes: [UInt8], _ kinds: Set<PhotoError.Kind>) {
        do {
            let photo = try render(name, bytes)
            Issue.record("\(name) was rendered (\(photo.width)×\(photo.height)) instead of refused")
        } catch {
            #expect(kinds.contains(error.kind), "\(name): \(error.kind) \(error.message)")
            #expect(!error.message.isEmpty)
        }
        // Nothing half-written is left behind.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("large-\(name).jpg").path))
    }

    static var fixture: [UInt8] {
        get throws { [UInt8](try Data(contentsOf: TestFiles.orientationFixtures.appendingPathComponent("Landscape_6.jpg"))) }
    }

    @Test func zeroByteFile() {
        expectRefusal("empty.jpg", [], [.empty])
    }

    @Test func textFileNamedJPEG() {
        expectRefusal("notes.jpg", Array("Sea view villa, 3 bedrooms, 80,000 THB/month\n".utf8), [.notAnImage])
    }

    @Test func randomBytesNamedHEIC() {
        var state: UInt64 = 42
        let bytes = (0..<5000).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        expectRefusal("pool.heic", bytes, [.notAnImage])
    }

    @Test func otherFormatsAreNamed() {
        expectRefusal("anim.jpg", Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 64), [.unsupportedFormat])
        expectRefusal("scan.jpg", Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x20, count: 64), [.unsupportedFormat])
    }

    @Test func heicContainerWithGarbageInside() {
        let bytes: [UInt8] = [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8)
            + [UInt8](repeating: 0xAB, count: 300)
        expectRefusal("broken.heic", bytes, [.decodeFailed])
    }

    @Test func truncatedJPEGIsRenderedAndFlagged() throws {
        let whole = try Self.fixture
        let photo = try render("cut.jpg", Array(whole.prefix(whole.count / 2)))
        #expect(photo.truncated)
        #expect(photo.flags.contains("truncated"))
        #expect((photo.width, photo.height) == (1568, 1045), "orientation 6 still applied to a cut file")
    }

    @Test func jpegCutInsideItsHeader() throws {
        expectRefusal("stub.jpg", Array(try Self.fixture.prefix(400)), [.decodeFailed, .truncated])
    }

    @Test func corruptedScanDataNeverCrashes() throws {
        var bytes = try Self.fixture
        for index in stride(from: bytes.count / 3, to: bytes.count - 2, by: 97) { bytes[index] ^= 0x5A }
        do {
            _ = try render("noisy.jpg", bytes)
        } catch {
            #expect(error.kind == .decodeFailed)
        }
    }

    @Test func hugeJPEGHeaderIsRefusedBeforeDecoding() throws {
        var bytes = try Self.fixture
        // Rewrite the SOF0 frame size to 60000 × 60000 (3.6 gigapixels).
        let sof = try #require((0..<(bytes.count - 9)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes.replaceSubrange((sof + 5)..<(sof + 9), with: [0xEA, 0x60, 0xEA, 0x60])
        let path = dir.appendingPathComponent("huge-header.jpg")
        try Data(bytes).write(to: path)
        let info = try PhotoInspector.inspect(fileAt: path.path)
        #expect((info.width, info.height) == (60000, 60000))
        expectRefusal("huge.jpg", bytes, [.tooManyPixels])
    }

    @Test func hugePNGHeaderIsRefusedBeforeDecoding() throws {
        var bytes = [UInt8](try Data(contentsOf: TestFiles.fixtures.appendingPathComponent("transparent.png")))
        bytes.replaceSubrange(16..<24, with: [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0])  // 100000 × 100000
        expectRefusal("huge.png", bytes, [.tooManyPixels])
    }

    @Test func pngNamedJPEGIsStillUsed() throws {
        let bytes = [UInt8](try Data(contentsOf: TestFiles.fixtures.appendingPathComponent("transparent.png")))
        let photo = try render("really-a-png.jpg", bytes)
        #expect(photo.info.format == "png")
        #expect((photo.width, photo.height) == (64, 48))
        #expect(photo.flags.contains("too_small"))
    }
}
