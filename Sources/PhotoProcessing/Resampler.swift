// Separable, antialiased resampling of 8-bit planes, fused with EXIF orientation.
//
// Every pass is a *vertical* pass (output row = weighted sum of whole input rows), which the
// compiler vectorises across the row; the horizontal direction is handled by transposing in
// between. Mirroring is free (the pass writes its rows in reverse order), and the 90° orientations
// (5–8) skip the final transpose, so rotated photos cost less than upright ones.
import Foundation

/// The filter's kernel. Support grows with the reduction factor, so no input pixel is skipped
/// (no aliasing); weights are normalised per output pixel.
enum ResampleKernel: Sendable {
    /// Lanczos with 3 lobes: what Pillow's LANCZOS and libvips' default use.
    case lanczos3
    /// Triangle (antialiased bilinear): softer, cheaper.
    case triangle

    var support: Double {
        switch self {
        case .lanczos3: 3
        case .triangle: 1
        }
    }

    func weight(_ x: Double) -> Double {
        let x = abs(x)
        switch self {
        case .triangle: return x < 1 ? 1 - x : 0
        case .lanczos3:
            if x < 1e-9 { return 1 }
            guard x < 3 else { return 0 }
            let px = Double.pi * x
            return 3 * sin(px) * sin(px / 3) / (px * px)
        }
    }
}

/// For each output index: the first input index and the normalised weights of the inputs.
struct ResampleWeights {
    var starts: [Int]
    var weights: [[Float]]

    init(from inSize: Int, to outSize: Int, kernel: ResampleKernel) {
        let scale = Double(inSize) / Double(outSize)
        let filterScale = max(scale, 1)
        let support = kernel.support * filterScale
        starts = []
        weights = []
        starts.reserveCapacity(outSize)
        weights.reserveCapacity(outSize)
        for index in 0..<outSize {
            let center = (Double(index) + 0.5) * scale
            let first = max(0, Int((center - support + 0.5).rounded(.down)))
            let last = min(inSize, Int((center + support + 0.5).rounded(.down)))
            var row = (first..<max(last, first + 1)).map { input in
                kernel.weight((Double(input) - center + 0.5) / filterScale)
            }
            let total = row.reduce(0, +)
            if total != 0 { row = row.map { $0 / total } } else { row = [Double](repeating: 1 / Double(row.count), count: row.count) }
            starts.append(min(first, inSize - 1))
            weights.append(row.map(Float.init))
        }
    }
}

/// EXIF orientation as the three operations the resampler knows: mirror stored x, mirror stored
/// y, swap axes.
struct Orientation: Equatable, Sendable {
    var flipX: Bool
    var flipY: Bool
    var transpose: Bool

    init(exif value: Int) {
        switch value {
        case 2: (flipX, flipY, transpose) = (true, false, false)
        case 3: (flipX, flipY, transpose) = (true, true, false)
        case 4: (flipX, flipY, transpose) = (false, true, false)
        case 5: (flipX, flipY, transpose) = (false, false, true)
        case 6: (flipX, flipY, transpose) = (false, true, true)
        case 7: (flipX, flipY, transpose) = (true, true, true)
        case 8: (flipX, flipY, transpose) = (true, false, true)
        default: (flipX, flipY, transpose) = (false, false, false)
        }
    }
}

enum Resampler {
    /// Resizes a stored-orientation plane and applies `orientation`, giving a plane of
    /// `uprightWidth` × `uprightHeight`.
    static func resize(_ plane: Plane, toUprightWidth uprightWidth: Int, height uprightHeight: Int,
                       orientation: Orientation, kernel: ResampleKernel) -> Plane {
        // Size in the stored orientation.
        let (outWidth, outHeight) = orientation.transpose ? (uprightHeight, uprightWidth) : (uprightWidth, uprightHeight)
        let rowsResized = verticalPass(plane, toRows: outHeight, kernel: kernel, reverse: orientation.flipY)
        let turned = transpose(rowsResized)
        let columnsResized = verticalPass(turned, toRows: outWidth, kernel: kernel, reverse: orientation.flipX)
        // `columnsResized` is the stored image transposed; for 5–8 that is already upright.
        return orientation.transpose ? columnsResized : transpose(columnsResized)
    }

    /// Output row i (or row `rows-1-i` when `reverse`) = Σ weight × input row.
    static func verticalPass(_ input: Plane, toRows rows: Int, kernel: ResampleKernel, reverse: Bool) -> Plane {
        let width = input.width
        let output = Plane(width: width, height: rows)
        if rows == input.height && !reverse {
            output.base.update(from: input.base, count: input.count)
            return output
        }
        let table = ResampleWeights(from: input.height, to: rows, kernel: kernel)
        let accumulator = UnsafeMutablePointer<Float>.allocate(capacity: width)
        defer { accumulator.deallocate() }
        let source = input.base
        for row in 0..<rows {
            let weights = table.weights[row]
            let start = table.starts[row]
            accumulator.initialize(repeating: 0, count: width)
            for (offset, weight) in weights.enumerated() {
                let line = source + (start + offset) * width
                for x in 0..<width {
                    accumulator[x] += Float(line[x]) * weight
                }
            }
            let target = output.base + (reverse ? rows - 1 - row : row) * width
            for x in 0..<width {
                // Clamp, then round through the float mantissa (1.5 × 2^23) — branch-free, vectorises.
                let clamped = min(max(accumulator[x], 0), 255) + 12_582_912
                target[x] = UInt8(truncatingIfNeeded: clamped.bitPattern)
            }
        }
        return output
    }

    /// Cache-blocked transpose.
    static func transpose(_ input: Plane) -> Plane {
        let (width, height) = (input.width, input.height)
        let output = Plane(width: height, height: width)
        let source = input.base, target = output.base
        let block = 32
        var y0 = 0
        while y0 < height {
            let y1 = min(y0 + block, height)
            var x0 = 0
            while x0 < width {
                let x1 = min(x0 + block, width)
                for y in y0..<y1 {
                    let row = source + y * width
                    for x in x0..<x1 { target[x * height + y] = row[x] }
                }
                x0 = x1
            }
            y0 = y1
        }
        return output
    }
}
