public import GRDB
public import Foundation

/// Owns the SQLite database (WAL) in the state directory and its schema.
///
/// Other modules that keep tables here (the model gateway) register their migrations through
/// `additionalMigrations`, so there is one migrator and one writer per database file.
public final class AppDatabase: Sendable {
    public let writer: any DatabaseWriter

    public init(_ writer: any DatabaseWriter,
                additionalMigrations: (inout DatabaseMigrator) -> Void = { _ in }, recovery: String? = nil) throws {
        self.writer = writer
        self.recovery = recovery
        var migrator = DatabaseMigrator()
        Self.registerMigrations(in: &migrator)
        Self.registerNoticeMigrations(in: &migrator)  // the agents' outbox (issue 22)
        additionalMigrations(&migrator)
        try migrator.migrate(writer)
    }

    /// The database file in a state directory.
    public static func file(inStateDirectory directory: URL) -> URL {
        directory.appendingPathComponent("state.sqlite")
    }

    /// True when `directory` already holds a database: read-only commands (`status`, `stats`)
    /// check this first, so looking never creates state.
    public static func exists(inStateDirectory directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: file(inStateDirectory: directory).path)
    }

    /// What `open` found wrong with an existing database, for the caller to log.
    public let recovery: String?

    /// A state file that is not an SQLite database at all (another program's file, a mistyped
    /// --state-dir): refused, never overwritten.
    public struct NotADatabase: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "\(path) is not an SQLite database; move it away or choose another --state-dir"
        }
    }

    /// Opens (creating if needed) `state.sqlite` in `directory`. A damaged database (failed
    /// `PRAGMA quick_check`, or SQLite calls it corrupt) is moved aside as
    /// `state.sqlite.damaged-<time>` and a new one is created: every published `result.json`
    /// carries its fingerprint, so the rebuilt state never publishes a listing twice.
    public static func open(stateDirectory directory: URL,
                            additionalMigrations: (inout DatabaseMigrator) -> Void = { _ in }) throws -> AppDatabase {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = file(inStateDirectory: directory).path
        try refuseForeignFile(at: path)
        do {
            let pool = try makePool(path)
            try checkIntegrity(pool)
            return try AppDatabase(pool, additionalMigrations: additionalMigrations)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            let aside = try moveAside(path)
            return try AppDatabase(try makePool(path), additionalMigrations: additionalMigrations,
                                   recovery: "the state database was damaged (\(error.resultCode)); it was moved to \(aside) and a new one created")
        }
    }

    private static func makePool(_ path: String) throws -> DatabasePool {
        var configuration = Configuration()
        // GRDB's default is `.userInitiated`: libdispatch gives those threads a lower nice value,
        // which a service without CAP_SYS_NICE may not set, and it logged "Failed to set thread
        // priority for worker thread … errno=13" to the journal every few seconds. The daemon's
        // database work has no user waiting on it: the default QoS needs no privilege.
        configuration.qos = .default
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// `quick_check` reads every page: a few milliseconds for a state database, done once at start.
    private static func checkIntegrity(_ pool: DatabasePool) throws {
        let verdict = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
        if verdict != ["ok"] {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: verdict.prefix(3).joined(separator: "; "))
        }
    }

    private static func refuseForeignFile(at path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if !header.isEmpty && header != Data("SQLite format 3\0".utf8) { throw NotADatabase(path: path) }
    }

    private static func moveAside(_ path: String) throws -> String {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let aside = path + ".damaged-" + stamp
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
        return aside
    }

    private static func registerMigrations(in migrator: inout DatabaseMigrator) {
        // Migrations are frozen once shipped: never edit one, add the next.

        migrator.registerMigration("v1-folders-inputs-stages") { db in
            try db.execute(sql: """
                CREATE TABLE folder (
                    path TEXT PRIMARY KEY NOT NULL,
                    property_id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    stage TEXT,
                    fingerprint TEXT,
                    published_fingerprint TEXT,
                    published_at TEXT,
                    publish_count INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE input (
                    folder_path TEXT NOT NULL REFERENCES folder(path) ON DELETE CASCADE,
                    relative_path TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    PRIMARY KEY (folder_path, relative_path)
                );
                CREATE TABLE stage_result (
                    cache_key TEXT PRIMARY KEY NOT NULL,
                    stage TEXT NOT NULL,
                    output BLOB NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    folder_path TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    outcome TEXT,
                    stages_run TEXT,
                    stages_reused TEXT,
                    fingerprint TEXT
                );
                CREATE INDEX run_by_folder ON run(folder_path);
                """)
        }
        // One row that /healthz rewrites: proof that the database file can still be written.
        migrator.registerMigration("v2-health-probe") { db in
            try db.execute(sql: "CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL)")
        }
        registerSiteMigrations(in: &migrator)
        // Why a folder is paused or failed becomes a column of its own; old rows are converted
        // from the text they kept (this is the only place that text is ever read).
        migrator.registerMigration("v4-pause-reason-failure-cause") { db in
            try db.execute(sql: """
                ALTER TABLE folder ADD COLUMN pause_reason TEXT;
                ALTER TABLE folder ADD COLUMN failure_cause TEXT;
                UPDATE folder SET pause_reason = CASE
                    WHEN last_error IS NULL OR last_error NOT LIKE 'will try again: %' THEN 'ai_review'
                    WHEN last_error LIKE '%permission denied%' THEN 'cannot_open'
                    WHEN last_error LIKE '%disk is full%' THEN 'disk_full'
                    WHEN last_error LIKE '%read-only%' THEN 'disk_read_only'
                    WHEN last_error LIKE '%disk error%' THEN 'disk_error'
                    WHEN last_error LIKE '%state database%' THEN 'database'
                    ELSE 'server_problem' END
                  WHERE state = 'paused';
                UPDATE folder SET failure_cause = CASE
                    WHEN last_error LIKE 'The folder has no description%' THEN 'empty_folder'
                    WHEN last_error LIKE 'Only a voice memo%' THEN 'only_voice_memo'
                    WHEN last_error LIKE 'Nothing in the folder could be used%' THEN 'nothing_usable'
                    ELSE 'server_setup' END
                  WHERE state = 'failed';
                UPDATE folder SET stage = CASE stage
                    WHEN 'photos' THEN 'photos'
                    WHEN 'reading the description' THEN 'extract'
                    WHEN 'merging' THEN 'merge'
                    WHEN 'writing the description' THEN 'describe'
                    WHEN 'publishing' THEN 'publish'
                    ELSE NULL END;
                """)
        }
        registerOutputMigrations(in: &migrator)
    }
}
