public import GRDB

/// The gateway's tables. The application's database owner registers these migrations with its
/// own; they never reference application types.
public enum GatewaySchema {
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("gateway-v1-usage-and-cache") { db in
            try db.create(table: "gateway_usage") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("created_at", .datetime).notNull().indexed()
                t.column("stage", .text).notNull()
                t.column("model", .text).notNull()
                t.column("answered_model", .text)
                t.column("prompt_tokens", .integer).notNull().defaults(to: 0)
                t.column("completion_tokens", .integer).notNull().defaults(to: 0)
                t.column("cached_tokens", .integer).notNull().defaults(to: 0)
                t.column("audio_seconds", .double).notNull().defaults(to: 0)
                t.column("cost_usd", .double).notNull().defaults(to: 0)
                // provider (usage.cost), estimated (price table × tokens), none (not billed)
                t.column("cost_source", .text).notNull()
                t.column("latency_ms", .integer).notNull().defaults(to: 0)
                t.column("attempt", .integer).notNull()
                // ok, cache_hit, retry, fallback, failed, invalid_output
                t.column("outcome", .text).notNull()
                t.column("http_status", .integer)
                t.column("error_code", .text)
                t.column("generation_id", .text)
                t.column("request_key", .text)
            }
            try db.create(table: "gateway_response_cache") { t in
                t.primaryKey("key", .text)
                t.column("model", .text).notNull()
                t.column("prompt_version", .text).notNull()
                t.column("stage", .text).notNull()
                t.column("answered_model", .text).notNull()
                t.column("content", .text).notNull()
                t.column("cost_usd", .double).notNull().defaults(to: 0)
                t.column("created_at", .datetime).notNull()
            }
        }
        // Model answers are cached once, by the application's stage cache; a second copy here
        // only went stale beside it.
        migrator.registerMigration("gateway-v2-drop-response-cache") { db in
            try db.drop(table: "gateway_response_cache")
        }
    }
}
