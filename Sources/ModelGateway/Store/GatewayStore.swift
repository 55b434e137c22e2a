public import Foundation
public import GRDB

/// The gateway's persistence: the usage log and the spending sums the budgets read. Takes the
/// application's database writer; `GatewaySchema` migrations must have run on it. Every call is
/// async (GRDB's async APIs) so SQLite never blocks a thread of Swift's cooperative pool.
public struct GatewayStore: Sendable {
    public let writer: any DatabaseWriter

    /// Told about every usage row as it is written (the application's metrics); the usage log
    /// is the one place every call passes, paid, failed or served from a cache.
    let observer: (@Sendable (UsageRecord) -> Void)?

    public init(writer: any DatabaseWriter, observer: (@Sendable (UsageRecord) -> Void)? = nil) {
        self.observer = observer
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

    @discardableResult
    public func log(_ record: UsageRecord) async throws -> UsageRecord {
        let written = try await writer.write { db in
            var record = record
            try record.insert(db)
            return record
        }
        observer?(written)
        return written
    }

    /// Records an answer the application reused instead of paying for it again, so `stats`
    /// shows what its cache saved.
    public func logCacheHit(stage: String, model: String, at date: Date) async throws {
        try await log(UsageRecord(createdAt: date, stage: stage, model: model, answeredModel: model, attempt: 0, outcome: "cache_hit"))
    }

    /// Corrects a row's outcome once the answer has been validated.
    public func setOutcome(rowID: Int64, outcome: String, errorCode: String?) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE gateway_usage SET outcome = ?, error_code = ? WHERE id = ?",
                           arguments: [outcome, errorCode, rowID])
        }
    }

    public func usage(since: Date? = nil) async throws -> [UsageRecord] {
        try await writer.read { db in
            var request = UsageRecord.order(Column("id"))
            if let since { request = request.filter(UsageRecord.Columns.createdAt >= since) }
            return try request.fetchAll(db)
        }
    }

    /// USD recorded since `date`, the budgets' input.
    public func spent(since date: Date) async throws -> Double {
        try await writer.read { db in
            try Double.fetchOne(db, sql: "SELECT COALESCE(SUM(cost_usd), 0) FROM gateway_usage WHERE created_at >= ?",
                                arguments: [date]) ?? 0
        }
    }

    /// Calls, cache hits, failures, tokens and cost per day, stage and model since `date`,
    /// newest day first.
    public func dailyUsage(since date: Date) async throws -> [DailyUsage] {
        try await writer.read { db in
            try SQLRequest<DailyUsage>(sql: """
                SELECT substr(created_at, 1, 10) AS day, stage, model,
                       SUM(outcome != 'cache_hit') AS calls,
                       SUM(outcome = 'cache_hit') AS cache_hits,
                       SUM(outcome IN ('retry', 'fallback', 'failed', 'invalid_output')) AS failures,
                       SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens,
                       SUM(cost_usd) AS cost_usd
                FROM gateway_usage WHERE created_at >= ?
                GROUP BY day, stage, model ORDER BY day DESC, stage, model
                """, arguments: [date]).fetchAll(db)
        }
    }
}

/// One day, stage and model of the usage log, summed.
public struct DailyUsage: Sendable, Equatable, FetchableRecord {
    public var day: String
    public var stage: String
    public var model: String
    public var calls: Int
    public var cacheHits: Int
    public var failures: Int
    public var promptTokens: Int
    public var completionTokens: Int
    public var costUSD: Double

    public init(row: Row) throws {
        day = row["day"]
        stage = row["stage"]
        model = row["model"]
        calls = row["calls"] ?? 0
        cacheHits = row["cache_hits"] ?? 0
        failures = row["failures"] ?? 0
        promptTokens = row["prompt_tokens"] ?? 0
        completionTokens = row["completion_tokens"] ?? 0
        costUSD = row["cost_usd"] ?? 0
    }
}
