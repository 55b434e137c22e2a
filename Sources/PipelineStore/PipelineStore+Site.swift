import Foundation
public import GRDB

/// When a listing first went out and when what it says last changed (front matter `date` and
/// `lastmod`), kept here because result.json is rewritten on every publish.
public struct ListingDates: Sendable, Equatable {
    public var firstPublished: String
    public var contentChanged: String
}

/// One rebuild-hook delivery still owed or already made: per listing, event and target, once
/// per publish (`publishKey` is the publish fingerprint), so a restart never sends it twice.
public struct HookDelivery: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "hook_delivery"
    public var id: Int64?
    /// `command` or `webhook`.
    public var target: String
    public var listingId: String
    /// `published` or `removed`.
    public var event: String
    public var publishKey: String
    public var createdAt: String
    public var deliveredAt: String?
    public var attempts: Int
    /// Seconds since 1970; the delivery waits until then after a failure.
    public var nextAttemptAt: Double
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, target, event
        case listingId = "listing_id", publishKey = "publish_key", createdAt = "created_at", deliveredAt = "delivered_at"
        case attempts, nextAttemptAt = "next_attempt_at", lastError = "last_error"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AppDatabase {
    static func registerSiteMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-listing-dates-hook-deliveries") { db in
            try db.execute(sql: """
                CREATE TABLE listing_dates (
                    folder_path TEXT PRIMARY KEY NOT NULL,
                    first_published_at TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    content_changed_at TEXT NOT NULL
                );
                CREATE TABLE hook_delivery (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    target TEXT NOT NULL,
                    listing_id TEXT NOT NULL,
                    event TEXT NOT NULL,
                    publish_key TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    delivered_at TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL NOT NULL,
                    last_error TEXT,
                    UNIQUE (target, listing_id, event, publish_key)
                );
                CREATE INDEX hook_delivery_pending ON hook_delivery(next_attempt_at) WHERE delivered_at IS NULL;
                """)
        }
    }
}

extension PipelineStore {
    // MARK: Listing dates

    /// The listing's dates after a publish whose content hashes to `contentHash`: the first
    /// publish sets both to `now` (or `date` to an earlier publishing run recorded before this
    /// table existed); later ones move `contentChanged` only when the hash differs.
    public func listingDates(folderPath: String, contentHash: String, now: String) async throws -> ListingDates {
        try await database.writer.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT first_published_at, content_hash, content_changed_at FROM listing_dates WHERE folder_path = ?",
                                       arguments: [folderPath])
            guard let row else {
                // A listing published before these dates were kept: its first publishing run.
                let earliest = try String.fetchOne(db, sql: """
                    SELECT MIN(started_at) FROM run WHERE folder_path = ? AND (',' || stages_run || ',') LIKE '%,publish,%'
                    """, arguments: [folderPath])
                let first = earliest.map { min($0, now) } ?? now
                try db.execute(sql: "INSERT INTO listing_dates (folder_path, first_published_at, content_hash, content_changed_at) VALUES (?, ?, ?, ?)",
                               arguments: [folderPath, first, contentHash, now])
                return ListingDates(firstPublished: first, contentChanged: now)
            }
            let first: String = row["first_published_at"]
            if row["content_hash"] as String == contentHash {
                return ListingDates(firstPublished: first, contentChanged: row["content_changed_at"])
            }
            try db.execute(sql: "UPDATE listing_dates SET content_hash = ?, content_changed_at = ? WHERE folder_path = ?",
                           arguments: [contentHash, now, folderPath])
            return ListingDates(firstPublished: first, contentChanged: now)
        }
    }

    // MARK: Rebuild-hook deliveries

    /// Records that `targets` owe the site one delivery for this event; a delivery already
    /// recorded for the same key (pending or made) is left alone. Returns how many were new.
    @discardableResult
    public func enqueueHookDeliveries(listingId: String, event: String, publishKey: String, targets: [String]) async throws -> Int {
        guard !targets.isEmpty else { return 0 }
        return try await database.writer.write { db in
            var added = 0
            for target in targets {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO hook_delivery (target, listing_id, event, publish_key, created_at, attempts, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, 0, 0)
                    """, arguments: [target, listingId, event, publishKey, Timestamp.now()])
                added += db.changesCount
            }
            return added
        }
    }

    /// A listing's folder left the inbox: the site is owed a `removed` event, and a later return
    /// of the same content counts as a new publish (its earlier deliveries are forgotten).
    public func enqueueHookRemoval(listingId: String, removedAt: String, targets: [String]) async throws {
        guard !targets.isEmpty else { return }
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM hook_delivery WHERE listing_id = ? AND event = 'published' AND delivered_at IS NOT NULL",
                           arguments: [listingId])
            for target in targets {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO hook_delivery (target, listing_id, event, publish_key, created_at, attempts, next_attempt_at)
                    VALUES (?, ?, 'removed', ?, ?, 0, 0)
                    """, arguments: [target, listingId, removedAt, Timestamp.now()])
            }
        }
    }

    /// Deliveries not yet made, oldest first.
    public func pendingHookDeliveries() async throws -> [HookDelivery] {
        try await database.writer.read { db in
            try HookDelivery.filter(sql: "delivered_at IS NULL").order(sql: "id").fetchAll(db)
        }
    }

    public func markHookDelivered(ids: [Int64]) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE hook_delivery SET delivered_at = ?, last_error = NULL WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                           arguments: StatementArguments([Timestamp.now()] + ids.map { $0 as (any DatabaseValueConvertible) }))
        }
    }

    /// Counts a failed attempt and sets when to try again.
    public func markHookFailed(ids: [Int64], error: String, retryAt: @escaping @Sendable (_ attempts: Int) -> Double) async throws {
        try await database.writer.write { db in
            for id in ids {
                guard var delivery = try HookDelivery.fetchOne(db, key: id) else { continue }
                delivery.attempts += 1
                delivery.lastError = error
                delivery.nextAttemptAt = retryAt(delivery.attempts)
                try delivery.update(db)
            }
        }
    }
}
