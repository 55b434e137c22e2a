import Foundation
public import GRDB

/// One file a publish wrote into a folder (result.json, a page, a derived photo or thumbnail),
/// with its size then: the manifest the start-up reconciliation checks with one `stat` each, so
/// an output removed or cut while no daemon ran is written back.
public struct PublishedOutput: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "published_output"
    public var folderPath: String
    public var relativePath: String
    public var bytes: Int64

    public init(folderPath: String, relativePath: String, bytes: Int64) {
        self.folderPath = folderPath
        self.relativePath = relativePath
        self.bytes = bytes
    }

    enum CodingKeys: String, CodingKey {
        case folderPath = "folder_path", relativePath = "relative_path", bytes
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
    }
}

extension PipelineStore {
    /// The manifest of the folder's latest publish replaces the one before.
    public func replacePublishedOutputs(of folderPath: String, with outputs: [PublishedOutput]) async throws {
        try await database.writer.write { db in
            try PublishedOutput.filter(Column("folder_path") == folderPath).deleteAll(db)
            for output in outputs { try output.insert(db) }
        }
    }

    /// Every folder's manifest in one query, for the start-up reconciliation.
    public func publishedOutputsByFolder() async throws -> [String: [PublishedOutput]] {
        try await database.writer.read { db in
            Dictionary(grouping: try PublishedOutput.fetchAll(db), by: \.folderPath)
        }
    }
}
