@testable import PhotoProcessing
import Testing

struct ResamplerTests {
    static func plane(_ width: Int, _ height: Int) -> Plane {
        let plane = Plane(width: width, height: height)
        for index in 0..<plane.count { plane.base[index] = UInt8(truncatingIfNeeded: index &* 7 &+ index / width) }
        return plane
    }

    @Test(arguments: [(1, 1), (8, 8), (16, 8), (13, 21), (64, 9), (7, 40), (2016, 1512)])
    func transposeMatchesDefinition(size: (Int, Int)) {
        let input = Self.plane(size.0, size.1)
        let output = Resampler.transpose(input)
        #expect((output.width, output.height) == (input.height, input.width))
        var mismatches = 0
        for y in 0..<input.height {
            for x in 0..<input.width where output[y, x] != input[x, y] { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func flatPlaneStaysFlatAtEveryOrientation() {
        let input = Plane(width: 301, height: 199)
        input.base.update(repeating: 77, count: input.count)
        for exif in 1...8 {
            let out = Resampler.resize(input, toUprightWidth: 100, height: 66, orientation: Orientation(exif: exif), kernel: .lanczos3)
            #expect(Array(out.pixels).allSatisfy { $0 == 77 }, "orientation \(exif)")
        }
    }

    @Test func weightsAreNormalisedAndCoverTheInput() {
        for (from, to) in [(2016, 1568), (1568, 400), (100, 100), (5, 3), (3, 7)] {
            let table = ResampleWeights(from: from, to: to, kernel: .lanczos3)
            #expect(table.starts.count == to)
            for (start, weights) in zip(table.starts, table.weights) {
                #expect(abs(weights.reduce(0, +) - 1) < 1e-4)
                #expect(start >= 0 && start + weights.count <= from)
            }
        }
    }
}
