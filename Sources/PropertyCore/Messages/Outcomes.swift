/// The typed outcomes an agent is told about. Meaning travels as these values from the stage
/// that found it to the sentence the agent reads; each language's catalog (`MessageCatalog`)
/// turns them into words with an exhaustive `switch`, so a missing translation is a build error
/// and nothing is ever recognised by matching English text.

/// The steps of one run, as stored in the database's `stage` column (raw values) and shown in
/// "Processing (photos)".
public enum StageName: String, Sendable, Codable, CaseIterable {
    case inventory, photos, extract, transcribe, vision, merge, describe, publish
}

/// A detail of the listing the agent can be asked about. Raw values are result.json's field names.
public enum ListingField: String, Sendable, Codable, CaseIterable {
    case propertyType = "property_type"
    case listingType = "listing_type"
    case bedrooms, bathrooms
    case squareMeters = "square_meters"
    case landSquareMeters = "land_square_meters"
    case price
    case pricePeriod = "price_period"
    case priceCurrency = "price_currency"
    case location, amenities

    /// A field name from result.json (`sale_price` and `price_per_month` are the price).
    public init?(fieldName: String) {
        switch fieldName {
        case "sale_price", "price_per_month": self = .price
        default: self.init(rawValue: fieldName)
        }
    }
}

/// Where a fact came from, as the agent thinks of it. `FieldConflict` and `UnverifiedField` keep
/// the merge's codes ("text", "voice", "voice (memo.m4a)", "images").
public enum FactSource: Sendable, Equatable {
    case text
    /// A voice memo; the file's name when the folder has several.
    case voice(String?)
    case photos
    /// A source this version does not know (an older result.json): shown as written.
    case other(String)

    public init(code: String) {
        switch code {
        case "text": self = .text
        case "voice": self = .voice(nil)
        case "images", "photos", "vision": self = .photos
        default:
            // The merge names each of several memos "voice (<file>)".
            let open = "voice (", close = ")"
            if code.count > open.count + close.count, code.starts(with: open), code.last == ")" {
                self = .voice(String(code.dropFirst(open.count).dropLast()))
            } else {
                self = .other(code)
            }
        }
    }
}

/// Why one photo is weak or unusable. The quality checks' flags and the decoders' refusals,
/// stored in result.json (`photos[].problems`) so `_STATUS.txt` can say them in any language.
public enum PhotoProblem: Sendable, Equatable, CaseIterable {
    // Usable, but weak ("low").
    case tooDark, blurry
    case tooSmall(width: Int, height: Int)
    /// Part of the picture is missing (an interrupted upload); the rest is used.
    case cutShort
    // Unusable.
    case emptyFile, notAnImage, unsupportedFormat, tooManyPixels
    /// The decoder could not read it, or crashed on it.
    case damaged
    /// Could not be read at all just now (permissions, a disk error): tried again by itself.
    case unreadable

    public static var allCases: [PhotoProblem] {
        [.tooDark, .blurry, .tooSmall(width: 800, height: 600), .cutShort, .emptyFile, .notAnImage, .unsupportedFormat,
         .tooManyPixels, .damaged, .unreadable]
    }

    /// The photo quality checks' flag (`RenderedPhoto.flags`: too_dark, blurry, too_small, truncated).
    public init?(flag: String, width: Int, height: Int) {
        switch flag {
        case "too_dark": self = .tooDark
        case "blurry": self = .blurry
        case "too_small": self = .tooSmall(width: width, height: height)
        case "truncated": self = .cutShort
        default: return nil
        }
    }

    public var code: String {
        switch self {
        case .tooDark: "too_dark"
        case .blurry: "blurry"
        case .tooSmall: "too_small"
        case .cutShort: "cut_short"
        case .emptyFile: "empty_file"
        case .notAnImage: "not_an_image"
        case .unsupportedFormat: "unsupported_format"
        case .tooManyPixels: "too_many_pixels"
        case .damaged: "damaged"
        case .unreadable: "unreadable"
        }
    }
}

extension PhotoProblem: Codable {
    private enum Keys: String, CodingKey { case code, width, height }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let code = try c.decode(String.self, forKey: .code)
        if code == "too_small" {
            self = .tooSmall(width: try c.decodeIfPresent(Int.self, forKey: .width) ?? 0,
                             height: try c.decodeIfPresent(Int.self, forKey: .height) ?? 0)
            return
        }
        guard let known = Self.allCases.first(where: { $0.code == code }) else {
            throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown photo problem \(code)")
        }
        self = known
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(code, forKey: .code)
        if case .tooSmall(let width, let height) = self {
            try c.encode(width, forKey: .width)
            try c.encode(height, forKey: .height)
        }
    }
}

