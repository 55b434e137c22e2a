import Foundation
public import PipelineStore
import PostgresNIO
public import PropertyCore

/// The folder history shared by several hosts (issue #25): one row per folder in `pi_folders`,
/// written by the watcher and every worker, read by `status` from any host. Same rules as the
/// SQLite one (`SQLiteFolderHistory`); the store tests run against both.
///
/// A folder inside the inbox is keyed by its path *relative to the inbox*, as in `pi_jobs`: each
/// host mounts the inbox where it likes and sees the rows under its own mount. A folder outside
/// the inbox keeps its absolute path (a key starting with "/").
///
/// Times stay ISO 8601 text, as in SQLite, so a row reads back (and `migrate` copies it) unchanged.
public struct PostgresFolderHistory: FolderHistory {
    let queue: PostgresJobQueue
    /// The inbox as this host mounts it (a standardized path); nil: every key is an absolute path.
    let inbox: String?

    /// `queue` is the connection (its `run()` must be running and its schema prepared).
    public init(queue: PostgresJobQueue, inbox: String?) {
        self.queue = queue
        self.inbox = inbox.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }
    }

    static let schema = [
        """
        CREATE TABLE IF NOT EXISTS pi_folders (
            path text PRIMARY KEY,
            property_id text NOT NULL,
            state text NOT NULL,
            stage text,
            fingerprint text,
            published_fingerprint text,
            published_at text,
            publish_count integer NOT NULL DEFAULT 0,
            last_error text,
            pause_reason text,
            failure_cause text,
            updated_at text NOT NULL
        )
        """,
    ]

    private static let columns = """
        path, property_id, state, stage, fingerprint, published_fingerprint, published_at, publish_count, last_error,
        pause_reason, failure_cause, updated_at
        """

    // MARK: FolderHistory

    public func folder(at path: String) async throws -> FolderRecord? {
        try await shared {
            try await queue.rows("SELECT \(unescaped: Self.columns) FROM pi_folders WHERE path = \(key(path))").first.map(record)
        }
    }

    public func allFolders() async throws -> [FolderRecord] {
        // Sorted by the bytes of the host's path, as SQLite orders them (not by the server's collation).
        try await shared {
            try await queue.rows("SELECT \(unescaped: Self.columns) FROM pi_folders").map(record)
                .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        }
    }

    public func folderCounts(inboxPath: String) async throws -> [FolderState: Int] {
        try await counts(by: "state", where: "true", under: inboxPath)
    }

    public func pausedCounts(inboxPath: String) async throws -> [PauseReason: Int] {
        try await counts(by: "pause_reason", where: "state = 'paused' AND pause_reason IS NOT NULL", under: inboxPath)
    }

    /// One GROUP BY over the folders under `inboxPath`; `column` and `condition` are constants of this file.
    private func counts<Key: RawRepresentable<String> & Hashable>(by column: String, where condition: String,
                                                                 under inboxPath: String) async throws -> [Key: Int] {
        let (prefix, relative) = keyPrefix(under: inboxPath)
        return try await shared {
            var counts: [Key: Int] = [:]
            for row in try await queue.rows("""
                SELECT \(unescaped: column), count(*) FROM pi_folders
                WHERE \(unescaped: condition) AND starts_with(path, \(prefix)) AND (left(path, 1) <> '/') = \(relative)
                GROUP BY \(unescaped: column)
                """) {
                let (value, count) = try row.decode((String, Int64).self)
                if let key = Key(rawValue: value) { counts[key] = Int(count) }
            }
            return counts
        }
    }

    public func setState(_ state: FolderState, _ detail: PipelineStore.StateDetail, folderPath: String,
                         propertyId: String) async throws -> FolderRecord {
        try await shared {
            let rows = try await queue.rows("""
                INSERT INTO pi_folders (path, property_id, state, stage, last_error, pause_reason, failure_cause, updated_at)
                VALUES (\(key(folderPath)), \(propertyId), \(state.rawValue), \(detail.stage?.rawValue), \(detail.error),
                        \(detail.pause?.rawValue), \(detail.failure?.rawValue), \(Timestamp.now()))
                ON CONFLICT (path) DO UPDATE SET state = excluded.state, stage = excluded.stage, last_error = excluded.last_error,
                    pause_reason = excluded.pause_reason, failure_cause = excluded.failure_cause, updated_at = excluded.updated_at
                RETURNING \(unescaped: Self.columns)
                """)
            guard let row = rows.first else { throw SharedStoreFailure("no row returned for \(folderPath)") }
            return try record(row)
        }
    }

    public func recordPublish(folderPath: String, fingerprint: String, state: FolderState, pause: PauseReason?,
                              note: String?) async throws -> RecordedPublish? {
        let now = Timestamp.now()
        // The row is locked while its old fingerprint is compared: of two hosts recording the same
        // publish at once, only the first counts it.
        return try await shared {
            let rows = try await queue.rows("""
                WITH before AS (
                    SELECT path AS locked, published_fingerprint AS was FROM pi_folders WHERE path = \(key(folderPath)) FOR UPDATE)
                UPDATE pi_folders SET fingerprint = \(fingerprint), published_fingerprint = \(fingerprint), state = \(state.rawValue),
                    stage = NULL, last_error = \(note), pause_reason = \(pause?.rawValue), failure_cause = NULL, updated_at = \(now),
                    published_at = CASE WHEN was IS DISTINCT FROM \(fingerprint) THEN \(now) ELSE published_at END,
                    publish_count = publish_count + CASE WHEN was IS DISTINCT FROM \(fingerprint) THEN 1 ELSE 0 END
                FROM before WHERE path = locked
                RETURNING \(unescaped: Self.columns), was IS DISTINCT FROM \(fingerprint) AS is_new
                """)
            return try rows.first.map { row in
                RecordedPublish(isNew: try row.makeRandomAccess()["is_new"].decode(Bool.self), record: try record(row))
            }
        }
    }

    public func importFolder(_ record: FolderRecord) async throws -> Bool {
        try await shared {
            try await !queue.rows("""
                INSERT INTO pi_folders (\(unescaped: Self.columns))
                VALUES (\(key(record.path)), \(record.propertyId), \(record.state.rawValue), \(record.stage?.rawValue),
                        \(record.fingerprint), \(record.publishedFingerprint), \(record.publishedAt), \(record.publishCount),
                        \(record.lastError), \(record.pauseReason?.rawValue), \(record.failureCause?.rawValue), \(record.updatedAt))
                ON CONFLICT (path) DO NOTHING
                RETURNING 1
                """).isEmpty
        }
    }

    // MARK: Keys and rows

    /// The row's key for a path of this host.
    func key(_ path: String) -> String {
        guard let inbox, path.utf8.starts(with: (inbox + "/").utf8) else { return path }
        return String(decoding: path.utf8.dropFirst(inbox.utf8.count + 1), as: UTF8.self)
    }

    /// This host's path for a row's key.
    func path(_ key: String) -> String {
        guard let inbox, !key.hasPrefix("/") else { return key }
        return inbox + "/" + key
    }

    /// The keys of the folders under `inboxPath`: those starting with the prefix, relative or not.
    private func keyPrefix(under inboxPath: String) -> (prefix: String, relative: Bool) {
        if inboxPath == inbox { return ("", true) }
        let folderKey = key(inboxPath)
        return (folderKey + "/", !folderKey.hasPrefix("/"))
    }

    /// A row of `Self.columns` (by name: a query may return more).
    private func record(_ row: PostgresRow) throws -> FolderRecord {
        let row = row.makeRandomAccess()
        func text(_ column: String) throws -> String? { try row[column].decode(String?.self) }
        let key = try row["path"].decode(String.self)
        let state = try row["state"].decode(String.self)
        guard let folderState = FolderState(rawValue: state) else { throw SharedStoreFailure("unknown state \(state) for \(key)") }
        return FolderRecord(path: path(key), propertyId: try row["property_id"].decode(String.self), state: folderState,
                            stage: try text("stage").flatMap(StageName.init(rawValue:)), fingerprint: try text("fingerprint"),
                            publishedFingerprint: try text("published_fingerprint"), publishedAt: try text("published_at"),
                            publishCount: try row["publish_count"].decode(Int.self), lastError: try text("last_error"),
                            pauseReason: try text("pause_reason").flatMap(PauseReason.init(rawValue:)),
                            failureCause: try text("failure_cause").flatMap(FailureCause.init(rawValue:)),
                            updatedAt: try row["updated_at"].decode(String.self))
    }

    /// Every failure of the shared database is the server's trouble for the pipeline (the folder
    /// pauses and is tried again), whatever postgres-nio called it.
    private func shared<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SharedStoreFailure {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw SharedStoreFailure("\(error)")
        }
    }
}
