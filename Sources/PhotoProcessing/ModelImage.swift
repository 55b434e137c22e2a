// Photos re-encoded for a vision model: upright, no larger than the model will look at.

/// A JPEG made for a vision model's input, and its pixel size.
public struct ModelImage: Sendable, Equatable {
    public var jpeg: [UInt8]
    public var width: Int
    public var height: Int

    /// Decodes the image at `path` (JPEG, PNG or HEIC; EXIF orientation applied), scales it so
    /// its long edge is at most `longEdge`, its short edge at most `shortEdge` and its area at
    /// most `maxPixels` (never enlarged, aspect kept), and encodes it as a baseline JPEG with no
    /// metadata. GPT-4o at `detail: high`: 1024/768 (four 512-px tiles); `low`: 512/512;
    /// Claude: 1568/1568 with 1 150 000 pixels.
    public static func render(fileAt path: String, longEdge: Int, shortEdge: Int, maxPixels: Int? = nil,
                              quality: Int = 82) throws(PhotoError) -> ModelImage {
        let bytes = try PhotoSource.read(path)
        let format = try PhotoSource.format(of: bytes)
        let inspection = try PhotoInspector.inspect(bytes: bytes, format: format)
        let info = inspection.info
        let limits = RenderOptions()
        guard info.width <= limits.maxPixels / max(1, info.height) else {
            throw PhotoGuards.tooManyPixels(info.width, info.height, limits.maxPixels)
        }
        let target = fit(width: info.uprightWidth, height: info.uprightHeight, longEdge: longEdge, shortEdge: shortEdge,
                         maxPixels: maxPixels)
        let (source, _) = try PhotoRenderer.decode(bytes, inspection, minLongEdge: max(target.width, target.height),
                                                   maxPixels: limits.maxPixels)
        let orientation = format == .jpeg ? info.orientation : 1  // libheif already turned HEIC
        let image = PhotoRenderer.resize(source, to: target, orientation: Orientation(exif: orientation), kernel: .lanczos3)
        return ModelImage(jpeg: try TurboJPEG.encode(image, quality: quality), width: target.width, height: target.height)
    }

    /// The largest size with the same aspect inside the limits, never larger than the original.
    public static func fit(width: Int, height: Int, longEdge: Int, shortEdge: Int, maxPixels: Int? = nil) -> (width: Int, height: Int) {
        let w = Double(max(1, width)), h = Double(max(1, height))
        var scale = min(1, Double(longEdge) / max(w, h), Double(shortEdge) / min(w, h))
        if let maxPixels, w * h * scale * scale > Double(maxPixels) {
            scale = min(scale, (Double(maxPixels) / (w * h)).squareRoot())
        }
        guard scale < 1 else { return (width, height) }
        // Round, but never past a limit (1800 × 1024/1800 may come out as 1024.0000001).
        let isLandscape = width >= height
        var newWidth = max(1, Int((w * scale).rounded())), newHeight = max(1, Int((h * scale).rounded()))
        newWidth = min(newWidth, isLandscape ? longEdge : shortEdge)
        newHeight = min(newHeight, isLandscape ? shortEdge : longEdge)
        if let maxPixels, newWidth * newHeight > maxPixels {
            newWidth = max(1, Int(w * scale))
            newHeight = max(1, Int(h * scale))
        }
        return (newWidth, newHeight)
    }
}