/// Why a file of the agent's was not used (besides photo problems). Stored in result.json
/// (`processing_errors[].problem`).
public enum FileProblem: Sendable, Equatable, CaseIterable {
    /// A symbolic link: refused, never followed.
    case link
    case notRegularFile
    case tooLarge(megabytes: Int64, limitMegabytes: Int64)
    /// Listed, then not readable when it was hashed.
    case notRead
    /// A text file with nothing but spaces in it.
    case noText
    /// A text file of 0 bytes.
    case emptyTextFile
    /// A "text" file that is something else (a document or a photo saved as .txt).
    case notText
    /// A text file in an encoding that cannot be read.
    case textUnreadable
    /// A voice memo the provider could not transcribe.
    case notTranscribed
    /// A photo that cannot be used.
    case photo(PhotoProblem)

    public static var allCases: [FileProblem] {
        [.link, .notRegularFile, .tooLarge(megabytes: 900, limitMegabytes: 500), .notRead, .noText, .emptyTextFile, .notText, .textUnreadable,
         .notTranscribed] + PhotoProblem.allCases.map(FileProblem.photo)
    }
}

extension FileProblem: Codable {
    private enum Keys: String, CodingKey { case code, megabytes, limitMegabytes = "limit_megabytes", photo }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .code) {
        case "link": self = .link
        case "not_regular_file": self = .notRegularFile
        case "too_large": self = .tooLarge(megabytes: try c.decode(Int64.self, forKey: .megabytes),
                                           limitMegabytes: try c.decode(Int64.self, forKey: .limitMegabytes))
        case "not_read": self = .notRead
        case "no_text": self = .noText
        case "empty_text_file": self = .emptyTextFile
        case "not_text": self = .notText
        case "text_unreadable": self = .textUnreadable
        case "not_transcribed": self = .notTranscribed
        case "photo": self = .photo(try c.decode(PhotoProblem.self, forKey: .photo))
        case let code: throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown file problem \(code)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .link: try c.encode("link", forKey: .code)
        case .notRegularFile: try c.encode("not_regular_file", forKey: .code)
        case .tooLarge(let size, let limit):
            try c.encode("too_large", forKey: .code)
            try c.encode(size, forKey: .megabytes)
            try c.encode(limit, forKey: .limitMegabytes)
        case .notRead: try c.encode("not_read", forKey: .code)
        case .noText: try c.encode("no_text", forKey: .code)
        case .emptyTextFile: try c.encode("empty_text_file", forKey: .code)
        case .notText: try c.encode("not_text", forKey: .code)
        case .textUnreadable: try c.encode("text_unreadable", forKey: .code)
        case .notTranscribed: try c.encode("not_transcribed", forKey: .code)
        case .photo(let problem):
            try c.encode("photo", forKey: .code)
            try c.encode(problem, forKey: .photo)
        }
    }
}

/// Why a file in the folder is not part of the listing although nothing is wrong with it.
public enum IgnoredReason: Sendable, Equatable, CaseIterable {
    case notListingFile
    /// A `SOLD` or `WITHDRAWN` marker.
    case draftMarker
    /// Past the files a folder may hold.
    case leftOut(maxFiles: Int, photosUsed: Int)

    public static var allCases: [IgnoredReason] { [.notListingFile, .draftMarker, .leftOut(maxFiles: 1000, photosUsed: 990)] }

    /// The English reason result.json has always given.
    public var englishReason: String { EnglishCatalog().ignored(self) }
}

extension IgnoredReason: Codable {
    private enum Keys: String, CodingKey { case code, maxFiles = "max_files", photosUsed = "photos_used" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .code) {
        case "not_listing_file": self = .notListingFile
        case "draft_marker": self = .draftMarker
        case "left_out": self = .leftOut(maxFiles: try c.decode(Int.self, forKey: .maxFiles),
                                         photosUsed: try c.decode(Int.self, forKey: .photosUsed))
        case let code: throw DecodingError.dataCorruptedError(forKey: .code, in: c, debugDescription: "unknown reason \(code)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .notListingFile: try c.encode("not_listing_file", forKey: .code)
        case .draftMarker: try c.encode("draft_marker", forKey: .code)
        case .leftOut(let maxFiles, let photosUsed):
            try c.encode("left_out", forKey: .code)
            try c.encode(maxFiles, forKey: .maxFiles)
            try c.encode(photosUsed, forKey: .photosUsed)
        }
    }
}

