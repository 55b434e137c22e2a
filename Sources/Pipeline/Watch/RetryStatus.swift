import BlockingIO
import Foundation
import PipelineStore
import PropertyCore

/// Tells the agent a run stopped on trouble of ours and will be tried again by itself: the
/// folder's state becomes "paused" (not settled, so a restart tries it too) with the reason, and
/// `_STATUS.txt` says when. Either write may fail on a full or read-only disk; the next try
/// writes them again.
enum RetryStatus {
    static func announce(folder: URL, reason: String, retryInSeconds: Double, store: PipelineStore) async {
        let name = folder.lastPathComponent
        _ = try? await store.setState(.paused, error: "will try again: \(reason)", folderPath: folder.path, propertyId: name)
        let retryAt = WaitingStatus.clockTime(Date().timeIntervalSince1970 + retryInSeconds)
        let text = AgentStatusText.render(propertyId: name, state: .paused,
                                          reason: AgentStatusText.temporaryProblem(reason, retryAt: retryAt),
                                          updated: Timestamp.now())
        try? await BlockingExecutor.shared.run { try AtomicFile.write(text, to: folder.appendingPathComponent("_STATUS.txt")) }
    }
}
