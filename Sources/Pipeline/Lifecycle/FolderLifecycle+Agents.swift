import BlockingIO
import Foundation

extension FolderLifecycle {
    /// The time zone of the folder's agent (`[agents.<id>] time_zone`), else `[status] time_zone`.
    /// Asks the file system only when some agent has a zone of their own.
    func agentTimeZone(_ folder: URL) async -> TimeZone {
        let policy = statusLanguage
        guard !policy.agentTimeZones.isEmpty else { return timeZone }
        return await BlockingExecutor.shared.run { policy.timeZone(for: folder) } ?? timeZone
    }
}
