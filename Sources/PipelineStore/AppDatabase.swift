public import GRDB
public import Foundation

/// Owns the SQLite database (WAL) in the state directory and its schema.
///
/// Other modules that keep tables here (the model gateway) register their migrations through
/// `additionalMigrations`, so there is one migrator and one writer per database file.
public final class AppDatabase: Sendable {
    public let writer: any DatabaseWriter

    public init(_ writer: any DatabaseWriter,
                additionalMigrations: (inout DatabaseMigrator) -> Void = { _ in }) throws {
        self.writer = writer
        var migrator = DatabaseMigrator()
        Self.registerMigrations(in: &migrator)
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

    /// Opens (creating if needed) `state.sqlite` in `directory`.
    public static func open(stateDirectory directory: URL,
                            additionalMigrations: (inout DatabaseMigrator) -> Void = { _ in }) throws -> AppDatabase {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: file(inStateDirectory: directory).path,
                                    configuration: configuration)
        return try AppDatabase(pool, additionalMigrations: additionalMigrations)
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
    }
}
