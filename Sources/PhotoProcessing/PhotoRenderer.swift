// Source photo → upright, web-sized JPEG and thumbnail, plus the checks agents can act on.
import Foundation

public struct RenderOptions: Sendable, Equatable, Codable {
    /// Long edge of the website / vision image (`_listing/photos/`).
    public var largeLongEdge = 1568
    /// Long edge of the thumbnail (`_listing/thumbs/`), made from the large image.
    public var thumbLongEdge = 400
    public var jpegQuality = 85
    /// Refuse pictures larger than this, judged from the header before any pixel is allocated.
    public var maxPixels = 100_000_000
    /// Quality thresholds behind the flags.
    public var tooDarkBelow = 0.16
    public var blurryBelow = 60.0
    public var tooSmallBelow = 800

    public init() {}
}

/// What rendering one photo produced. Sizes are upright.
public struct RenderedPhoto: Codable, Sendable, Equatable {
    public var info: PhotoInfo
    public var width: Int
    public var height: Int
    public var thumbWidth: Int
    public var thumbHeight: Int
    /// The EXIF orientation turned into pixels (1 for HEIC, whose rotation libheif applies).
    public var orientationApplied: Int
    /// The file was cut short; what was there is shown, the rest is grey.
    public var truncated: Bool
    /// Mean luma, 0 (black) … 1 (white).
    public var brightness: Double
    /// Variance of the Laplacian of the large image's luma; low means blurry.
    public var sharpness: Double
    /// Machine words for the problems found: `too_dark`, `blurry`, `too_small`, `truncated`.
    public var flags: [String]
    public var perceptualHash: PerceptualHash
    /// The source's ICC colour profile was copied into both outputs.
    public var colorProfileKept: Bool

    public var isLandscape: Bool { width > height }
}

/// A rendered photo: what was learned about it and its two encoded JPEGs, ready to be written.
public struct RenderedImages: Sendable {
    public var photo: RenderedPhoto
    /// The upright web-sized JPEG (`largeLongEdge`).
    public var large: [UInt8]
    /// The thumbnail JPEG (`thumbLongEdge`), made from the large image.
    public var thumb: [UInt8]

    public init(photo: RenderedPhoto, large: [UInt8], thumb: [UInt8]) {
        self.photo = photo
        self.large = large
        self.thumb = thumb
    }
}

/// Bytes in, bytes out: this module never writes a file, so the one atomic writer (in the
/// pipeline) decides where and how outputs land.
public enum PhotoRenderer {
    /// Decodes the file at `path` (only read, never changed), applies its orientation, and
    /// encodes the large image and the thumbnail. Derived JPEGs carry no EXIF and no GPS.
    /// `beforeDecoding` learns the header's facts before any pixel is decoded (a photo worker
    /// sizes its memory limit from them).
    public static func render(fileAt path: String, options: RenderOptions = RenderOptions(),
                              beforeDecoding: (PhotoInfo) -> Void = { _ in }) throws(PhotoError) -> RenderedImages {
        try render(bytes: PhotoSource.read(path), options: options, beforeDecoding: beforeDecoding)
    }

