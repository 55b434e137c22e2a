// Source photo → upright, web-sized JPEG and thumbnail, plus the checks agents can act on.
import Foundation

public struct RenderOptions: Sendable, Equatable {
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

public enum PhotoRenderer {
    /// Decodes `sourcePath`, applies its orientation, and writes the large image and the
    /// thumbnail (each atomically: temp file + rename). Derived files carry no EXIF and no GPS.
    /// The source file is only read.
    public static func render(sourcePath: String, largePath: String, thumbPath: String,
                              options: RenderOptions = RenderOptions()) throws(PhotoError) -> RenderedPhoto {
        let output = try render(bytes: PhotoSource.read(sourcePath), options: options)
        try AtomicFile.write(output.large, to: largePath)
        try AtomicFile.write(output.thumb, to: thumbPath)
        return output.photo
    }

    /// The whole job in memory: the source file's bytes in, both encoded JPEGs out.
    static func render(bytes: [UInt8], options: RenderOptions) throws(PhotoError) -> (photo: RenderedPhoto, large: [UInt8], thumb: [UInt8]) {
        let format = try PhotoSource.format(of: bytes)
        let inspection = try PhotoInspector.inspect(bytes: bytes, format: format)
        let (info, iccProfile) = (inspection.info, inspection.iccProfile)
        guard info.width <= options.maxPixels / info.height else {
            throw PhotoGuards.tooManyPixels(info.width, info.height, options.maxPixels)
        }
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
        return (photo, try encode(large, options: options, iccProfile: iccProfile),
                try encode(thumb, options: options, iccProfile: iccProfile))
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

/// One photo to render and where its two outputs go.
public struct RenderJob: Sendable, Equatable {
    public var sourcePath: String
    public var largePath: String
    public var thumbPath: String

    public init(sourcePath: String, largePath: String, thumbPath: String) {
        self.sourcePath = sourcePath
        self.largePath = largePath
        self.thumbPath = thumbPath
    }
}

extension PhotoRenderer {
    /// Renders every job on at most `maxConcurrent` threads (nil: one per core), so memory is
    /// bounded by that many photos in flight. One photo's failure is its own result; the others
    /// go on. Blocks the calling thread: call it from a dedicated thread, not from Swift's
    /// cooperative pool.
    public static func renderAll(_ jobs: [RenderJob], options: RenderOptions = RenderOptions(),
                                 maxConcurrent: Int? = nil) -> [Result<RenderedPhoto, PhotoError>] {
        let results = ResultSlots(count: jobs.count)
        let workers = max(1, min(maxConcurrent ?? ProcessInfo.processInfo.activeProcessorCount, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = results.claimNext() {
                let job = jobs[index]
                results.store(index, Result { () throws(PhotoError) -> RenderedPhoto in
                    try render(sourcePath: job.sourcePath, largePath: job.largePath, thumbPath: job.thumbPath, options: options)
                })
            }
        }
        return results.all
    }
}

/// Work queue and result slots shared by `renderAll`'s workers.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [Result<RenderedPhoto, PhotoError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claimNext() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func store(_ index: Int, _ result: Result<RenderedPhoto, PhotoError>) { lock.withLock { slots[index] = result } }

    var all: [Result<RenderedPhoto, PhotoError>] { lock.withLock { slots.map { $0! } } }
}
