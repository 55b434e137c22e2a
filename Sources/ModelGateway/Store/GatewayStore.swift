public import Foundation
public import GRDB

/// The gateway's persistence: usage log, response cache, spending sums. Takes the application's
/// database writer; `GatewaySchema` migrations must have run on it.
public struct GatewayStore: Sendable {
    public let writer: any DatabaseWriter

    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// An in-memory store with the gateway's migrations applied (tests, `--offline` dry runs).
    public static func inMemory() throws -> GatewayStore {
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        GatewaySchema.registerMigrations(in: &migrator)
        try migrator.migrate(queue)
        return GatewayStore(writer: queue)
    }

    /// Opens (creating if needed) a database file with the gateway's migrations applied; for
    /// single jobs run without the pipeline's own store.
    public static func open(path: String) throws -> GatewayStore {
        let pool = try DatabasePool(path: path)
        var migrator = DatabaseMigrator()
        GatewaySchema.registerMigrations(in: &migrator)
        try migrator.migrate(pool)
        return GatewayStore(writer: pool)
    }

    @discardableResult
    public func log(_ record: UsageRecord) throws -> UsageRecord {
        try writer.write { db in
            var record = record
            try record.insert(db)
            return record
        }
    }

    /// Corrects a row's outcome once the answer has been validated.
    public func setOutcome(rowID: Int64, outcome: String, errorCode: String?) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE gateway_usage SET outcome = ?, error_code = ? WHERE id = ?",
                           arguments: [outcome, errorCode, rowID])
        }
    }

    public func usage(since: Date? = nil) throws -> [UsageRecord] {
        try writer.read { db in
            var request = UsageRecord.order(Column("id"))
            if let since { request = request.filter(UsageRecord.Columns.createdAt >= since) }
            return try request.fetchAll(db)
        }
    }

    /// USD recorded since `date`, the budgets' input.
    public func spent(since date: Date) throws -> Double {
        try writer.read { db in
            try Double.fetchOne(db, sql: "SELECT COALESCE(SUM(cost_usd), 0) FROM gateway_usage WHERE created_at >= ?",
                                arguments: [date]) ?? 0
        }
    }

    public func cached(key: String) throws -> CachedResponse? {
        try writer.read { db in try CachedResponse.fetchOne(db, key: key) }
    }

    public func storeCached(_ response: CachedResponse) throws {
        try writer.write { db in try response.save(db) }
    }
}
