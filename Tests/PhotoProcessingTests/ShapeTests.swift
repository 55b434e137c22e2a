import Foundation
import PhotoProcessing
import Testing
import TestSupport

/// The shapes every decoder must survive (odd and even sizes, 4:2:0/4:2:2/4:4:4, greyscale,
/// alpha, 10-bit, thumbnails, rotations and mirrors; HEIC, PNG and JPEG), made by
/// `Tests/Fixtures/photos/make_shapes.py`. Each must come out at its upright size and look like
/// an independent decoder's picture of the same file, not merely "not crash".
struct ShapeTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        var file: String
        var width: Int
        var height: Int
        /// Luma at 15%/15%, 85%/15%, 15%/85%, 85%/85% of the upright picture.
        var lumas: [Int]
        var testDescription: String { file }
        var path: String { ShapeTests.directory.appendingPathComponent(file).path }
    }

    static let directory = TestFiles.fixtures.appendingPathComponent("shapes")

    static let shapes: [Shape] = {
        let text = (try? String(contentsOf: directory.appendingPathComponent("shapes.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t").map(String.init)
            return Shape(file: fields[0], width: Int(fields[1])!, height: Int(fields[2])!, lumas: fields[3...].map { Int($0)! })
        }
    }()

    /// The luma at the four reference points of a decoded picture.
    static func lumas(_ pixels: GrayPixels) -> [Int] {
        [(0.15, 0.15), (0.85, 0.15), (0.15, 0.85), (0.85, 0.85)].map { (fx: Double, fy: Double) in
            let x = min(pixels.width - 1, Int(fx * Double(pixels.width)))
            let y = min(pixels.height - 1, Int(fy * Double(pixels.height)))
            return Int(pixels.pixels[y * pixels.width + x])
        }
    }

    @Test func theManifestListsEveryShape() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { !$0.hasSuffix(".tsv") }
        #expect(Self.shapes.count == files.count)
        #expect(Self.shapes.count >= 45)
    }

    @Test(arguments: shapes)
    func comesOutUprightAtItsSizeAndLooksRight(shape: Shape) throws {
        let dir = try TestFiles.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let large = dir.appendingPathComponent("large.jpg").path, thumb = dir.appendingPathComponent("thumb.jpg").path
        var options = RenderOptions()
        options.thumbLongEdge = 31  // odd, and smaller than every shape but the tiny ones
        let rendered = try TestFiles.render(sourcePath: shape.path, largePath: large, thumbPath: thumb, options: options)
        #expect((rendered.width, rendered.height) == (shape.width, shape.height))

        let pixels = try GrayPixels(jpegAt: large)
        #expect((pixels.width, pixels.height) == (shape.width, shape.height))
        let seen = Self.lumas(pixels)
        for (index, (got, want)) in zip(seen, shape.lumas).enumerated() {
            #expect(abs(got - want) <= 40, "point \(index): luma \(got), the reference decoder shows \(want) (all: \(seen) vs \(shape.lumas))")
        }
        if shape.width >= 8 {  // a real picture, not one grey or black field
            #expect((pixels.pixels.max() ?? 0) - (pixels.pixels.min() ?? 0) > 150)
        }
        let thumbPixels = try GrayPixels(jpegAt: thumb)
        #expect((thumbPixels.width, thumbPixels.height) == (rendered.thumbWidth, rendered.thumbHeight))
        #expect(max(rendered.thumbWidth, rendered.thumbHeight) == min(31, max(shape.width, shape.height)))
    }

    @Test(arguments: shapes)
    func makesAModelImageOfAnOddSize(shape: Shape) throws {
        let (width, height) = shape.width >= shape.height ? (min(shape.width, 33), max(1, min(shape.height, 23)))
                                                            : (max(1, min(shape.width, 23)), min(shape.height, 33))
        let image = try ModelImage.render(fileAt: shape.path, width: width, height: height)
        let path = try TestFiles.scratchDirectory().appendingPathComponent("model.jpg")
        defer { try? FileManager.default.removeItem(at: path.deletingLastPathComponent()) }
        try Data(image.jpeg).write(to: path)
        let pixels = try GrayPixels(jpegAt: path.path)
        #expect((pixels.width, pixels.height) == (width, height))
    }

    /// The size that aborted the process ("double free or corruption"): a real iPhone picture
    /// after an edit. Made here with heif-enc, as it is too big to keep in the repository.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/heif-enc")
                   && FileManager.default.fileExists(atPath: "/usr/lib/python3/dist-packages/PIL")))
    func aPhoneSizedOddHEICRenders() throws {
        let dir = try TestFiles.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("odd.png").path, heic = dir.appendingPathComponent("odd.heic").path
        try TestFiles.run("/usr/bin/python3", ["-c", """
            import sys; from PIL import Image, ImageDraw
            im = Image.new("RGB", (2566, 3313), (20, 40, 60)); ImageDraw.Draw(im).rectangle([0, 0, 1282, 1655], fill=(255, 255, 255))
            im.save(sys.argv[1])
            """, png])
        try TestFiles.run("heif-enc", ["-q", "30", png, "-o", heic])
        let rendered = try TestFiles.render(sourcePath: heic, largePath: dir.appendingPathComponent("large.jpg").path,
                                            thumbPath: dir.appendingPathComponent("thumb.jpg").path)
        #expect((rendered.info.width, rendered.info.height) == (2566, 3313))
        #expect((rendered.width, rendered.height) == (1214, 1568))
        let pixels = try GrayPixels(jpegAt: dir.appendingPathComponent("large.jpg").path)
        #expect(Self.lumas(pixels)[0] > 200 && Self.lumas(pixels)[3] < 60)
    }
}