    /// The whole job in memory: the source file's bytes in, both encoded JPEGs out.
    static func render(bytes: [UInt8], options: RenderOptions,
                       beforeDecoding: (PhotoInfo) -> Void = { _ in }) throws(PhotoError) -> RenderedImages {
        let format = try PhotoSource.format(of: bytes)
        let inspection = try PhotoInspector.inspect(bytes: bytes, format: format)
        let (info, iccProfile) = (inspection.info, inspection.iccProfile)
        guard info.width <= options.maxPixels / info.height else {
            throw PhotoGuards.tooManyPixels(info.width, info.height, options.maxPixels)
        }
        beforeDecoding(info)
        let (source, truncated) = try decode(bytes, inspection, minLongEdge: options.largeLongEdge, maxPixels: options.maxPixels)
        let orientationApplied = format == .jpeg ? info.orientation : 1  // libheif already turned HEIC

        let largeSize = fit(info.uprightWidth, info.uprightHeight, longEdge: options.largeLongEdge)
        let large = resize(source, to: largeSize, orientation: Orientation(exif: orientationApplied), kernel: .lanczos3)
        let thumbSize = fit(largeSize.width, largeSize.height, longEdge: options.thumbLongEdge)
        // ~4× reduction: the antialiased triangle is as clean there as Lanczos at a third of the taps.
        let thumb = resize(large, to: thumbSize, orientation: Orientation(exif: 1), kernel: .triangle)

        let measures = ImageMeasures(luma: large.luma)
        var flags: [String] = []
        if measures.brightness < options.tooDarkBelow { flags.append("too_dark") }
        if measures.sharpness < options.blurryBelow { flags.append("blurry") }
        if max(info.width, info.height) < options.tooSmallBelow { flags.append("too_small") }
        if truncated { flags.append("truncated") }
        let photo = RenderedPhoto(
            info: info, width: largeSize.width, height: largeSize.height,
            thumbWidth: thumbSize.width, thumbHeight: thumbSize.height,
            orientationApplied: orientationApplied, truncated: truncated,
            brightness: measures.brightness, sharpness: measures.sharpness, flags: flags,
            perceptualHash: PerceptualHash(luma: thumb.luma), colorProfileKept: iccProfile != nil)
        return RenderedImages(photo: photo, large: try encode(large, options: options, iccProfile: iccProfile),
                              thumb: try encode(thumb, options: options, iccProfile: iccProfile))
    }

    /// Decoded planes in stored orientation, as small as an output with long edge `minLongEdge`
    /// allows (JPEGs scale in the DCT domain; PNG and HEIC decode at full size). Shared by the
    /// web copies and the vision model's copies.
    static func decode(_ bytes: [UInt8], _ inspection: Inspection, minLongEdge: Int,
                       maxPixels: Int) throws(PhotoError) -> (PlanarImage, truncated: Bool) {
        switch inspection.format {
        case .jpeg:
            guard let header = inspection.jpeg else { throw PhotoError(.decodeFailed, "the JPEG header is missing") }
            let size = TurboJPEG.scaledSize(width: header.width, height: header.height, minLongEdge: minLongEdge)
            do throws(PhotoError) {
                let decoded = try TurboJPEG.decodePlanes(bytes, header: header, width: size.width, height: size.height)
                return (decoded.image, decoded.truncated)
            } catch {
                guard error.kind == .decodeFailed, inspection.missingEOI else { throw error }
                throw PhotoError(.truncated, "the JPEG file is cut short and nothing usable could be decoded; "
                    + "upload it again")
            }
        case .png:
            let png = try PNGCodec.decode(bytes, maxPixels: maxPixels)
            return (try TurboJPEG.planes(fromInterleaved: png.pixels, width: png.width, height: png.height,
                                         channels: png.channels), false)
        case .heic:
            let heic = try HeifCodec.decodeRGB(bytes, maxPixels: maxPixels)
            return (try TurboJPEG.planes(fromInterleaved: heic.rgb, width: heic.header.width,
                                         height: heic.header.height, channels: 3), false)
        }
    }

    /// The size with long edge `longEdge` (never enlarged), aspect kept, at least 1 × 1.
    static func fit(_ width: Int, _ height: Int, longEdge: Int) -> (width: Int, height: Int) {
        let long = max(width, height)
        guard long > longEdge else { return (width, height) }
        let scale = Double(longEdge) / Double(long)
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    static func resize(_ image: PlanarImage, to size: (width: Int, height: Int), orientation: Orientation,
                       kernel: ResampleKernel) -> PlanarImage {
        let chroma = PlanarImage.chromaSize420(width: size.width, height: size.height)
        let planes = image.planes.enumerated().map { index, plane in
            let target = index == 0 ? size : chroma
            return Resampler.resize(plane, toUprightWidth: target.width, height: target.height,
                                    orientation: orientation, kernel: kernel)
        }
        return PlanarImage(width: size.width, height: size.height, planes: planes)
    }

    private static func encode(_ image: PlanarImage, options: RenderOptions, iccProfile: [UInt8]?) throws(PhotoError) -> [UInt8] {
        let jpeg = try TurboJPEG.encode(image, quality: options.jpegQuality)
        return iccProfile.map { JPEGMarkers.insertingICC($0, into: jpeg) } ?? jpeg
    }
}
