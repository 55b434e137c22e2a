/// result.json's entries per file: photos, transcripts, processing errors, inputs and files not
/// used, each keeping its problem as a code beside the English text (schema 3).

public struct PhotoEntry: Codable, Sendable, Equatable {
    public var source: String
    public var photo: String?
    public var thumb: String?
    public var width: Int?
    public var height: Int?
    public var orientationApplied: Int?
    public var roomType: String?
    /// ok, low or unusable (`verdict`).
    public var quality: String?
    /// Why the photo is weak or unusable; `issues` says the same in English.
    public var problems: [PhotoProblem]
    public var duplicateOf: String?
    public var cover: Bool

    /// The problems in English, as result.json has always listed them.
    public var issues: [String] { problems.map(EnglishCatalog().photoProblem) }

    public var verdict: PhotoQuality { quality.flatMap(PhotoQuality.init(rawValue:)) ?? .ok }

    public init(source: String, photo: String? = nil, thumb: String? = nil, width: Int? = nil, height: Int? = nil,
                orientationApplied: Int? = nil, roomType: String? = nil, quality: PhotoQuality = .ok,
                problems: [PhotoProblem] = [], duplicateOf: String? = nil, cover: Bool = false) {
        self.source = source
        self.photo = photo
        self.thumb = thumb
        self.width = width
        self.height = height
        self.orientationApplied = orientationApplied
        self.roomType = roomType
        self.quality = quality.rawValue
        self.problems = problems
        self.duplicateOf = duplicateOf
        self.cover = cover
    }

    enum CodingKeys: String, CodingKey {
        case source, photo, thumb, width, height
        case orientationApplied = "orientation_applied"
        case roomType = "room_type"
        case quality, issues, problems
        case duplicateOf = "duplicate_of"
        case cover
    }

    /// A result.json from before `problems` (schema 2) reads with none: its next publish adds them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        photo = try c.decodeIfPresent(String.self, forKey: .photo)
        thumb = try c.decodeIfPresent(String.self, forKey: .thumb)
        width = try c.decodeIfPresent(Int.self, forKey: .width)
        height = try c.decodeIfPresent(Int.self, forKey: .height)
        orientationApplied = try c.decodeIfPresent(Int.self, forKey: .orientationApplied)
        roomType = try c.decodeIfPresent(String.self, forKey: .roomType)
        quality = try c.decodeIfPresent(String.self, forKey: .quality)
        problems = try c.decodeIfPresent([PhotoProblem].self, forKey: .problems) ?? []
        duplicateOf = try c.decodeIfPresent(String.self, forKey: .duplicateOf)
        cover = try c.decodeIfPresent(Bool.self, forKey: .cover) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(photo, forKey: .photo)
        try c.encode(thumb, forKey: .thumb)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(orientationApplied, forKey: .orientationApplied)
        try c.encode(roomType, forKey: .roomType)
        try c.encode(quality, forKey: .quality)
        try c.encode(issues, forKey: .issues)
        try c.encode(problems, forKey: .problems)
        try c.encode(duplicateOf, forKey: .duplicateOf)
        try c.encode(cover, forKey: .cover)
    }
}

public struct TranscriptEntry: Codable, Sendable, Equatable {
    public var source: String
    public var path: String?
    public var language: String?
    public var status: String
    public init(source: String, path: String? = nil, language: String? = nil, status: String) {
        self.source = source
        self.path = path
        self.language = language
        self.status = status
    }
}

/// Something that went wrong with one input: the problem as a value (what `_STATUS.txt` says in
/// the agent's language) and in English for result.json's readers and the log.
public struct ProcessingIssue: Codable, Sendable, Equatable {
    public var stage: StageName
    public var input: String?
    public var problem: FileProblem
    /// English; may carry more detail than `problem` (a decoder's words) for the operator.
    public var message: String

    public init(stage: StageName, input: String? = nil, problem: FileProblem, message: String? = nil) {
        self.stage = stage
        self.input = input
        self.problem = problem
        self.message = message ?? EnglishCatalog().fileProblem(problem)
    }

    enum CodingKeys: String, CodingKey { case stage, input, problem, message }

    /// A result.json from before `problem` (schema 2): the problem its stage stands for.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stage = (try? c.decode(StageName.self, forKey: .stage)) ?? .inventory
        input = try c.decodeIfPresent(String.self, forKey: .input)
        message = try c.decode(String.self, forKey: .message)
        problem = try c.decodeIfPresent(FileProblem.self, forKey: .problem) ?? Self.problem(standingFor: stage)
    }

    private static func problem(standingFor stage: StageName) -> FileProblem {
        switch stage {
        case .photos, .vision: .photo(.damaged)
        case .extract: .textUnreadable
        case .transcribe: .notTranscribed
        case .inventory, .merge, .describe, .publish: .notRead
        }
    }
}

public struct InputEntry: Codable, Sendable, Equatable {
    public var path: String
    public var sha256: String
    public var bytes: Int64
    /// description, context, photo, audio
    public var kind: String
    public init(path: String, sha256: String, bytes: Int64, kind: String) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.kind = kind
    }
}

public struct IgnoredFile: Codable, Sendable, Equatable {
    public var path: String
    public var kind: IgnoredReason
    /// The reason in English, as result.json gives it.
    public var reason: String { kind.englishReason }

    public init(path: String, kind: IgnoredReason) {
        self.path = path
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey { case path, reason, kind }

    /// A result.json from before `kind` (schema 2): an unrecognised file.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        kind = try c.decodeIfPresent(IgnoredReason.self, forKey: .kind) ?? .notListingFile
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(reason, forKey: .reason)
        try c.encode(kind, forKey: .kind)
    }
}
