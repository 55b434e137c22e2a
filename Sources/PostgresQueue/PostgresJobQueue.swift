public import FolderWatch
public import Foundation
public import Logging
public import ModelGateway
import PostgresNIO
public import ServiceLifecycle

/// The shared job queue in PostgreSQL (issue #25): one row per folder in `pi_jobs`, claimed with
/// `FOR UPDATE SKIP LOCKED` so two workers never take the same row, leased for a few seconds at a
/// time, and fenced by a per-claim counter. The one owner of postgres-nio: nothing else imports it.
///
/// A `Service`: its `run()` keeps the connection pool alive and must run while the queue is used.
public final class PostgresJobQueue: SharedJobQueue, SharedRequestSlots, SharedBudget, Service {
    let client: PostgresClient
    let logger: Logger
    /// How long any call may wait for the server. A stopped server does not always make a query
    /// fail: the pool keeps reconnecting and the query waits. Past this the call fails, so a worker
    /// says the database is away and a fence check answers "no" instead of waiting. Store tests
    /// that share two cores with hundreds of other tests give it longer.
    let answerSeconds: Int

    public init(url: String, logger: Logger, answerSeconds: Int = 5) throws {
        self.answerSeconds = answerSeconds
        var configuration = try DatabaseURL.parse(url)
        // A stopped server must not hold a claim for long: the worker waits, then tries again.
        configuration.options.connectTimeout = .seconds(3)
        configuration.options.maximumConnections = 4
        // postgres-nio's own lines only from error up: its debug lines would bury ours under
        // --verbose, and an outage is said once by the worker, not on every reconnection.
        var logger = logger
        logger.logLevel = max(logger.logLevel, .error)
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    public func run() async {
        await client.run()
    }

    /// Creates the tables if missing; safe to run from every process at once (an advisory lock
    /// serialises it: concurrent `CREATE TABLE IF NOT EXISTS` can still collide in the catalog).
    public func prepareSchema() async throws {
        let (client, logger) = (client, logger)
        try await answered {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.schemaLockKey))", logger: logger)
                for statement in Self.schema + PostgresFolderHistory.schema {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
        }
    }

    /// Any number; the same in every process. ("PI25" in ASCII.)
    static let schemaLockKey: Int64 = 0x5049_3235

