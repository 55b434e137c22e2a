import Foundation
import PhotoProcessing
import Testing

/// Every orientation fixture, once rendered, must look like the orientation-1 image of its series.
struct OrientationTests {
    /// Mean absolute luma difference between two same-size greyscale renders (0…255).
    static func meanDifference(_ a: GrayPixels, _ b: GrayPixels) -> Double {
        precondition(a.width == b.width && a.height == b.height)
        let total = zip(a.pixels, b.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(a.pixels.count)
    }

    @Test(arguments: ["Landscape", "Portrait"])
    func everyOrientationComesOutUpright(series: String) throws {
        let dir = try TestFiles.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func render(_ orientation: Int) throws -> (RenderedPhoto, GrayPixels) {
            let source = TestFiles.orientationFixtures.appendingPathComponent("\(series)_\(orientation).jpg").path
            let large = dir.appendingPathComponent("\(orientation).jpg").path
            let thumb = dir.appendingPathComponent("\(orientation)-thumb.jpg").path
            var options = RenderOptions()
            (options.largeLongEdge, options.thumbLongEdge) = (600, 300)  // small: the debug build is slow
            let rendered = try TestFiles.render(sourcePath: source, largePath: large, thumbPath: thumb, options: options)
            return (rendered, try GrayPixels(jpegAt: thumb))
        }
        let (reference, referencePixels) = try render(1)
        #expect(reference.width > reference.height || series == "Portrait")
        for orientation in [0, 2, 3, 4, 5, 6, 7, 8] {
            let (rendered, pixels) = try render(orientation)
            #expect(rendered.orientationApplied == max(orientation, 1))
            #expect((rendered.width, rendered.height) == (reference.width, reference.height),
                    "\(series)_\(orientation) came out \(rendered.width)×\(rendered.height)")
            guard (pixels.width, pixels.height) == (referencePixels.width, referencePixels.height) else { continue }
            let difference = Self.meanDifference(pixels, referencePixels)
            // The fixtures are separate JPEG encodes with a different digit drawn in the middle, so
            // upright copies differ a little; a wrong mirror or half-turn differs several times more.
            #expect(difference < 8, "\(series)_\(orientation): mean difference \(difference) from \(series)_1")
            for (name, wrong) in referencePixels.mirrorsAndHalfTurn {
                let wrongDifference = Self.meanDifference(pixels, wrong)
                #expect(difference * 2 < wrongDifference,
                        "\(series)_\(orientation) is as close to the \(name) reference (\(wrongDifference)) as to the upright one (\(difference))")
            }
        }
    }
}
