import Foundation
public import GRDB

/// One message owed to (or sent to) an agent on one channel. Keyed once per
/// (folder, notice key, channel): the notice key is the outcome and its fingerprint
/// (`listing:<publish fingerprint>`, `failed:<cause>`, `removed`), so a re-run with the same
/// outcome finds its row and adds nothing.
public struct NoticeRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "notice_outbox"
    public var id: Int64?
    public var folderPath: String
    public var propertyId: String
    public var agent: String
    /// `email`, `telegram`, `line`, `webhook`.
    public var channel: String
    /// `NoticeKind`'s raw value.
    public var outcome: String
    public var noticeKey: String
    public var subject: String
    public var body: String
    /// The webhook's JSON (owner, agent, state, title, price, url).
    public var payload: String
    public var createdAt: String
    /// `pending` → `sending` → `sent`; `uncertain` when the process died while sending (never resent).
    public var state: String
    public var attempts: Int
    public var nextAttemptAt: Double
    public var sentAt: String?
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, agent, channel, outcome, subject, body, payload, state, attempts
        case folderPath = "folder_path", propertyId = "property_id", noticeKey = "notice_key", createdAt = "created_at"
        case nextAttemptAt = "next_attempt_at", sentAt = "sent_at", lastError = "last_error"
    }

    public init(folderPath: String, propertyId: String, agent: String, channel: String, outcome: String, noticeKey: String,
                subject: String, body: String, payload: String) {
        self.folderPath = folderPath
        self.propertyId = propertyId
        self.agent = agent
        self.channel = channel
        self.outcome = outcome
        self.noticeKey = noticeKey
        self.subject = subject
        self.body = body
        self.payload = payload
        self.createdAt = Timestamp.now()
        self.state = "pending"
        self.attempts = 0
        self.nextAttemptAt = 0
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The outbox's counts for `status --json` and the backlog gauge.
public struct NoticeCounts: Sendable, Equatable, Codable {
    public var pending = 0
    public var sent = 0
    public var uncertain = 0
    public init() {}
}

extension AppDatabase {
    static func registerNoticeMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-notice-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE notice_outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    folder_path TEXT NOT NULL,
                    property_id TEXT NOT NULL,
                    agent TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    notice_key TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL NOT NULL DEFAULT 0,
                    sent_at TEXT,
                    last_error TEXT,
                    UNIQUE (folder_path, notice_key, channel)
                );
                CREATE INDEX notice_outbox_due ON notice_outbox(next_attempt_at) WHERE state = 'pending';
                """)
        }
    }
}

extension PipelineStore {
    /// Records a notice for a folder unless this key was already recorded (pending or sent).
    /// A new key forgets the folder's finished notices: the outbox remembers the last outcome
    /// told, so going back to an earlier one (failed → published → failed) is a change again.
    /// `make` gets the outcome of the folder's previous notice (to tell "reviewed" from
    /// "published") and returns the rows, one per channel; returns how many were added.
    @discardableResult
    public func enqueueNotice(folderPath: String, noticeKey: String,
                              make: @escaping @Sendable (_ previousOutcome: String?) -> [NoticeRow]) async throws -> Int {
        try await database.writer.write { db in
            let known = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notice_outbox WHERE folder_path = ? AND notice_key = ?",
                                         arguments: [folderPath, noticeKey]) ?? 0
            guard known == 0 else { return 0 }
            let previous = try String.fetchOne(db, sql: "SELECT outcome FROM notice_outbox WHERE folder_path = ? ORDER BY id DESC LIMIT 1",
                                               arguments: [folderPath])
            try db.execute(sql: "DELETE FROM notice_outbox WHERE folder_path = ? AND state IN ('sent', 'uncertain')", arguments: [folderPath])
            var added = 0
            for var row in make(previous) {
                try row.insert(db, onConflict: .ignore)
                added += db.changesCount
            }
            return added
        }
    }

    /// The agent a folder's earlier notices went to (a removed folder has no owner to ask).
    public func noticeAgent(folderPath: String) async throws -> String? {
        try await database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT agent FROM notice_outbox WHERE folder_path = ? ORDER BY id DESC LIMIT 1", arguments: [folderPath])
        }
    }

    /// At start: rows a killed process was sending may have gone out; they are never sent again.
    @discardableResult
    public func markInterruptedNoticesUncertain() async throws -> Int {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE notice_outbox SET state = 'uncertain', last_error = 'the process stopped while sending' WHERE state = 'sending'")
            return db.changesCount
        }
    }

    /// Pending rows whose time has come, oldest first.
    public func dueNotices(now: Double, limit: Int = 20) async throws -> [NoticeRow] {
        try await database.writer.read { db in
            try NoticeRow.filter(sql: "state = 'pending' AND next_attempt_at <= ?", arguments: [now])
                .order(sql: "id").limit(limit).fetchAll(db)
        }
    }

    /// Committed before the first byte goes out: a crash from here on leaves the row `sending`.
    /// False when another sender (a `scan` beside the daemon) took the row first.
    @discardableResult
    public func markNoticeSending(id: Int64) async throws -> Bool {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE notice_outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
                           arguments: [id])
            return db.changesCount == 1
        }
    }

    public func markNoticeSent(id: Int64) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE notice_outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
                           arguments: [Timestamp.now(), id])
        }
    }

    /// The channel refused or could not be reached: pending again, at `retryAt`.
    public func markNoticeFailed(id: Int64, error: String, retryAt: Double) async throws {
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE notice_outbox SET state = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?",
                           arguments: [error, retryAt, id])
        }
    }

    public func noticeCounts() async throws -> NoticeCounts {
        try await database.writer.read { db in
            var counts = NoticeCounts()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM notice_outbox GROUP BY state") {
                let n: Int = row["n"]
                switch row["state"] as String {
                case "pending", "sending": counts.pending += n
                case "sent": counts.sent += n
                default: counts.uncertain += n
                }
            }
            return counts
        }
    }
}
