// Brightness and sharpness of a luma plane: the numbers behind `too_dark` and `blurry`.

struct ImageMeasures {
    /// Mean luma, 0…1.
    var brightness: Double
    /// Variance of the 4-neighbour Laplacian; sharp phone photos at 1568 px score in the
    /// hundreds, out-of-focus or shaken ones in the tens.
    var sharpness: Double

    init(luma: Plane) {
        let (width, height) = (luma.width, luma.height)
        let pixels = luma.base
        var sum = 0
        for index in 0..<luma.count { sum &+= Int(pixels[index]) }
        brightness = Double(sum) / Double(luma.count) / 255

        guard width >= 3, height >= 3, width <= 4000 else {
            sharpness = 0
            return
        }
        var total = 0, totalSquares = 0
        for y in 1..<(height - 1) {
            let above = pixels + (y - 1) * width, row = pixels + y * width, below = pixels + (y + 1) * width
            // Per-row sums in 32 bits vectorise; |laplacian| ≤ 1020, so a row of 4000 squares fits in UInt32.
            var rowTotal: Int32 = 0, rowSquares: UInt32 = 0
            for x in 1..<(width - 1) {
                let laplacian = Int32(above[x]) &+ Int32(below[x]) &+ Int32(row[x - 1]) &+ Int32(row[x + 1]) &- 4 &* Int32(row[x])
                rowTotal &+= laplacian
                rowSquares &+= UInt32(bitPattern: laplacian &* laplacian)
            }
            total &+= Int(rowTotal)
            totalSquares &+= Int(rowSquares)
        }
        let count = Double((width - 2) * (height - 2))
        let mean = Double(total) / count
        sharpness = Double(totalSquares) / count - mean * mean
    }
}
