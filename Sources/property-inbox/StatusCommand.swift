import ArgumentParser
import Foundation
import Pipeline
import PipelineStore
import PostgresQueue
import PropertyCore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the state database knows about each folder."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Only folders in this inbox.", completion: .directory)
    var inbox: String?

    @Flag(name: .long, help: "Print JSON (one object: state_directory and folders) for scripts and monitoring.")
    var json = false

    @Option(name: .long, help: "PostgreSQL URL of the shared job queue (default: [database] url in the config, or $PROPERTY_INBOX_DATABASE_URL): also show its jobs, leases and workers, and the folders every host processed (the shared history) instead of this host's.")
    var database: String?

    @Flag(name: .long, help: "Agent spaces: one summary of every space whose state directory is under --state-dir (one per property-inbox@<account>).")
    var spaces = false

    func run() async throws {
        let settings = try global.settings()
        if spaces {
            let summary = try await SpacesSummary.collect(root: settings.stateDirectory)
            if json { try printJSON(["spaces": summary]) } else if summary.isEmpty {
                print("No space state directories under \(settings.stateDirectory.path).")
            } else {
                SpacesSummary.lines(summary).forEach { print($0) }
            }
            return
        }
        // Several hosts: the queue and the folder history are the same whichever host asks, with
        // or without local state; the folders shown are then the shared ones.
        let inboxPath = (inbox ?? settings.configuration.inboxPath).map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let shared = try await QueueStatus.overview(url: database ?? settings.configuration.databaseURL, inbox: inboxPath,
                                                    logger: GlobalOptions.makeLogger(settings))
        let sharedQueue = shared?.0
        func inThisInbox(_ folders: [FolderRecord]) -> [FolderRecord] {
            guard inbox != nil, let inboxPath else { return folders }
            return folders.filter { $0.path.hasPrefix(inboxPath + "/") }
        }
        // Looking must not create state: a mistyped --state-dir would otherwise leave an empty
        // database behind and report "nothing processed" from it forever after.
        guard AppDatabase.exists(inStateDirectory: settings.stateDirectory) else {
            if json {
                try printJSON(StatusReport(stateDirectory: settings.stateDirectory.path, folders: inThisInbox(shared?.1 ?? []),
                                           sharedQueue: sharedQueue))
            } else {
                if let sharedQueue { QueueStatus.lines(sharedQueue).forEach { print($0) } }
                if let folders = shared?.1 {
                    Self.folderLines(inThisInbox(folders)).forEach { print($0) }
                } else {
                    print("No state database in \(settings.stateDirectory.path): nothing has been processed with this state directory.")
                }
            }
            return
        }
        let runtime = try global.makeRuntime()
        var folders = shared?.1 ?? []
        if shared == nil { folders = try await runtime.store.allFolders() }
        folders = inThisInbox(folders)
        let targets = runtime.configuration.site.hook.targets
        let owed = try await runtime.store.pendingHookDeliveries().filter { targets.contains($0.target) }
        let hook = StatusReport.Hook(owed: owed.count, failing: owed.filter { $0.attempts > 0 }.count,
                                     lastError: owed.compactMap(\.lastError).last)
        if json {
            try printJSON(StatusReport(stateDirectory: runtime.stateDirectory.path, folders: folders,
                                       notifications: try? await runtime.store.noticeCounts(),
                                       pausedFolders: folders.filter { $0.state == .paused }.count, hook: hook,
                                       sharedQueue: sharedQueue))
            return
        }
        if let sharedQueue { QueueStatus.lines(sharedQueue).forEach { print($0) } }
        if hook.failing > 0 {
            print("Rebuild hook failing: \(hook.owed) listing change\(hook.owed == 1 ? "" : "s") owed to the site"
                  + (hook.lastError.map { " — \($0)" } ?? ""))
        }
        if folders.isEmpty {
            print("No folders processed yet (state: \(runtime.stateDirectory.path)).")
            return
        }
        Self.folderLines(folders).forEach { print($0) }
    }

    static func folderLines(_ folders: [FolderRecord]) -> [String] {
        let width = max(12, folders.map(\.propertyId.count).max() ?? 0)
        return folders.map { folder in
            var line = folder.propertyId.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  " + folder.state.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                + "  updated \(folder.updatedAt)  published \(folder.publishCount)×"
            if let error = folder.lastError { line += "  — \(error)" }
            return line
        }
    }

    /// `status --json`: the folder rows as the database holds them (snake_case keys).
    struct StatusReport: Encodable {
        var stateDirectory: String
        var folders: [FolderRecord]
        /// The agents' messages: pending (the backlog), sent, uncertain (interrupted mid-send).
        var notifications: NoticeCounts?
        /// Folders waiting to be retried after a fault of the server's (`paused`).
        var pausedFolders = 0
        /// What the rebuild hook still owes the site (configured targets only).
        var hook = Hook()
        /// Several hosts: the shared queue's jobs, leases and workers (absent without a database).
        var sharedQueue: QueueOverview?

        struct Hook: Encodable {
            var owed = 0
            var failing = 0
            var lastError: String?

            enum CodingKeys: String, CodingKey {
                case owed, failing
                case lastError = "last_error"
            }
        }

        enum CodingKeys: String, CodingKey {
            case stateDirectory = "state_directory"
            case folders, notifications
            case pausedFolders = "paused_folders"
            case hook
            case sharedQueue = "shared_queue"
        }
    }
}

/// Pretty, key-sorted JSON on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
