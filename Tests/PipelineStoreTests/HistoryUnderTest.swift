import Foundation
import Logging
import PipelineStore
import PostgresQueue
import Testing
import TestSupport

/// Where the folder history under test lives. The PostgreSQL variant needs a real server: `make
/// test` starts one (scripts/with-test-postgres.sh) and names it in PROPERTY_INBOX_TEST_POSTGRES_URL;
/// without it (`swift test` alone) only SQLite runs, and `postgresVariantsNeedAServer` says so.
enum HistoryKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["PROPERTY_INBOX_TEST_POSTGRES_URL"]
    /// What the parametrized tests run against.
    static var available: [HistoryKind] { postgresURL == nil ? [.sqlite] : allCases }
}

/// Shows up as skipped, with the reason, when the PostgreSQL variants do not run.
@Test(.disabled(if: HistoryKind.postgresURL == nil,
                "PROPERTY_INBOX_TEST_POSTGRES_URL is unset: the folder history's PostgreSQL variants are skipped (`make test` sets it)"))
func postgresVariantsNeedAServer() throws {
    try HistoryUnderTest.psql(try #require(HistoryKind.postgresURL), "SELECT 1")
}

/// A store on a fresh SQLite file in a temporary state directory, its folder history in that file
/// or in a PostgreSQL database of its own (created for the test, dropped after), as this host
/// mounting the inbox at /inbox.
enum HistoryUnderTest {
    static func withStore(_ kind: HistoryKind, _ body: (PipelineStore) async throws -> Void) async throws {
        let directory = try TemporaryDirectory("pipeline-store")
        let database = try AppDatabase.open(stateDirectory: directory.appending("state"))
        switch kind {
        case .sqlite:
            try await body(PipelineStore(database: database))
        case .postgres:
            try await withPostgres { queue in
                try await body(PipelineStore(database: database, sharedFolders: PostgresFolderHistory(queue: queue, inbox: "/inbox")))
            }
        }
    }

    /// A connection to a new, empty database on the test server, its schema prepared.
    static func withPostgres(_ body: (PostgresJobQueue) async throws -> Void) async throws {
        let server = try #require(HistoryKind.postgresURL, "PROPERTY_INBOX_TEST_POSTGRES_URL")
        let name = "pi_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(server, "CREATE DATABASE \(name)")
        defer { _ = try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var parts = try #require(URLComponents(string: server))
        parts.path = "/" + name
        // The whole suite keeps the cooperative pool busy for minutes: a query may wait its turn
        // far longer than a server takes to answer (5 s failed every PostgreSQL variant once so).
        let queue = try PostgresJobQueue(url: try #require(parts.string), logger: Logger(label: "test"), answerSeconds: 300)
        let client = Task { await queue.run() }
        defer { client.cancel() }
        try await queue.prepareSchema()
        try await body(queue)
    }

    /// SQL through the real `psql`; the password goes in the environment, never on a command line.
    @discardableResult
    static func psql(_ url: String, _ statement: String) throws -> String {
        var parts = try #require(URLComponents(string: url))
        let password = parts.password
        parts.password = nil
        let output = try ProcessRunner.run("psql", [try #require(parts.string), "-v", "ON_ERROR_STOP=1", "-Atc", statement],
                                           environment: ["PGPASSWORD": password])
        try #require(output.status == 0, "psql: \(statement): \(output.stderr)")
        return output.stdout
    }
}
