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

    /// Transpose in 8 × 8 tiles: eight row loads, a byte transpose inside eight 64-bit words, eight
    /// column stores; the ragged right and bottom edges go pixel by pixel.
    static func transpose(_ input: Plane) -> Plane {
        let (width, height) = (input.width, input.height)
        let output = Plane(width: height, height: width)
        let source = UnsafeRawPointer(input.base), target = UnsafeMutableRawPointer(output.base)
        let fullWidth = width & ~7, fullHeight = height & ~7
        var rows = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        for y in stride(from: 0, to: fullHeight, by: 8) {
            for x in stride(from: 0, to: fullWidth, by: 8) {
                let at = source + y * width + x
                rows = (at.loadUnaligned(as: UInt64.self), (at + width).loadUnaligned(as: UInt64.self),
                        (at + 2 * width).loadUnaligned(as: UInt64.self), (at + 3 * width).loadUnaligned(as: UInt64.self),
                        (at + 4 * width).loadUnaligned(as: UInt64.self), (at + 5 * width).loadUnaligned(as: UInt64.self),
                        (at + 6 * width).loadUnaligned(as: UInt64.self), (at + 7 * width).loadUnaligned(as: UInt64.self))
                transpose8x8(&rows)
                let to = target + x * height + y
                to.storeBytes(of: rows.0, as: UInt64.self)
                (to + height).storeBytes(of: rows.1, as: UInt64.self)
                (to + 2 * height).storeBytes(of: rows.2, as: UInt64.self)
                (to + 3 * height).storeBytes(of: rows.3, as: UInt64.self)
                (to + 4 * height).storeBytes(of: rows.4, as: UInt64.self)
                (to + 5 * height).storeBytes(of: rows.5, as: UInt64.self)
                (to + 6 * height).storeBytes(of: rows.6, as: UInt64.self)
                (to + 7 * height).storeBytes(of: rows.7, as: UInt64.self)
            }
        }
        let pixels = input.base, out = output.base
        for y in 0..<height {
            let firstX = y < fullHeight ? fullWidth : 0
            for x in firstX..<width { out[x * height + y] = pixels[y * width + x] }
        }
        return output
    }

    /// Byte-matrix transpose of eight little-endian words (word i = row i, byte j = column j):
    /// swap 4-byte, then 2-byte, then 1-byte blocks across the diagonal.
    @inline(__always)
    private static func transpose8x8(_ r: inout (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)) {
        @inline(__always) func swap(_ a: inout UInt64, _ b: inout UInt64, _ shift: UInt64, _ mask: UInt64) {
            let t = ((a >> shift) ^ b) & mask
            b ^= t
            a ^= t << shift
        }
        swap(&r.0, &r.4, 32, 0x0000_0000_FFFF_FFFF)
        swap(&r.1, &r.5, 32, 0x0000_0000_FFFF_FFFF)
        swap(&r.2, &r.6, 32, 0x0000_0000_FFFF_FFFF)
        swap(&r.3, &r.7, 32, 0x0000_0000_FFFF_FFFF)
        swap(&r.0, &r.2, 16, 0x0000_FFFF_0000_FFFF)
        swap(&r.1, &r.3, 16, 0x0000_FFFF_0000_FFFF)
        swap(&r.4, &r.6, 16, 0x0000_FFFF_0000_FFFF)
        swap(&r.5, &r.7, 16, 0x0000_FFFF_0000_FFFF)
        swap(&r.0, &r.1, 8, 0x00FF_00FF_00FF_00FF)
        swap(&r.2, &r.3, 8, 0x00FF_00FF_00FF_00FF)
        swap(&r.4, &r.5, 8, 0x00FF_00FF_00FF_00FF)
        swap(&r.6, &r.7, 8, 0x00FF_00FF_00FF_00FF)
    }
}
