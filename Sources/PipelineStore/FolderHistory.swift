import GRDB
public import PropertyCore

/// The folder history: one row per folder with its state, step, why it waits or failed, what was
/// published and when. What `status`, `stats`, the metrics and the daemon's reconciliation read.
///
/// Two implementations: `SQLiteFolderHistory` (the host's own state database, the default) and,
/// with several hosts, the one in PostgreSQL (`PostgresFolderHistory` in PostgresQueue), shared by
/// the watcher and every worker. The store tests run against both.
public protocol FolderHistory: Sendable {
    func folder(at path: String) async throws -> FolderRecord?
    /// Every folder, ordered by path.
    func allFolders() async throws -> [FolderRecord]
    /// How many folders under `inboxPath` are in each state.
    func folderCounts(inboxPath: String) async throws -> [FolderState: Int]
    /// Paused folders under `inboxPath` by why they wait.
    func pausedCounts(inboxPath: String) async throws -> [PauseReason: Int]
    /// Sets a folder's state, creating its row on first sight; returns the row as it is now.
    func setState(_ state: FolderState, _ detail: PipelineStore.StateDetail, folderPath: String,
                  propertyId: String) async throws -> FolderRecord
    /// Records a publish and returns the row as it is now (nil when the folder has no row):
    /// `isNew` is false, and no publish counted, when this fingerprint was already the published one.
    func recordPublish(folderPath: String, fingerprint: String, state: FolderState, pause: PauseReason?,
                       note: String?) async throws -> RecordedPublish?
    /// `migrate`: stores the row as it is unless the folder already has one (then nothing changes,
    /// so a second run copies nothing twice). True when it was copied.
    func importFolder(_ record: FolderRecord) async throws -> Bool
}

/// What `recordPublish` left: the row, and whether its fingerprint was new (the one answer, so a
/// caller keeping a copy of the row needs no second read).
public struct RecordedPublish: Sendable, Equatable {
    public var isNew: Bool
    public var record: FolderRecord
    public init(isNew: Bool, record: FolderRecord) {
        self.isNew = isNew
        self.record = record
    }
}

/// The folder history in the host's SQLite state database (`folder` table).
public struct SQLiteFolderHistory: FolderHistory {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func folder(at path: String) async throws -> FolderRecord? {
        try await database.writer.read { db in try FolderRecord.fetchOne(db, key: path) }
    }

    public func allFolders() async throws -> [FolderRecord] {
        try await database.writer.read { db in try FolderRecord.order(FolderRecord.Columns.path).fetchAll(db) }
    }

    public func pausedCounts(inboxPath: String) async throws -> [PauseReason: Int] {
        try await database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT pause_reason, COUNT(*) AS n FROM folder
                WHERE state = 'paused' AND pause_reason IS NOT NULL AND substr(path, 1, ?) = ? GROUP BY pause_reason
                """, arguments: [inboxPath.utf8.count + 1, inboxPath + "/"])
            var counts: [PauseReason: Int] = [:]
            for row in rows {
                if let reason = PauseReason(rawValue: row["pause_reason"]) { counts[reason] = row["n"] }
            }
            return counts
        }
    }

    public func folderCounts(inboxPath: String) async throws -> [FolderState: Int] {
        try await database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*) AS n FROM folder WHERE substr(path, 1, ?) = ? GROUP BY state
                """, arguments: [inboxPath.utf8.count + 1, inboxPath + "/"])
            var counts: [FolderState: Int] = [:]
            for row in rows {
                if let state = FolderState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    public func setState(_ state: FolderState, _ detail: PipelineStore.StateDetail, folderPath: String,
                         propertyId: String) async throws -> FolderRecord {
        try await database.writer.write { db in
            var record = try FolderRecord.fetchOne(db, key: folderPath)
                ?? FolderRecord(path: folderPath, propertyId: propertyId, state: state, updatedAt: Timestamp.now())
            record.state = state
            record.stage = detail.stage
            record.lastError = detail.error
            record.pauseReason = detail.pause
            record.failureCause = detail.failure
            record.updatedAt = Timestamp.now()
            try record.save(db)
            return record
        }
    }

    public func recordPublish(folderPath: String, fingerprint: String, state: FolderState, pause: PauseReason?,
                              note: String?) async throws -> RecordedPublish? {
        try await database.writer.write { db in
            guard var record = try FolderRecord.fetchOne(db, key: folderPath) else { return nil }
            let isNew = record.publishedFingerprint != fingerprint
            record.fingerprint = fingerprint
            record.publishedFingerprint = fingerprint
            record.state = state
            record.stage = nil
            record.lastError = note
            record.pauseReason = pause
            record.failureCause = nil
            record.updatedAt = Timestamp.now()
            if isNew {
                record.publishedAt = record.updatedAt
                record.publishCount += 1
            }
            try record.update(db)
            return RecordedPublish(isNew: isNew, record: record)
        }
    }

    public func importFolder(_ record: FolderRecord) async throws -> Bool {
        try await database.writer.write { db in
            guard try !FolderRecord.exists(db, key: record.path) else { return false }
            try record.insert(db)
            return true
        }
    }

    /// With a shared history: this host's copy of a row the shared one holds (its inputs, runs
    /// and published outputs reference it), overwritten with what the shared one says.
    func keep(_ record: FolderRecord) async throws {
        try await database.writer.write { db in try record.save(db) }
    }
}

/// What `migrate` copied from one history into another.
public struct FolderImport: Sendable, Equatable {
    /// Rows the target did not have, copied as they were.
    public var copied: [FolderRecord] = []
    /// Rows the target already had (from an earlier `migrate`, or a host worked on the folder
    /// since): left as the target has them.
    public var alreadyThere: [FolderRecord] = []
}

extension FolderHistory {
    /// Copies every folder of `source` this history has no row for; running it again copies nothing.
    public func importFolders(from source: any FolderHistory) async throws -> FolderImport {
        var result = FolderImport()
        for record in try await source.allFolders() {
            if try await importFolder(record) { result.copied.append(record) } else { result.alreadyThere.append(record) }
        }
        return result
    }
}
