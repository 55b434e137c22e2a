import ArgumentParser
import Foundation
import Pipeline
import PipelineStore
import PostgresQueue
import PropertyCore

/// `migrate --to postgres://…`: this host's folder history into the history shared by several hosts.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy this host's folder history (states, dates, outcomes) from its SQLite state into PostgreSQL.",
        discussion: """
            Before a host joins several (`watch --database`, `work`): every folder row of the state
            database (state, step, pause reason or failure cause, fingerprints, first publish, publish
            count, last change) is copied into the shared history, keyed by its path relative to the
            inbox. A folder the shared history already has is left as it is, so running it twice
            copies nothing twice. The SQLite file is not changed. The stage cache, inputs, runs,
            listing dates, hook deliveries, notices and the usage log stay on this host
            (docs/SCALE-OUT.md).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "PostgreSQL URL to copy into (postgres://user:password@host:port/database).")
    var to: String

    @Option(name: .long, help: "The inbox as this host mounts it (default: [watch] inbox in the config): folders under it are keyed relative to it, as every host sees them.",
            completion: .directory)
    var inbox: String?

    func run() async throws {
        let settings = try global.settings()
        guard DatabaseURL.isPostgres(to) else {
            throw ValidationError("--to: only PostgreSQL is supported (postgres://…), not \(DatabaseURL.redacted(to))")
        }
        // Copying must not create state: a mistyped --state-dir copies nothing and says so.
        guard AppDatabase.exists(inStateDirectory: settings.stateDirectory) else {
            throw ValidationError("no state database in \(settings.stateDirectory.path): nothing to migrate")
        }
        let runtime = try global.makeRuntime()
        let inboxPath = (inbox ?? settings.configuration.inboxPath).map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let queue = try PostgresJobQueue(url: to, logger: runtime.logger)
        let client = Task { await queue.run() }
        defer { client.cancel() }
        try await queue.prepareSchema()
        let result = try await PostgresFolderHistory(queue: queue, inbox: inboxPath).importFolders(from: runtime.store.folders)
        for line in Self.report(result, inbox: inboxPath, target: DatabaseURL.redacted(to)) { print(line) }
    }

    static func report(_ result: FolderImport, inbox: String?, target: String) -> [String] {
        let byState = Dictionary(grouping: result.copied, by: \.state.rawValue).mapValues(\.count)
            .sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var lines = ["Copied \(result.copied.count) folder\(result.copied.count == 1 ? "" : "s") to \(target)"
                     + (byState.isEmpty ? "" : ": \(byState)")]
        lines.append("Already there (left unchanged): \(result.alreadyThere.count)")
        let outside = result.copied.filter { record in inbox.map { !record.path.hasPrefix($0 + "/") } ?? true }
        if !outside.isEmpty {
            lines.append("Not under the inbox \(inbox ?? "(none given: --inbox)"), kept by their absolute path: \(outside.count)")
        }
        lines += result.copied.map { "  copied \($0.path) (\($0.state.rawValue), published \($0.publishCount)×)" }
        return lines
    }
}
