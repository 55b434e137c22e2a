import Foundation
@testable import PhotoProcessing
import Testing

/// What the derived files carry (pixels and the colour profile, nothing else) and how each
/// supported format is decoded.
final class PrivacyAndFormatTests {
    let dir: URL

    init() throws { dir = try TestFiles.scratchDirectory("privacy") }
    deinit { try? FileManager.default.removeItem(at: dir) }

    func render(_ source: URL) throws -> (RenderedPhoto, large: String, thumb: String) {
        let name = source.deletingPathExtension().lastPathComponent
        let large = dir.appendingPathComponent("\(name)-large.jpg").path
        let thumb = dir.appendingPathComponent("\(name)-thumb.jpg").path
        return (try TestFiles.render(sourcePath: source.path, largePath: large, thumbPath: thumb), large, thumb)
    }

    /// `exiftool` tag names in the given families/groups, e.g. ["GPS", "EXIF", "IFD0", "XMP"].
    static func exifTool(_ path: String, _ arguments: [String]) throws -> [String: Any] {
        let output = try TestFiles.run("exiftool", ["-json", "-a", "-G1"] + arguments + [path])
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
        return try #require(parsed?.first, "exiftool printed no JSON for \(path) (is libimage-exiftool-perl installed?)")
    }

    @Test func derivedFilesCarryNoGPSOrEXIF() throws {
        let source = dir.appendingPathComponent("villa-gps.jpg")
        try FileManager.default.copyItem(at: TestFiles.orientationFixtures.appendingPathComponent("Portrait_8.jpg"), to: source)
        try TestFiles.run("exiftool", ["-q", "-overwrite_original", "-GPSLatitude=7.7804", "-GPSLatitudeRef=N",
                                       "-GPSLongitude=98.3250", "-GPSLongitudeRef=E", "-DateTimeOriginal=2024:03:01 14:22:05",
                                       "-Make=Apple", "-Model=iPhone 13", "-XMP:Creator=Agent", source.path])
        let before = try Self.exifTool(source.path, ["-GPS:all", "-EXIF:all"])
        #expect(before.keys.contains { $0.hasPrefix("GPS:") }, "the test input must really carry GPS")

        let info = try PhotoInspector.inspect(fileAt: source.path)
        #expect(info.hasGPS)
        #expect(info.capturedAt == "2024-03-01T14:22:05")
        #expect(info.cameraMake == "Apple" && info.cameraModel == "iPhone 13")
        #expect(info.orientation == 8)

        let (photo, large, thumb) = try render(source)
        #expect((photo.width, photo.height) == (1045, 1568))
        for output in [large, thumb] {
            let tags = try Self.exifTool(output, [])
            let leaked = tags.keys.filter { key in
                ["GPS:", "IFD0:", "IFD1:", "ExifIFD:", "XMP", "IPTC", "MakerNotes", "Composite:GPS"].contains { key.hasPrefix($0) }
            }
            #expect(leaked.isEmpty, "\(output) still carries \(leaked.sorted())")
            #expect(tags["File:ImageWidth"] != nil)
            #expect(tags["JFIF:JFIFVersion"] != nil, "a plain JFIF file")
        }
        let orientationNow = try Self.exifTool(large, ["-Orientation"])
        #expect(orientationNow["IFD0:Orientation"] == nil, "no orientation tag to apply a second time")
    }

    @Test func iccProfileIsKeptInBothOutputs() throws {
        let source = TestFiles.fixtures.appendingPathComponent("icc-a98.jpg")
        let sourceProfile = try #require(JPEGMarkers.scan([UInt8](try Data(contentsOf: source))).iccProfile)
        let (photo, large, thumb) = try render(source)
        #expect(photo.colorProfileKept)
        for output in [large, thumb] {
            let profile = JPEGMarkers.scan([UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))).iccProfile
            #expect(profile == sourceProfile)
            let tags = try Self.exifTool(output, ["-ICC_Profile:ProfileDescription"])
            #expect(tags["ICC_Profile:ProfileDescription"] as? String == "Artifex Software A98 ICC Profile ", "exiftool reads the profile back")
        }
    }

    @Test func largeICCProfileSurvivesChunking() {
        let profile = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9]
        let withProfile = JPEGMarkers.insertingICC(profile, into: jpeg)
        #expect(JPEGMarkers.scan(withProfile).iccProfile == profile)
    }

    @Test func heicEXIFOrientationIsNotAppliedTwice() throws {
        // EXIF says "rotate 90° CW" but the HEIF container has no rotation: libheif's output is final.
        let source = TestFiles.fixtures.appendingPathComponent("exif6-gps.heic")
        let info = try PhotoInspector.inspect(fileAt: source.path)
        #expect(info.format == "heic")
        #expect(info.orientation == 1)
        #expect(info.hasGPS)
        let (photo, large, _) = try render(source)
        #expect((photo.width, photo.height) == (96, 64))
        #expect(photo.orientationApplied == 1)
        let tags = try Self.exifTool(large, ["-GPS:all", "-EXIF:all"])
        #expect(!tags.keys.contains { $0.hasPrefix("GPS:") || $0.hasPrefix("IFD0:") })
    }

    @Test func transparentPNGIsFlattenedOntoWhite() throws {
        let (photo, large, _) = try render(TestFiles.fixtures.appendingPathComponent("transparent.png"))
        #expect(photo.info.format == "png")
        let luma = try GrayPixels(jpegAt: large)
        #expect(luma.pixels[2 * luma.width + 60] > 240, "transparent corner becomes white")
        #expect(luma.pixels[24 * luma.width + 24] < 60, "the opaque blue square stays dark in luma")
    }
}
