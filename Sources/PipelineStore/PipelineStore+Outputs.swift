import Foundation
public import GRDB

/// One file a publish wrote into a folder (result.json, a page, a derived photo or thumbnail),
/// with its size, mtime and SHA-256 then: the manifest the start-up reconciliation checks with one
/// `stat` each (hashing only a file whose mtime moved), so an output removed or changed while no
/// daemon ran is written back. Rows recorded before the hashes have no mtime and no hash.
public struct PublishedOutput: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "published_output"
    public var folderPath: String
    public var relativePath: String
    public var bytes: Int64
    public var mtimeNs: Int64?
    public var sha256: String?

    public init(folderPath: String, relativePath: String, bytes: Int64, mtimeNs: Int64? = nil, sha256: String? = nil) {
        self.folderPath = folderPath
        self.relativePath = relativePath
        self.bytes = bytes
        self.mtimeNs = mtimeNs
        self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey {
        case folderPath = "folder_path", relativePath = "relative_path", bytes, mtimeNs = "mtime_ns", sha256
    }
}

extension AppDatabase {
    static func registerOutputMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("published-outputs") { db in
            try db.execute(sql: """
                CREATE TABLE published_output (
                    folder_path TEXT NOT NULL REFERENCES folder(path) ON DELETE CASCADE,
                    relative_path TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    PRIMARY KEY (folder_path, relative_path)
                );
                """)
        }
        // A hand edit that keeps the size (issue 24): found by the mtime, confirmed by the hash.
        migrator.registerMigration("v6-published-output-hashes") { db in
            try db.execute(sql: """
                ALTER TABLE published_output ADD COLUMN mtime_ns INTEGER;
                ALTER TABLE published_output ADD COLUMN sha256 TEXT;
                """)
        }
    }
}

extension PipelineStore {
    /// The manifest of the folder's latest publish replaces the one before.
    public func replacePublishedOutputs(of folderPath: String, with outputs: [PublishedOutput]) async throws {
        try await keepLocalRow(of: folderPath)
        try await database.writer.write { db in
            try PublishedOutput.filter(Column("folder_path") == folderPath).deleteAll(db)
            for output in outputs { try output.insert(db) }
        }
    }

    /// One folder's manifest, for a run checking its derived photos against what it published.
    public func publishedOutputs(of folderPath: String) async throws -> [PublishedOutput] {
        try await database.writer.read { db in
            try PublishedOutput.filter(Column("folder_path") == folderPath).fetchAll(db)
        }
    }

    /// Every folder's manifest in one query, for the start-up reconciliation.
    public func publishedOutputsByFolder() async throws -> [String: [PublishedOutput]] {
        try await database.writer.read { db in
            Dictionary(grouping: try PublishedOutput.fetchAll(db), by: \.folderPath)
        }
    }
}
