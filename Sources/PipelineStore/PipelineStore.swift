public import Foundation
import GRDB
public import PropertyCore

/// The pipeline's view of the database: folders, their inputs, cached stage outputs and runs.
/// Every call goes through GRDB's async API, so SQLite never blocks a thread of Swift's
/// cooperative pool (the daemon's event handling runs there).
public struct PipelineStore: Sendable {
    public let database: AppDatabase
    /// Where the folder history is read and written: the host's SQLite, or the history shared by
    /// several hosts (`--database`, docs/SCALE-OUT.md).
    public let folders: any FolderHistory
    /// The shared history, when there is one; the host's SQLite then keeps a copy of each row it
    /// writes (what this host did, and what its inputs and runs reference).
    let shared: (any FolderHistory)?
    let local: SQLiteFolderHistory

    public init(database: AppDatabase, sharedFolders: (any FolderHistory)? = nil) {
        self.database = database
        self.local = SQLiteFolderHistory(database: database)
        self.shared = sharedFolders
        self.folders = sharedFolders ?? local
    }

    // MARK: Folders

    public func folder(at path: String) async throws -> FolderRecord? {
        try await folders.folder(at: path)
    }

    public func allFolders() async throws -> [FolderRecord] {
        try await folders.allFolders()
    }

    /// Writes one row and commits: throws when the database cannot be written (read-only
    /// file system, disk full, permissions), which is what a health check needs to know.
    public func probeWrite() async throws {
        try await database.writer.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO health_probe (id, checked_at) VALUES (1, ?)", arguments: [Timestamp.now()])
        }
    }

    /// A consistent copy of the whole database at `path` (`VACUUM INTO`: one file, no WAL, taken
    /// while the daemon goes on writing). `path` must not exist.
    public func backup(to path: String) async throws {
        try await database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [path])
        }
    }

    /// Paused folders under `inboxPath` by why they wait (a full disk, a folder the service cannot
    /// open or write …), for metrics and the status line.
    public func pausedCounts(inboxPath: String) async throws -> [PauseReason: Int] {
        try await folders.pausedCounts(inboxPath: inboxPath)
    }

    /// How many folders under `inboxPath` are in each state (one GROUP BY, for status lines and metrics).
    public func folderCounts(inboxPath: String) async throws -> [FolderState: Int] {
        try await folders.folderCounts(inboxPath: inboxPath)
    }

    /// What a folder's row says besides its state: the step it is at, why it waits or failed,
    /// and the operator's detail. Each transition sets all of them, so nothing stale lingers.
    public struct StateDetail: Sendable, Equatable {
        public var stage: StageName?
        public var pause: PauseReason?
        public var failure: FailureCause?
        public var error: String?
        public init(stage: StageName? = nil, pause: PauseReason? = nil, failure: FailureCause? = nil, error: String? = nil) {
            self.stage = stage
            self.pause = pause
            self.failure = failure
            self.error = error
        }
    }

    /// Sets a folder's state, creating its row on first sight.
    @discardableResult
    public func setState(_ state: FolderState, _ detail: StateDetail = StateDetail(),
                         folderPath: String, propertyId: String) async throws -> FolderRecord {
        let record = try await folders.setState(state, detail, folderPath: folderPath, propertyId: propertyId)
        if shared != nil { try await local.keep(record) }
        return record
    }

    /// Records a publish. Returns false (and records nothing) when this fingerprint was already
    /// the published one — the guard against publishing the same listing twice.
    public func recordPublish(folderPath: String, fingerprint: String, state: FolderState, pause: PauseReason? = nil,
                              note: String? = nil) async throws -> Bool {
        guard let recorded = try await folders.recordPublish(folderPath: folderPath, fingerprint: fingerprint, state: state,
                                                             pause: pause, note: note) else { return false }
        if shared != nil { try await local.keep(recorded.record) }
        return recorded.isNew
    }

    /// With a shared history, the host's inputs and outputs reference its own copy of the
    /// folder's row: a folder another host saw first gets that copy before them.
    func keepLocalRow(of folderPath: String) async throws {
        guard let shared, try await local.folder(at: folderPath) == nil,
              let record = try await shared.folder(at: folderPath) else { return }
        try await local.keep(record)
    }

    // MARK: Inputs

    public func inputs(of folderPath: String) async throws -> [InputRecord] {
        try await database.writer.read { db in
            try InputRecord.filter(InputRecord.Columns.folderPath == folderPath).fetchAll(db)
        }
    }

    /// Every folder's inputs in one query, for reconciling a whole inbox quickly.
    public func inputsByFolder() async throws -> [String: [InputRecord]] {
        try await database.writer.read { db in
            Dictionary(grouping: try InputRecord.fetchAll(db), by: \.folderPath)
        }
    }

    public func replaceInputs(of folderPath: String, with inputs: [InputRecord]) async throws {
        try await keepLocalRow(of: folderPath)
        try await database.writer.write { db in
            try InputRecord.filter(InputRecord.Columns.folderPath == folderPath).deleteAll(db)
            for input in inputs { try input.insert(db) }
        }
    }

    // MARK: Stage cache

    public func stageOutput(forKey key: String) async throws -> Data? {
        try await database.writer.read { db in try StageResultRecord.fetchOne(db, key: key)?.output }
    }

    public func storeStageOutput(_ output: Data, stage: String, key: String) async throws {
        try await database.writer.write { db in
            try StageResultRecord(cacheKey: key, stage: stage, output: output, createdAt: Timestamp.now())
                .insert(db, onConflict: .replace)
        }
    }

    // MARK: Runs

    public func startRun(folderPath: String) async throws -> Int64 {
        try await database.writer.write { db in
            var run = RunRecord(folderPath: folderPath, startedAt: Timestamp.now())
            try run.insert(db)
            return run.id!
        }
    }

    public func finishRun(_ id: Int64, outcome: String, stagesRun: [String], stagesReused: [String],
                          fingerprint: String?) async throws {
        try await database.writer.write { db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { return }
            run.finishedAt = Timestamp.now()
            run.outcome = outcome
            run.stagesRun = stagesRun.joined(separator: ",")
            run.stagesReused = stagesReused.joined(separator: ",")
            run.fingerprint = fingerprint
            try run.update(db)
        }
    }
}

public enum Timestamp {
    /// ISO 8601 in UTC with milliseconds, the one time format in the database and outputs.
    public static func now() -> String { string(from: Date()) }

    public static func string(from date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
