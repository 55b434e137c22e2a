// Photos re-encoded for a vision model: upright, at the size the model's plan asked for.

/// A JPEG made for a vision model's input, and its pixel size.
public struct ModelImage: Sendable, Equatable {
    public var jpeg: [UInt8]
    public var width: Int
    public var height: Int

    public init(jpeg: [UInt8], width: Int, height: Int) {
        self.jpeg = jpeg
        self.width = width
        self.height = height
    }

    /// Decodes the image at `path` (JPEG, PNG or HEIC; EXIF orientation applied), scales it to
    /// `width` × `height` and encodes it as a baseline JPEG with no metadata. The caller chose
    /// that size from the photo's upright size (aspect kept, never enlarged): the vision plan
    /// decides what each model is sent, this only does the pixel work. Blocks: run it off
    /// Swift's cooperative pool.
    public static func render(fileAt path: String, width: Int, height: Int, quality: Int = 82,
                              beforeDecoding: (PhotoInfo) -> Void = { _ in }) throws(PhotoError) -> ModelImage {
        let bytes = try PhotoSource.read(path)
        let format = try PhotoSource.format(of: bytes)
        let inspection = try PhotoInspector.inspect(bytes: bytes, format: format)
        let info = inspection.info
        let limits = RenderOptions()
        guard info.width <= limits.maxPixels / max(1, info.height) else {
            throw PhotoGuards.tooManyPixels(info.width, info.height, limits.maxPixels)
        }
        beforeDecoding(info)
        let target = (width: max(1, width), height: max(1, height))
        let (source, _) = try PhotoRenderer.decode(bytes, inspection, minLongEdge: max(target.width, target.height),
                                                   maxPixels: limits.maxPixels)
        let orientation = format == .jpeg ? info.orientation : 1  // libheif already turned HEIC
        let image = PhotoRenderer.resize(source, to: target, orientation: Orientation(exif: orientation), kernel: .lanczos3)
        return ModelImage(jpeg: try TurboJPEG.encode(image, quality: quality), width: target.width, height: target.height)
    }
}