    /// The schema, documented in docs/SCALE-OUT.md. `state`: pending, running or done.
    static let schema = [
        """
        CREATE TABLE IF NOT EXISTS pi_jobs (
            folder text PRIMARY KEY,
            fingerprint text NOT NULL,
            state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done')),
            again boolean NOT NULL DEFAULT false,
            fence bigint NOT NULL DEFAULT 0,
            worker text,
            lease_until timestamptz,
            enqueued_at timestamptz NOT NULL DEFAULT now(),
            claimed_at timestamptz,
            finished_at timestamptz,
            claims integer NOT NULL DEFAULT 0,
            publishes integer NOT NULL DEFAULT 0,
            last_outcome text
        )
        """,
        // Columns added after the first release of the table: each its own idempotent statement.
        "ALTER TABLE pi_jobs ADD COLUMN IF NOT EXISTS last_worker text",
        "CREATE INDEX IF NOT EXISTS pi_jobs_waiting ON pi_jobs (enqueued_at) WHERE state <> 'done'",
        // Provider calls started, by every host, for the shared rate limit (an hour is kept).
        "CREATE TABLE IF NOT EXISTS pi_provider_calls (key text NOT NULL, started_at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX IF NOT EXISTS pi_provider_calls_by_key ON pi_provider_calls (key, started_at)",
        // Provider spending by every host, for the shared budgets: reservations that become the
        // call's cost when it ends, or stop counting at `expires_at` (a worker that died).
        """
        CREATE TABLE IF NOT EXISTS pi_spend (
            id bigserial PRIMARY KEY,
            at timestamptz NOT NULL DEFAULT now(),
            usd float8 NOT NULL,
            settled boolean NOT NULL DEFAULT false,
            expires_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS pi_spend_by_time ON pi_spend (at)",
        """
        CREATE TABLE IF NOT EXISTS pi_workers (
            name text PRIMARY KEY,
            first_seen timestamptz NOT NULL DEFAULT now(),
            last_seen timestamptz NOT NULL DEFAULT now()
        )
        """,
    ]

    public func enqueue(folder: String, fingerprint: String, force: Bool) async throws {
        // New inputs for a running job: it stays running and runs `again` when it finishes.
        try await rows("""
            INSERT INTO pi_jobs AS job (folder, fingerprint) VALUES (\(folder), \(fingerprint))
            ON CONFLICT (folder) DO UPDATE SET
                fingerprint = excluded.fingerprint,
                again = job.again OR job.state = 'running',
                state = CASE WHEN job.state = 'running' THEN 'running' ELSE 'pending' END,
                enqueued_at = CASE WHEN job.state = 'pending' THEN job.enqueued_at ELSE now() END
            WHERE job.fingerprint <> excluded.fingerprint OR (\(force) AND job.state <> 'pending')
            """)
    }

    public func claim(worker: String, leaseSeconds: Double) async throws -> ClaimedJob? {
        let claimed = try await rows("""
            UPDATE pi_jobs SET state = 'running', fence = fence + 1, worker = \(worker), claims = claims + 1,
                lease_until = now() + make_interval(secs => \(leaseSeconds)), claimed_at = now()
            WHERE folder = (
                SELECT folder FROM pi_jobs
                WHERE state = 'pending' OR (state = 'running' AND lease_until < now())
                ORDER BY enqueued_at LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING folder, fingerprint, fence
            """)
        return try claimed.first.map { row in
            let (folder, fingerprint, fence) = try row.decode((String, String, Int64).self)
            return ClaimedJob(folder: folder, fingerprint: fingerprint, fence: fence)
        }
    }

    public func renew(_ job: ClaimedJob, leaseSeconds: Double) async throws -> Bool {
        try await changesOneRow("""
            UPDATE pi_jobs SET lease_until = now() + make_interval(secs => \(leaseSeconds))
            WHERE folder = \(job.folder) AND fence = \(job.fence) AND state = 'running'
            RETURNING 1
            """)
    }

    public func holds(_ job: ClaimedJob, marginSeconds: Double) async throws -> Bool {
        try await changesOneRow("""
            SELECT 1 FROM pi_jobs
            WHERE folder = \(job.folder) AND fence = \(job.fence) AND state = 'running'
              AND lease_until > now() + make_interval(secs => \(marginSeconds))
            """)
    }

    public func finish(_ job: ClaimedJob, outcome: String, published: Bool) async throws -> Bool {
        try await changesOneRow("""
            UPDATE pi_jobs SET state = CASE WHEN again THEN 'pending' ELSE 'done' END, again = false,
                last_worker = worker, worker = NULL, lease_until = NULL, finished_at = now(), last_outcome = \(outcome),
                publishes = publishes + \(published ? 1 : 0)
            WHERE folder = \(job.folder) AND fence = \(job.fence) AND state = 'running'
            RETURNING 1
            """)
    }

    public func release(_ job: ClaimedJob) async throws {
        try await rows("""
            UPDATE pi_jobs SET state = 'pending', worker = NULL, lease_until = NULL
            WHERE folder = \(job.folder) AND fence = \(job.fence) AND state = 'running'
            """)
    }

    /// One provider call may start when fewer than `perMinute` started in the last minute and
    /// fewer than `perHour` in the last hour, counted over every host. The count and the insert
    /// run under a transaction-scoped advisory lock on the key, so two hosts never both take the
    /// last slot.
    public func take(key: String, perMinute: Int, perHour: Int) async throws -> Double? {
        let (client, logger) = (client, logger)
        return try await answered {
            try await client.withTransaction(logger: logger) { connection -> Double? in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext('pi_provider_calls:' || \(key)))", logger: logger)
                try await connection.query("""
                    DELETE FROM pi_provider_calls WHERE key = \(key) AND started_at < now() - interval '1 hour'
                    """, logger: logger)
                // Seconds until the oldest call of each full window leaves it; nil while there is room.
                let rows = try await connection.query("""
                    SELECT
                      CASE WHEN count(*) FILTER (WHERE started_at > now() - interval '1 minute') >= \(perMinute)
                        THEN extract(epoch FROM min(started_at) FILTER (WHERE started_at > now() - interval '1 minute')
                                                + interval '1 minute' - now())::float8 END,
                      CASE WHEN count(*) >= \(perHour)
                        THEN extract(epoch FROM min(started_at) + interval '1 hour' - now())::float8 END
                    FROM pi_provider_calls WHERE key = \(key)
                    """, logger: logger)
                var wait: Double?
                for try await (minute, hour) in rows.decode((Double?, Double?).self) {
                    wait = [minute, hour].compactMap { $0 }.max()
                }
                if let wait { return max(0.05, wait) }
                try await connection.query("INSERT INTO pi_provider_calls (key) VALUES (\(key))", logger: logger)
                return nil
            }
        }
    }

    /// The sums and the reservation run under a transaction-scoped advisory lock, so two hosts
    /// never both take the last of a budget. Rows from before last month are dropped on the way.
    public func reserve(estimate: Double, day: Date, month: Date, expiresAfter: Double,
                        check: @escaping @Sendable (_ spentToday: Double, _ spentThisMonth: Double) throws -> Void) async throws -> Int64 {
        let (client, logger) = (client, logger)
        // A refusal is returned out of the transaction, not thrown through it: postgres-nio wraps
        // what a transaction's body throws, and the caller must see the budget's own error.
        return try await answered {
            try await client.withTransaction(logger: logger) { connection -> Result<Int64, any Error> in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext('pi_spend'))", logger: logger)
                try await connection.query("DELETE FROM pi_spend WHERE at < \(month) - interval '31 days'", logger: logger)
                let sums = try await connection.query("""
                    SELECT coalesce(sum(usd) FILTER (WHERE at >= \(day)), 0)::float8, coalesce(sum(usd), 0)::float8
                    FROM pi_spend WHERE at >= \(min(day, month)) AND (settled OR expires_at > now())
                    """, logger: logger)
                var (today, thisMonth) = (0.0, 0.0)
                for try await (d, m) in sums.decode((Double, Double).self) { (today, thisMonth) = (d, m) }
                do {
                    try check(today, thisMonth)
                } catch {
                    return .failure(error)
                }
                let inserted = try await connection.query("""
                    INSERT INTO pi_spend (usd, expires_at) VALUES (\(estimate), now() + make_interval(secs => \(expiresAfter)))
                    RETURNING id
                    """, logger: logger)
                var id: Int64?
                for try await value in inserted.decode(Int64.self) { id = value }
                guard let id else { throw UnexpectedAnswer(description: "INSERT INTO pi_spend returned no id") }
                return .success(id)
            }
        }.get()
    }

    public func settle(_ id: Int64, cost: Double?) async throws {
        if let cost {
            try await rows("UPDATE pi_spend SET usd = \(cost), settled = true WHERE id = \(id)")
        } else {
            try await rows("UPDATE pi_spend SET settled = true WHERE id = \(id)")
        }
    }

    public func spent(since: Date) async throws -> Double {
        let sums = try await rows("""
            SELECT coalesce(sum(usd), 0)::float8 FROM pi_spend WHERE at >= \(since) AND (settled OR expires_at > now())
            """)
        return try sums.first?.decode(Double.self) ?? 0
    }

    public func checkIn(worker: String) async throws {
        try await rows("""
            INSERT INTO pi_workers (name) VALUES (\(worker))
            ON CONFLICT (name) DO UPDATE SET last_seen = now()
            """)
    }

    /// `status --database`: the jobs by state, who holds which claim, and the workers seen lately.
    public func overview(workersSeenWithinSeconds: Double = 3600) async throws -> QueueOverview {
        var overview = QueueOverview()
        for row in try await rows("SELECT state, count(*) FROM pi_jobs GROUP BY state") {
            let (state, count) = try row.decode((String, Int64).self)
            overview.jobs[state] = Int(count)
        }
        for row in try await rows("""
            SELECT folder, coalesce(worker, ''), fence, extract(epoch FROM lease_until - now())::float8
            FROM pi_jobs WHERE state = 'running' ORDER BY folder
            """) {
            let (folder, worker, fence, left) = try row.decode((String, String, Int64, Double).self)
            overview.leases.append(.init(folder: folder, worker: worker, fence: fence, secondsLeft: (left * 10).rounded() / 10))
        }
        for row in try await rows("""
            SELECT w.name, extract(epoch FROM now() - w.last_seen)::float8,
                   (SELECT count(*) FROM pi_jobs j WHERE j.worker = w.name AND j.state = 'running'),
                   (SELECT count(*) FROM pi_jobs j WHERE j.last_worker = w.name AND j.state = 'done')
            FROM pi_workers w WHERE w.last_seen > now() - make_interval(secs => \(workersSeenWithinSeconds))
            ORDER BY w.name
            """) {
            let (name, ago, running, finished) = try row.decode((String, Double, Int64, Int64).self)
            overview.workers.append(.init(name: name, secondsSinceSeen: (ago * 10).rounded() / 10, running: Int(running),
                                          finished: Int(finished)))
        }
        return overview
    }

    private func changesOneRow(_ query: PostgresQuery) async throws -> Bool {
        try await !rows(query).isEmpty
    }

    /// Runs the query and collects its rows, or throws `DatabaseDoesNotAnswer` after `answerSeconds`.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        let (client, logger) = (client, logger)
        return try await answered {
            var rows: [PostgresRow] = []
            for try await row in try await client.query(query, logger: logger) { rows.append(row) }
            return rows
        }
    }

    /// `body`'s result, or `DatabaseDoesNotAnswer` after `answerSeconds`.
    func answered<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let seconds = answerSeconds
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw DatabaseDoesNotAnswer(seconds: seconds)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

/// `postgres://user:password@host:port/database?sslmode=disable|prefer|require` → postgres-nio's
/// configuration (postgres-nio reads no URLs itself).
public enum DatabaseURL {
    public static func isPostgres(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    static func parse(_ url: String) throws -> PostgresClient.Configuration {
        guard isPostgres(url), let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else {
            throw DatabaseURLError(message: "not a PostgreSQL URL (postgres://user:password@host:port/database): \(redacted(url))")
        }
        let user = parts.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let database = parts.path.isEmpty || parts.path == "/" ? nil : String(parts.path.dropFirst())
        let mode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw DatabaseURLError(message: "sslmode=\(mode) in the database URL: expected disable, prefer or require")
        }
        return PostgresClient.Configuration(host: host, port: parts.port ?? 5432, username: user,
                                            password: parts.password?.removingPercentEncoding, database: database, tls: tls)
    }

    /// The URL without its password, for messages and logs.
    public static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? "postgres://…"
    }
}

/// What `status` shows of the shared queue (snake_case in JSON).
public struct QueueOverview: Encodable, Sendable {
    public struct Lease: Encodable, Sendable {
        public var folder: String
        public var worker: String
        public var fence: Int64
        /// Negative: run out, and the job is waiting for another worker.
        public var secondsLeft: Double

        enum CodingKeys: String, CodingKey {
            case folder, worker, fence
            case secondsLeft = "seconds_left"
        }
    }
    public struct Worker: Encodable, Sendable {
        public var name: String
        public var secondsSinceSeen: Double
        public var running: Int
        /// Jobs whose last run this worker finished.
        public var finished: Int

        enum CodingKeys: String, CodingKey {
            case name, running, finished
            case secondsSinceSeen = "seconds_since_seen"
        }
    }
    /// pending, running, done → how many.
    public var jobs: [String: Int] = [:]
    public var leases: [Lease] = []
    public var workers: [Worker] = []
}

public struct DatabaseDoesNotAnswer: Error, CustomStringConvertible {
    public var seconds: Int
    public var description: String { "no answer from PostgreSQL in \(seconds) s" }
}

public struct UnexpectedAnswer: Error, CustomStringConvertible {
    public var description: String
}

public struct DatabaseURLError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
