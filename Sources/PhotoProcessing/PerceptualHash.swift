// A 64-bit DCT perceptual hash (pHash): resized, blurred, recompressed or lightly edited copies of
// a photo land within a few bits of each other.
import Foundation

public struct PerceptualHash: Sendable, Hashable, Codable, CustomStringConvertible {
    public var value: UInt64

    public init(value: UInt64) { self.value = value }

    /// 16 lowercase hex digits (JSON keeps it as a string: 64-bit integers do not survive JavaScript).
    public init?(hex: String) {
        guard hex.count == 16, let value = UInt64(hex, radix: 16) else { return nil }
        self.value = value
    }

    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public var description: String { hex }

    /// Differing bits, 0…64.
    public static func distance(_ a: PerceptualHash, _ b: PerceptualHash) -> Int { (a.value ^ b.value).nonzeroBitCount }

    /// Hashes this close are the same picture (re-saved, resized, slightly cropped or retouched).
    public static let nearDuplicateDistance = 10

    public static func isNearDuplicate(_ a: PerceptualHash, _ b: PerceptualHash,
                                       maxDistance: Int = nearDuplicateDistance) -> Bool {
        distance(a, b) <= maxDistance
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = PerceptualHash(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a 16-digit hex hash"))
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }

    /// 32 × 32 luma → 2-D DCT → the 8 × 8 lowest frequencies, each bit "above the median".
    init(luma: Plane) {
        let side = 32
        let small = Resampler.resize(luma, toUprightWidth: side, height: side, orientation: Orientation(exif: 1), kernel: .triangle)
        var rows = [Double](repeating: 0, count: side * 8)  // 1-D DCT of each row, first 8 coefficients
        for y in 0..<side {
            for u in 0..<8 {
                var sum = 0.0
                for x in 0..<side { sum += Double(small[x, y]) * Self.cosines[u * side + x] }
                rows[y * 8 + u] = sum
            }
        }
        var coefficients = [Double](repeating: 0, count: 64)
        for v in 0..<8 {
            for u in 0..<8 {
                var sum = 0.0
                for y in 0..<side { sum += rows[y * 8 + u] * Self.cosines[v * side + y] }
                coefficients[v * 8 + u] = sum
            }
        }
        // The DC term only says how bright the picture is; leave it out of the median.
        let median = coefficients.dropFirst().sorted()[31]
        var bits: UInt64 = 0
        for (index, coefficient) in coefficients.enumerated() where index > 0 && coefficient > median {
            bits |= 1 << UInt64(index)
        }
        value = bits
    }

    private static let cosines: [Double] = (0..<8).flatMap { u in
        (0..<32).map { x in cos(Double.pi * Double(u) * (Double(x) + 0.5) / 32) }
    }
}
