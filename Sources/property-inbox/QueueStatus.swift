import Foundation
import Logging
import PipelineStore
import PostgresQueue

/// `status` with a database: the shared queue and folder history as the database sees them, for
/// every host at once.
enum QueueStatus {
    /// `inbox`: this host's mount of the inbox, under which the shared folders are shown (without
    /// one, by their paths relative to the inbox).
    static func overview(url: String?, inbox: String?, logger: Logger) async throws -> (QueueOverview, [FolderRecord])? {
        guard let url else { return nil }
        let queue = try PostgresJobQueue(url: url, logger: logger)
        let client = Task { await queue.run() }
        defer { client.cancel() }
        try await queue.prepareSchema()
        return (try await queue.overview(), try await PostgresFolderHistory(queue: queue, inbox: inbox).allFolders())
    }

    static func lines(_ overview: QueueOverview) -> [String] {
        let counts = ["pending", "running", "done"].map { "\(overview.jobs[$0] ?? 0) \($0)" }.joined(separator: ", ")
        var lines = ["Shared queue: \(counts)"]
        for worker in overview.workers {
            lines.append("  worker \(worker.name): \(worker.running) running, \(worker.finished) finished, seen \(Int(worker.secondsSinceSeen)) s ago")
        }
        for lease in overview.leases {
            let left = lease.secondsLeft >= 0 ? "\(lease.secondsLeft) s left" : "ran out \(-lease.secondsLeft) s ago"
            lines.append("  \(lease.folder): held by \(lease.worker) (claim \(lease.fence)), \(left)")
        }
        return lines
    }
}