/// Why a folder is paused: trouble of the server's or the provider's, never the agent's files.
/// The folder is tried again by itself. Stored in the database's `pause_reason` column.
public enum PauseReason: String, Sendable, Codable, CaseIterable {
    /// The provider cannot be used now (down, key refused, budget reached): the listing is out
    /// from the agent's own text and the AI review follows.
    case aiReview = "ai_review"
    /// The server's disk (inbox or state) is full.
    case diskFull = "disk_full"
    /// A disk is read-only.
    case diskReadOnly = "disk_read_only"
    /// A disk reported an I/O error.
    case diskError = "disk_error"
    /// The folder or a file in it cannot be opened (permissions).
    case cannotOpen = "cannot_open"
    /// The state database is busy or cannot be written.
    case database
    /// No photo decoder process could be started (memory, process limits).
    case photoDecoderUnavailable = "photo_decoder_unavailable"
    /// Anything else of the server's.
    case serverProblem = "server_problem"
}

/// Why a folder failed: the run ended and nothing was published; only a person can change it.
/// Stored in the database's `failure_cause` column.
public enum FailureCause: String, Sendable, Codable, CaseIterable {
    /// No description, photo or memo yet.
    case emptyFolder = "empty_folder"
    /// Only a voice memo, and this server cannot transcribe.
    case onlyVoiceMemo = "only_voice_memo"
    /// Files were there; none could be used.
    case nothingUsable = "nothing_usable"
    /// The server's own settings (configuration, template): for the operator to fix.
    case serverSetup = "server_setup"
}

/// Something `_STATUS.txt` asks the agent to add or check, with its field.
public enum AgentQuestion: Sendable, Equatable {
    /// No description at all.
    case addDescription
    /// A detail the listing needs that the agent's text does not give.
    case missing(ListingField)
    /// The agent's sources state two values for one field; `chosen` is published meanwhile.
    case conflict(field: ListingField, claims: [Claim], chosen: FactSource)
    /// A value left out of the listing: not in the agent's words, or not believable.
    case withheld(ListingField, Withheld)
    /// A voice memo this server cannot transcribe.
    case memoNotTranscribed(String)
    /// No photo can be used.
    case addPhotos
    /// A file of the agent's with a problem.
    case file(String?, FileProblem)

    public struct Claim: Sendable, Equatable {
        public var source: FactSource
        public var value: String
        public init(source: FactSource, value: String) {
            self.source = source
            self.value = value
        }
    }

    public enum Withheld: Sendable, Equatable {
        case notStated
        case implausible(String)
    }

    /// One of each kind, for tests that check every language says every question.
    public static var examples: [AgentQuestion] {
        [.addDescription, .memoNotTranscribed("memo.m4a"), .addPhotos]
            + ListingField.allCases.map(AgentQuestion.missing)
            + ListingField.allCases.map { .conflict(field: $0, claims: [Claim(source: .text, value: "2"), Claim(source: .voice(nil), value: "3")], chosen: .text) }
            + ListingField.allCases.flatMap { [AgentQuestion.withheld($0, .notStated), .withheld($0, .implausible("1"))] }
            + FileProblem.allCases.map { .file("IMG_1.jpg", $0) }
    }
}

/// A photo's verdict as `_STATUS.txt` and result.json's `quality` say it.
public enum PhotoQuality: String, Sendable, Codable, CaseIterable {
    case ok, low, unusable
}

/// Something said above the facts in `_STATUS.txt`: why the folder is in its state.
public enum StatusNote: Sendable, Equatable {
    case failed(FailureCause)
    /// Paused; `retryAt` is when the next try is due (nil for the AI review, which follows by itself).
    case paused(PauseReason, retryAt: StatusTime?)
    /// Files left open for writing with no bytes arriving since `since`.
    case stalledUploads([StalledFile])
    /// listing.md or result.json was edited in the folder; both were written again.
    case handEditsReplaced

    public struct StalledFile: Sendable, Equatable {
        public var name: String
        public var since: StatusTime
        public init(name: String, since: StatusTime) {
            self.name = name
            self.since = since
        }
    }
}
