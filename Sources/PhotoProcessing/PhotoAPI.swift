// The surface the pipeline uses. Implementations live beside this file.
import Foundation

/// Header-level facts about one image file, read without decoding pixels.
public struct PhotoInfo: Codable, Sendable, Equatable {
    /// "jpeg", "png" or "heic".
    public var format: String
    /// Pixel size as stored in the file (before orientation is applied). Never EXIF's claim.
    public var width: Int
    public var height: Int
    /// EXIF orientation 1…8; 0, missing and garbage are reported as 1.
    public var orientation: Int
    /// EXIF DateTimeOriginal as ISO 8601 local time ("2024-03-01T14:22:05"), when present.
    public var capturedAt: String?
    public var cameraMake: String?
    public var cameraModel: String?
    /// True when the file carries any GPS tags (the derived files never do).
    public var hasGPS: Bool

    public init(format: String, width: Int, height: Int, orientation: Int = 1, capturedAt: String? = nil,
                cameraMake: String? = nil, cameraModel: String? = nil, hasGPS: Bool = false) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = orientation
        self.capturedAt = capturedAt
        self.cameraMake = cameraMake
        self.cameraModel = cameraModel
        self.hasGPS = hasGPS
    }

    /// Size once orientation is applied (5–8 swap the axes).
    public var uprightWidth: Int { orientation >= 5 ? height : width }
    public var uprightHeight: Int { orientation >= 5 ? width : height }
}

/// Why a photo could not be used, in words an agent can act on.
public struct PhotoError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case empty, notAnImage, unsupportedFormat, tooManyPixels, truncated, decodeFailed, writeFailed
        /// The decoder process crashed, hung past its time limit or ran out of memory on this file.
        case decoderCrashed
        /// No decoder process could be started (out of processes or memory): nothing is known
        /// about the file yet.
        case decoderUnavailable
        /// The file was not there any more when it was opened: its folder was renamed or deleted
        /// while it was processed. Says nothing about the photo.
        case sourceMissing
        /// The file could not be opened or read (no permission, gone, an I/O error): a problem of
        /// the moment, not of its bytes.
        case unreadable
    }
    public var kind: Kind
    public var message: String
    /// For the operator's log only (signal, limit hit); never shown to the agent.
    public var detail: String?
    /// The system error behind a failure of ours (a full disk while writing the web copy).
    public var errno: Int32?
    public init(_ kind: Kind, _ message: String, detail: String? = nil) {
        self.kind = kind
        self.message = message
        self.detail = detail
    }
    public var description: String { message }

    /// True when the same bytes may well succeed on another try (the failure was ours, not the
    /// file's), so the outcome must not be remembered against the file's content hash.
    public var isTransient: Bool { [.writeFailed, .decoderUnavailable, .unreadable, .sourceMissing].contains(kind) }

    /// What the agent reads when a decoder process died on their file.
    public static let couldNotBeOpened =
        "this photo could not be opened; please export it as JPEG and upload it again"
}

public enum PhotoInspector {
    /// Reads the header and EXIF of the file. Throws `PhotoError` for empty, non-image or
    /// unsupported files. Never allocates pixel buffers.
    ///
    /// Messages never name the file; callers put the name in front. For HEIC the size is the
    /// upright size and `orientation` is 1, because libheif applies the container's rotation itself.
    /// Which C decoder a file's first bytes send it to, for the operator's log ("libheif").
    /// Never throws: unknown content is "none".
    public static func decoderName(forFileAt path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "none (unreadable)" }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 16))
        return switch try? PhotoSource.format(of: head) {
        case .jpeg: "libturbojpeg"
        case .png: "libpng"
        case .heic: "libheif"
        case nil: "none"
        }
    }

    public static func inspect(fileAt path: String) throws(PhotoError) -> PhotoInfo {
        let bytes = try PhotoSource.read(path)
        return try inspect(bytes: bytes, format: PhotoSource.format(of: bytes)).info
    }


    /// The header facts plus what rendering needs besides.
    static func inspect(bytes: [UInt8], format: ImageFormat) throws(PhotoError) -> Inspection {
        switch format {
        case .jpeg:
            let header = try TurboJPEG.header(bytes)
            let segments = JPEGMarkers.scan(bytes)
            let exif = segments.exif.map(ExifReader.read) ?? ExifFacts()
            return Inspection(format: .jpeg, info: PhotoInfo(jpeg: header, exif: exif), iccProfile: segments.iccProfile,
                              jpeg: header, missingEOI: segments.missingEOI)
        case .png:
            let header = try PNGCodec.header(bytes)
            return Inspection(format: .png, info: PhotoInfo(format: "png", width: header.width, height: header.height),
                              iccProfile: PNGCodec.iccProfile(bytes))
        case .heic:
            let header = try HeifCodec.header(bytes)
            let exif = header.exif.map { ExifReader.read($0[...]) } ?? ExifFacts()
            return Inspection(format: .heic, info: PhotoInfo(heic: header, exif: exif), iccProfile: header.iccProfile)
        }
    }
}

/// Everything read from a file's header and metadata, without decoding pixels.
struct Inspection {
    var format: ImageFormat
    var info: PhotoInfo
    var iccProfile: [UInt8]?
    var jpeg: JPEGHeader?
    /// JPEG only: the file does not end with EOI.
    var missingEOI = false
}

extension PhotoInfo {
    init(jpeg header: JPEGHeader, exif: ExifFacts) {
        self.init(format: "jpeg", width: header.width, height: header.height, orientation: exif.orientation,
                  capturedAt: exif.capturedAt, cameraMake: exif.cameraMake, cameraModel: exif.cameraModel,
                  hasGPS: exif.hasGPS)
    }

    init(heic header: HeifHeader, exif: ExifFacts) {
        self.init(format: "heic", width: header.width, height: header.height, orientation: 1,
                  capturedAt: exif.capturedAt, cameraMake: exif.cameraMake, cameraModel: exif.cameraModel,
                  hasGPS: exif.hasGPS)
    }
}
