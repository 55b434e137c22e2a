import Foundation
@testable import PhotoProcessing

/// JPEGs made on the spot, with content chosen to trigger (or not) the quality checks.
enum SyntheticJPEG {
    enum Content {
        /// Fine random detail: sharp, mid-grey.
        case noise(seed: UInt64)
        /// One flat level: as blurry as a picture gets.
        case flat(UInt8)
    }

    static func make(width: Int, height: Int, content: Content) throws -> [UInt8] {
        let luma = Plane(width: width, height: height)
        switch content {
        case .noise(let seed):
            var state = seed | 1
            for index in 0..<luma.count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                luma.base[index] = UInt8(truncatingIfNeeded: state >> 56)
            }
        case .flat(let level):
            luma.base.update(repeating: level, count: luma.count)
        }
        let chroma = PlanarImage.chromaSize420(width: width, height: height)
        let planes = [luma] + (0..<2).map { _ in
            let plane = Plane(width: chroma.width, height: chroma.height)
            plane.base.update(repeating: 128, count: plane.count)
            return plane
        }
        return try TurboJPEG.encode(PlanarImage(width: width, height: height, planes: planes), quality: 90)
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }
}
