import Foundation
@testable import PhotoProcessing
import Testing

/// Quality flags from real renders, perceptual-hash duplicates, and the cover choice.
final class QualityAndSelectionTests {
    let dir: URL

    init() throws { dir = try TestFiles.scratchDirectory("quality") }
    deinit { try? FileManager.default.removeItem(at: dir) }

    func render(_ name: String, _ bytes: [UInt8]) throws -> RenderedPhoto {
        let source = dir.appendingPathComponent(name)
        try SyntheticJPEG.write(bytes, to: source)
        return try TestFiles.render(sourcePath: source.path, largePath: dir.appendingPathComponent("L-\(name)").path,
                                        thumbPath: dir.appendingPathComponent("T-\(name)").path)
    }

    func renderFixture(_ name: String) throws -> RenderedPhoto {
        let source = TestFiles.orientationFixtures.appendingPathComponent(name)
        return try TestFiles.render(sourcePath: source.path, largePath: dir.appendingPathComponent("L-\(name)").path,
                                        thumbPath: dir.appendingPathComponent("T-\(name)").path)
    }

    @Test func flagsDarkBlurryAndSmall() throws {
        let dark = try render("dark.jpg", SyntheticJPEG.make(width: 1200, height: 900, content: .flat(12)))
        #expect(dark.flags.contains("too_dark"))
        #expect(dark.flags.contains("blurry"))
        #expect(!dark.flags.contains("too_small"))

        let sharp = try render("sharp.jpg", SyntheticJPEG.make(width: 1200, height: 900, content: .noise(seed: 7)))
        #expect(sharp.flags.isEmpty, "sharp mid-grey noise: \(sharp.flags), sharpness \(sharp.sharpness)")

        let tiny = try render("tiny.jpg", SyntheticJPEG.make(width: 320, height: 240, content: .noise(seed: 9)))
        #expect(tiny.flags.contains("too_small"))
        #expect((tiny.width, tiny.height) == (320, 240), "never enlarged")
        #expect((tiny.thumbWidth, tiny.thumbHeight) == (320, 240))
    }

    @Test func realPhotoIsNeitherDarkNorBlurry() throws {
        let photo = try renderFixture("Landscape_3.jpg")
        #expect(photo.flags.isEmpty, "flags \(photo.flags), brightness \(photo.brightness), sharpness \(photo.sharpness)")
        #expect((photo.thumbWidth, photo.thumbHeight) == (400, 267))
    }

    @Test func rotatedAndReencodedCopiesAreNearDuplicates() throws {
        // Same picture, different orientation tags and separate encodes; then a different picture.
        let a = try renderFixture("Landscape_1.jpg"), b = try renderFixture("Landscape_6.jpg")
        let c = try renderFixture("Landscape_3.jpg"), other = try renderFixture("Portrait_1.jpg")
        #expect(PerceptualHash.distance(a.perceptualHash, b.perceptualHash) <= PerceptualHash.nearDuplicateDistance)
        #expect(PerceptualHash.isNearDuplicate(a.perceptualHash, c.perceptualHash))
        #expect(PerceptualHash.distance(a.perceptualHash, other.perceptualHash) > 20)
        #expect(PhotoSelection.duplicates(of: [a.perceptualHash, other.perceptualHash, nil, b.perceptualHash, c.perceptualHash])
                == [nil, nil, nil, 0, 0])
    }

    @Test func hashRoundTripsThroughJSON() throws {
        let hash = PerceptualHash(value: 0x00F0_1234_ABCD_0001)
        #expect(hash.hex == "00f01234abcd0001")
        let json = try JSONEncoder().encode([hash])
        #expect(String(decoding: json, as: UTF8.self) == "[\"00f01234abcd0001\"]")
        #expect(try JSONDecoder().decode([PerceptualHash].self, from: json) == [hash])
    }

    static func photo(_ width: Int, _ height: Int, flags: [String] = [], sharpness: Double = 200) -> RenderedPhoto {
        RenderedPhoto(info: PhotoInfo(format: "jpeg", width: width, height: height), width: width, height: height,
                      thumbWidth: 400, thumbHeight: 300, orientationApplied: 1, truncated: false, brightness: 0.5,
                      sharpness: sharpness, flags: flags, perceptualHash: PerceptualHash(value: 0), colorProfileKept: false)
    }

    @Test func coverIsNotADuplicateNotDarkOrBlurryAndPrefersLandscape() {
        let photos: [RenderedPhoto?] = [
            Self.photo(1200, 1600),                        // 0 portrait, fine
            nil,                                           // 1 failed to render
            Self.photo(1600, 1200, flags: ["too_dark"]),   // 2 landscape but dark
            Self.photo(1600, 1200, sharpness: 150),        // 3 landscape, fine — the cover
            Self.photo(1600, 1200, sharpness: 900),        // 4 sharper, but a duplicate of 3
            Self.photo(1600, 1200, flags: ["blurry"]),     // 5 blurry
        ]
        #expect(PhotoSelection.chooseCover(photos, duplicateOf: [nil, nil, nil, nil, 3, nil]) == 3)
        // With only flagged landscapes left, a clean portrait wins.
        #expect(PhotoSelection.chooseCover([photos[0], photos[2], photos[5]], duplicateOf: [nil, nil, nil]) == 0)
        // Something is always chosen when anything rendered.
        #expect(PhotoSelection.chooseCover([photos[2]], duplicateOf: [nil]) == 0)
        #expect(PhotoSelection.chooseCover([nil, nil], duplicateOf: [nil, nil]) == nil)
    }
}
