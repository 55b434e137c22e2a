public import GRDB
public import Foundation
public import PropertyCore

/// One property folder the daemon knows about.
public struct FolderRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "folder"
    public var path: String
    public var propertyId: String
    public var state: FolderState
    public var stage: StageName?
    /// Combined key of every stage input seen by the last run.
    public var fingerprint: String?
    /// Fingerprint of what `result.json` currently shows; equal to `fingerprint` when up to date.
    public var publishedFingerprint: String?
    public var publishedAt: String?
    /// How many times a new result was published; a re-run of unchanged input never adds one.
    public var publishCount: Int
    /// What happened, in the operator's words (the error's detail); never read back by the code.
    public var lastError: String?
    /// Why a paused folder waits (decided by type, not read from `lastError`).
    public var pauseReason: PauseReason?
    /// Why a failed folder failed.
    public var failureCause: FailureCause?
    public var updatedAt: String

    public init(path: String, propertyId: String, state: FolderState, stage: StageName? = nil,
                fingerprint: String? = nil, publishedFingerprint: String? = nil, publishedAt: String? = nil,
                publishCount: Int = 0, lastError: String? = nil, pauseReason: PauseReason? = nil,
                failureCause: FailureCause? = nil, updatedAt: String) {
        self.path = path
        self.propertyId = propertyId
        self.state = state
        self.stage = stage
        self.fingerprint = fingerprint
        self.publishedFingerprint = publishedFingerprint
        self.publishedAt = publishedAt
        self.publishCount = publishCount
        self.lastError = lastError
        self.pauseReason = pauseReason
        self.failureCause = failureCause
        self.updatedAt = updatedAt
    }

    public enum Columns {
        public static let path = Column(CodingKeys.path)
    }

    enum CodingKeys: String, CodingKey {
        case path
        case propertyId = "property_id"
        case state, stage, fingerprint
        case publishedFingerprint = "published_fingerprint"
        case publishedAt = "published_at"
        case publishCount = "publish_count"
        case lastError = "last_error"
        case pauseReason = "pause_reason"
        case failureCause = "failure_cause"
        case updatedAt = "updated_at"
    }
}

/// A file inside a folder, with the hash computed for its size/mtime/inode so unchanged files
/// are never hashed twice.
public struct InputRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "input"
    public var folderPath: String
    public var relativePath: String
    public var kind: String
    public var bytes: Int64
    public var mtimeNs: Int64
    public var inode: Int64
    public var sha256: String

    public init(folderPath: String, relativePath: String, kind: String, bytes: Int64, mtimeNs: Int64,
                inode: Int64, sha256: String) {
        self.folderPath = folderPath
        self.relativePath = relativePath
        self.kind = kind
        self.bytes = bytes
        self.mtimeNs = mtimeNs
        self.inode = inode
        self.sha256 = sha256
    }

    public enum Columns {
        public static let folderPath = Column(CodingKeys.folderPath)
    }

    enum CodingKeys: String, CodingKey {
        case folderPath = "folder_path"
        case relativePath = "relative_path"
        case kind, bytes
        case mtimeNs = "mtime_ns"
        case inode, sha256
    }
}

/// A stage's stored output, keyed by the content hashes of its inputs and the stage version.
public struct StageResultRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "stage_result"
    public var cacheKey: String
    public var stage: String
    public var output: Data
    public var createdAt: String

    public init(cacheKey: String, stage: String, output: Data, createdAt: String) {
        self.cacheKey = cacheKey
        self.stage = stage
        self.output = output
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case cacheKey = "cache_key"
        case stage, output
        case createdAt = "created_at"
    }
}

/// One processing attempt of a folder; `outcome` stays NULL when the process died mid-run.
public struct RunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public var id: Int64?
    public var folderPath: String
    public var startedAt: String
    public var finishedAt: String?
    public var outcome: String?
    public var stagesRun: String?
    public var stagesReused: String?
    public var fingerprint: String?

    public init(folderPath: String, startedAt: String) {
        self.folderPath = folderPath
        self.startedAt = startedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    enum CodingKeys: String, CodingKey {
        case id
        case folderPath = "folder_path"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case outcome
        case stagesRun = "stages_run"
        case stagesReused = "stages_reused"
        case fingerprint
    }
}
