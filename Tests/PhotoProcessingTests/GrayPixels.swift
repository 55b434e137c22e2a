import Foundation
@testable import PhotoProcessing

/// The luma of a JPEG at full size, decoded with the module's own TurboJPEG owner.
struct GrayPixels {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init(jpegAt path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let header = try TurboJPEG.header(bytes)
        let decoded = try TurboJPEG.decodePlanes(bytes, header: header, width: header.width, height: header.height)
        width = header.width
        height = header.height
        pixels = Array(decoded.image.luma.pixels)
    }

    init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The same picture mirrored left–right, mirrored top–bottom, and turned 180°.
    var mirrorsAndHalfTurn: [(String, GrayPixels)] {
        func mapped(_ source: (Int, Int) -> (Int, Int)) -> GrayPixels {
            var out = [UInt8](repeating: 0, count: pixels.count)
            for y in 0..<height {
                for x in 0..<width {
                    let (sx, sy) = source(x, y)
                    out[y * width + x] = pixels[sy * width + sx]
                }
            }
            return GrayPixels(width: width, height: height, pixels: out)
        }
        return [("mirrored", mapped { (width - 1 - $0, $1) }),
                ("upside-down mirrored", mapped { ($0, height - 1 - $1) }),
                ("half-turned", mapped { (width - 1 - $0, height - 1 - $1) })]
    }
}
